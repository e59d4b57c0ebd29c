package flows_test

import (
	"context"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestDeleteRemovesEveryVoice(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001"))
	id := "erase" + storetest.Community(t)
	a := b.Chat(bot.Telegram, id)
	other := b.Chat(bot.Telegram, "8901")
	onboard(t, a)
	onboard(t, other)
	org := b.Chat(bot.Telegram, "9001")

	// An opinion of each, both approved, each voted on by the other.
	writeOpinion(t, a, "Jugend", "Meine Meinung, die ich später lösche.")
	received(t, b, org)
	org.Press("Freigeben")
	writeOpinion(t, other, "Jugend", "Die Meinung der anderen Person bleibt.")
	received(t, b, org)
	org.Press("Freigeben")
	a.Send("/stimmen")
	a.Press("Stimme zu")
	other.Send("/stimmen")
	other.Press("Sehe ich anders")

	// Offers of each, a need of each, each interested in the other's.
	offerHelp(t, a, []string{"Handwerk"}, nil, "Meinen Benutzernamen zeigen")
	offerHelp(t, other, []string{"Handwerk"}, nil, "Meinen Benutzernamen zeigen")
	postNeed(t, a, "Mein Gesuch", "Handwerk", "Badeborn")
	received(t, b, other)
	other.Press("Interessiert")
	postNeed(t, other, "Das Gesuch der anderen", "Handwerk", "Badeborn")
	received(t, b, a)
	a.Press("Interessiert")

	ref := profile(t, b, a).Ref
	if len(storetest.Traces(t, b.Redis, ref)) < 5 {
		t.Fatalf("the person's voices left few traces before deletion: %v", storetest.Traces(t, b.Redis, ref))
	}
	a.Send("/loeschen")
	a.Press("Ja, alles löschen")
	a.Expect("Ich habe alles gelöscht")
	for _, needle := range []string{id, ref} {
		if keys := storetest.Traces(t, b.Redis, needle); len(keys) > 0 {
			t.Errorf("after /loeschen %q is still in %v", needle, keys)
		}
	}

	ctx := context.Background()
	ops, err := b.Store.ApprovedOpinions(ctx)
	if err != nil || len(ops) != 1 || ops[0].Text != "Die Meinung der anderen Person bleibt." || ops[0].Agree != 1 {
		t.Fatalf("after deletion the approved opinions are %+v (%v); want the other's, its count kept", ops, err)
	}
	if votes := allVotes(t, b); len(votes) != 0 {
		t.Fatalf("votes left: %+v", votes)
	}
	matches, err := b.Store.MatchesOf(ctx, profile(t, b, other).Ref)
	if err != nil || len(matches) != 0 {
		t.Fatalf("the other's answer to the deleted need is left: %v %v", matches, err)
	}
}
