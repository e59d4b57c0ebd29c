package whatsapp_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
)

func TestOnboardingOnWhatsApp(t *testing.T) {
	w := newWorld(t)
	w.start()
	const person = "4915112345678"

	w.say(person, "Hallo")
	w.expect(person, "Bist du einverstanden?", "[Einverstanden]")
	if greeting := w.last(person).Shown; !strings.Contains(greeting, "Andere Sprache: sprache") && !strings.Contains(greeting, "Andere Sprache: *sprache*") {
		t.Errorf("the greeting names /sprache as WhatsApp takes it (a bare word):\n%s", greeting)
	}
	w.press(person, "Einverstanden")
	w.expect(person, "In welchem Ortsteil", "[Badeborn]", "[Asmusstedt]")
	w.press(person, "Badeborn")
	w.expect(person, "Was möchtest du tun?")
	// The rest of the profile, offered afterwards.
	w.press(person, "Themen wählen")
	w.expect(person, "Welche Themen", "[Jugend]")
	w.press(person, "Jugend")
	w.press(person, "Orte der Begegnung")
	w.press(person, "Fertig")
	w.expect(person, "in welcher Rolle", "[Überspringen]")
	w.press(person, "Verein/Ehrenamt")
	w.expect(person, "Danke, gespeichert!")

	p, err := w.store.Profile(context.Background(), bot.User{Platform: bot.WhatsApp, ID: person})
	if err != nil {
		t.Fatal(err)
	}
	if p.District != "badeborn" || p.Role != "verein" || !slices.Equal(p.Interests, []string{"jugend", "begegnung"}) {
		t.Errorf("profile = %+v", p)
	}
	if consent := w.srv.To(person)[0].Shown; !strings.Contains(consent, "Mit *loeschen*") && !strings.Contains(consent, "Mit loeschen") {
		t.Errorf("the consent names the delete command as WhatsApp takes it (a bare word):\n%s", consent)
	}
	w.srv.AssertClean(t)
}
