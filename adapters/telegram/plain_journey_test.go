package telegram_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
)

// journey is what a resident taps, in one variant of German.
type journey struct {
	name string
	// plain makes Einfache Sprache the community's default; offer has the
	// resident take it from the first message instead.
	plain, offer                                                   bool
	consent, language, interestsDone, skipRole, vote, agree, going string
	// expect are texts only this variant shows on the way.
	welcome, voteQuestion, saved, when string
}

var journeys = []journey{
	{name: "Deutsch", consent: "Einverstanden", language: "Deutsch", interestsDone: "Fertig", skipRole: "Überspringen",
		vote: "Abstimmen", agree: "Stimme zu", going: "Ich komme",
		welcome: "Bist du einverstanden?", voteQuestion: "Stimme zu", saved: "Du bist bei „Stadtgespräch Jugend“ dabei.",
		when: "Di., 08.12.2026, 19:00 Uhr"},
	{name: "Einfache Sprache als Voreinstellung", plain: true, consent: "Ja, einverstanden", language: "Einfache Sprache",
		interestsDone: "Fertig", skipRole: "Weiter", vote: "Abstimmen", agree: "Finde ich auch", going: "Ich komme",
		welcome: "Ich lade dich zu Treffen in der Stadt ein.", voteQuestion: "Finde ich nicht",
		saved: "Schön, du kommst zu „Stadtgespräch Jugend“!", when: "Dienstag, 8. Dezember, um 19 Uhr"},
	{name: "Einfache Sprache mit einem Tipp", offer: true, consent: "Ja, einverstanden", interestsDone: "Fertig",
		skipRole: "Weiter", vote: "Abstimmen", agree: "Finde ich auch", going: "Ich komme",
		welcome: "Ich lade dich zu Treffen in der Stadt ein.", voteQuestion: "Finde ich nicht",
		saved: "Schön, du kommst zu „Stadtgespräch Jugend“!", when: "Dienstag, 8. Dezember, um 19 Uhr"},
}

// TestPlainLanguageJourneysTakeAsManyTaps walks a resident on Telegram
// from /start to a first vote, and from a poster's link to an RSVP, in
// standard German and in Einfache Sprache (as the community's default,
// and taken in one tap from the first message), and compares the number
// of interactions: plain language costs none.
func TestPlainLanguageJourneysTakeAsManyTaps(t *testing.T) {
	votes := map[string]int{}
	rsvps := map[string]int{}
	for i, j := range journeys {
		t.Run(j.name, func(t *testing.T) {
			w := newWorld(t)
			if j.plain {
				w.cfg.Community.Languages = []string{flows.PlainLanguage, "de", "en"}
			}
			ctx := context.Background()
			ok, err := w.store.AddOpinion(ctx, store.Opinion{ID: "op1", Ref: "someone", Theme: "jugend", District: "badeborn",
				Text: "Wir brauchen einen Jugendraum in Badeborn.", Status: "pending", Created: w.clock.Now()})
			if err != nil || !ok {
				t.Fatalf("seed opinion: %v %v", ok, err)
			}
			if _, err := w.store.DecideOpinion(ctx, "op1", true, "seed", w.clock.Now()); err != nil {
				t.Fatal(err)
			}
			ev := store.Event{ID: "ev1", Title: "Stadtgespräch Jugend", Place: "Rathaus",
				Start: time.Date(2026, 12, 8, 18, 0, 0, 0, time.UTC), Created: w.clock.Now()}
			if err := w.store.CreateEvent(ctx, ev); err != nil {
				t.Fatal(err)
			}
			w.start(nil)

			n := 0
			say := func(chat int64, s string) { n++; w.say(chat, s) }
			press := func(chat int64, label string) { n++; w.press(chat, label) }
			onboard := func(chat int64) {
				if j.offer {
					w.expect(chat, "Bist du einverstanden?", "[In einfacher Sprache]")
					press(chat, "In einfacher Sprache")
				}
				w.expect(chat, j.welcome)
				press(chat, j.consent)
				if j.language != "" {
					press(chat, j.language)
				}
				press(chat, "Badeborn")
				press(chat, j.interestsDone)
				press(chat, j.skipRole)
			}

			// /start → first vote
			const voter = 1700 + 10
			say(voter+int64(i), "/start")
			onboard(voter + int64(i))
			press(voter+int64(i), j.vote)
			w.expect(voter+int64(i), "Jugendraum in Badeborn", j.voteQuestion)
			press(voter+int64(i), j.agree)
			o, err := w.store.Opinion(ctx, "op1")
			if err != nil || o.Agree != 1 {
				t.Fatalf("the vote was not counted: %+v %v", o, err)
			}
			votes[j.name] = n

			// a poster's link → RSVP
			n = 0
			const guest = 1800
			say(guest+int64(i), "/start ev_ev1")
			onboard(guest + int64(i))
			w.expect(guest+int64(i), "Stadtgespräch Jugend", j.when)
			press(guest+int64(i), j.going)
			w.expect(guest+int64(i), j.saved)
			rsvps[j.name] = n

			p, err := w.store.Profile(ctx, bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(guest+int64(i), 10)})
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]string{true: flows.PlainLanguage, false: "de"}[j.plain || j.offer]; p.Lang != want {
				t.Errorf("profile language %q, want %q", p.Lang, want)
			}
			w.srv.AssertClean(t)
		})
	}
	for _, j := range journeys[1:] {
		if votes[j.name] != votes[journeys[0].name] || rsvps[j.name] != rsvps[journeys[0].name] {
			t.Errorf("%s: %d interactions to a first vote and %d to an RSVP; standard German takes %d and %d",
				j.name, votes[j.name], rsvps[j.name], votes[journeys[0].name], rsvps[journeys[0].name])
		}
	}
	for _, j := range journeys {
		t.Logf("%s: /start → first vote in %d interactions, poster link → RSVP in %d", j.name, votes[j.name], rsvps[j.name])
	}
}
