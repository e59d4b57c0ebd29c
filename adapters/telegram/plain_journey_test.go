package telegram_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// journey is what a resident taps, in one variant of German.
type journey struct {
	name string
	// plain makes Einfache Sprache the community's default; offer has the
	// resident take it from the first message instead.
	plain, offer bool
	// consent is the button that agrees; "" where the tap that took the
	// offer stands in for it and the next answer agrees.
	consent, agree, going string
	// expect are texts only this variant shows on the way.
	welcome, voteQuestion, saved, when string
}

var journeys = []journey{
	{name: "Deutsch", consent: "Einverstanden", agree: "Stimme zu", going: "Ich komme",
		welcome: "Bist du einverstanden?", voteQuestion: "Stimme zu", saved: "Du bist bei „Stadtgespräch Jugend“ dabei.",
		when: "Di., 08.12.2026, 19:00 Uhr"},
	{name: "Einfache Sprache als Voreinstellung", plain: true, consent: "Ja, einverstanden", agree: "Finde ich auch", going: "Ich komme",
		welcome: "Ich lade dich zu Treffen in der Stadt ein.", voteQuestion: "Finde ich nicht",
		saved: "Schön, du kommst zu „Stadtgespräch Jugend“!", when: "Dienstag, 8. Dezember, um 19 Uhr"},
	{name: "Einfache Sprache mit einem Tipp", offer: true, agree: "Finde ich auch", going: "Ich komme",
		welcome: "Ich lade dich zu Treffen in der Stadt ein.", voteQuestion: "Finde ich nicht",
		saved: "Schön, du kommst zu „Stadtgespräch Jugend“!", when: "Dienstag, 8. Dezember, um 19 Uhr"},
}

// TestPlainLanguageJourneysTakeAsManyTaps walks a resident on Telegram
// from /start to a first vote, and from a poster's link to an RSVP, in
// standard German and in Einfache Sprache (as the community's default,
// and taken in one tap from the first message), and compares the number
// of interactions. Plain language costs none: as the community's default
// it takes exactly the taps of standard German; taken from the first
// message, the tap that takes it stands in for the tap of consent, and
// the next answer (a district, an RSVP) agrees.
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
			if err := flowtest.Seed(ctx, w.store, w.clock.Now()); err != nil {
				t.Fatal(err)
			}
			w.start(nil)

			n := 0
			say := func(chat int64, s string) { n++; w.say(chat, s) }
			press := func(chat int64, label string) { n++; w.press(chat, label) }
			offer := func(chat int64) {
				if j.offer {
					w.expect(chat, "[In einfacher Sprache]")
					press(chat, "In einfacher Sprache")
				}
			}
			agree := func(chat int64) {
				if j.consent != "" {
					press(chat, j.consent)
				}
			}

			// /start → first vote
			voter := int64(1710 + i)
			say(voter, "/start")
			offer(voter)
			w.expect(voter, j.welcome)
			agree(voter)
			press(voter, "Badeborn")
			w.expect(voter, "Jugendraum in Badeborn", j.voteQuestion)
			press(voter, j.agree)
			o, err := w.store.Opinion(ctx, "op1")
			if err != nil || o.Agree != 1 {
				t.Fatalf("the vote was not counted: %+v %v", o, err)
			}
			votes[j.name] = n

			// a poster's link → RSVP
			n = 0
			guest := int64(1800 + i)
			say(guest, "/start ev_ev1")
			offer(guest)
			w.expect(guest, "Stadtgespräch Jugend", j.when, "["+j.going+"]")
			press(guest, j.going)
			agree(guest)
			if all := transcript(w.srv.MessagesTo(guest)); !strings.Contains(all, j.saved) {
				t.Errorf("%q missing:\n%s", j.saved, all)
			}
			rsvps[j.name] = n

			u := bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(guest, 10)}
			if a, _ := w.store.RSVPOf(ctx, "ev1", u); a != store.RSVPYes {
				t.Errorf("RSVP = %q", a)
			}
			p, err := w.store.Profile(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]string{true: flows.PlainLanguage, false: "de"}[j.plain || j.offer]; p.Lang != want {
				t.Errorf("profile language %q, want %q", p.Lang, want)
			}
			w.srv.AssertClean(t)
		})
	}
	std := journeys[0].name
	if votes[std] > 5 || rsvps[std] > 3 {
		t.Errorf("standard German: %d interactions to a first vote (at most 5) and %d to an RSVP (at most 3)", votes[std], rsvps[std])
	}
	for _, j := range journeys[1:] {
		if votes[j.name] != votes[std] || rsvps[j.name] != rsvps[std] {
			t.Errorf("%s: %d interactions to a first vote and %d to an RSVP; standard German takes %d and %d",
				j.name, votes[j.name], rsvps[j.name], votes[std], rsvps[std])
		}
	}
	for _, j := range journeys {
		t.Logf("%s: /start → first vote in %d interactions, poster link → RSVP in %d", j.name, votes[j.name], rsvps[j.name])
	}
}
