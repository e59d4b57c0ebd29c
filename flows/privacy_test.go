package flows_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestDeleteLeavesNoTraceOfThePerson(t *testing.T) {
	b := flowtest.New(t)
	id := "erase" + storetest.Community(t) // unique in the shared Redis
	c := b.Chat(bot.Telegram, id)
	onboard(t, c)
	c.Send("/profil") // leaves an open conversation behind as well
	ctx := context.Background()
	p, err := b.Store.Profile(ctx, c.User)
	if err != nil {
		t.Fatal(err)
	}
	if len(storetest.Traces(t, b.Redis, id)) == 0 || len(storetest.Traces(t, b.Redis, p.Ref)) == 0 {
		t.Fatal("the person left no trace before deletion: the scan cannot find anything")
	}

	c.Send("/loeschen")
	c.Expect("Soll ich alles löschen", "[Ja, alles löschen]", "[Nein, behalten]")
	c.Press("Ja, alles löschen")
	c.Expect("Ich habe alles gelöscht")

	for _, needle := range []string{id, p.Ref} {
		if keys := storetest.Traces(t, b.Redis, needle); len(keys) > 0 {
			t.Errorf("after /loeschen %q is still in %v", needle, keys)
		}
	}
	c.Send("/profil")
	c.Expect("Bist du einverstanden?")
}

func TestDeleteCanBeDeclined(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "2001")
	onboard(t, c)
	c.Send("/loeschen")
	c.Press("Nein, behalten")
	c.Expect("nichts gelöscht")
	if _, err := b.Store.Profile(context.Background(), c.User); err != nil {
		t.Fatal("profile gone after declining deletion")
	}
}

func TestPrivacyExplainsStorage(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "2002")
	c.Send("/datenschutz")
	c.Expect("Datenschutz", "Wie lange", "/loeschen", "/meinedaten")
	if strings.Contains(c.Text(), "Bist du einverstanden") {
		t.Fatal("privacy text asked for consent")
	}
}

func TestMyDataWithoutConsentSaysNothingIsStored(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "2003")
	c.Send("/meinedaten")
	c.Expect("nichts gespeichert")
}
