package whatsapp_test

import (
	"testing"

	"github.com/heimatbot/heimatbot/store/storetest"
)

// The phone number is personal data: after /loeschen no key and no value
// of the community holds it, the window's note included, and the person
// is told so.
func TestDeleteRemovesTheNumberEverywhere(t *testing.T) {
	w := newWorld(t)
	w.start()
	const p = "4915100000020"
	w.onboard(p)
	w.say(p, "termine")
	if len(storetest.Traces(t, w.rdb, p)) == 0 {
		t.Fatal("the number left no trace before deletion: the test would prove nothing")
	}
	w.say(p, "loeschen")
	w.press(p, "Ja, alles löschen")
	w.expect(p, "Ich habe alles gelöscht")
	if keys := storetest.Traces(t, w.rdb, p); len(keys) > 0 {
		t.Errorf("after /loeschen the number is still in %v", keys)
	}
	w.srv.AssertClean(t)
}

// The consent says that on WhatsApp what the bot keeps to reach the
// person is their phone number.
func TestTheConsentNamesThePhoneNumber(t *testing.T) {
	w := newWorld(t)
	w.start()
	const p = "4915100000021"
	w.say(p, "Hallo")
	w.expect(p, "wie ich dich hier erreiche (hier ist das deine Telefonnummer)")
}
