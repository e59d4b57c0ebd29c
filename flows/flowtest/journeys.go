package flowtest

import (
	"context"
	"fmt"
	"time"

	"github.com/heimatbot/heimatbot/store"
)

// The first minutes of a resident as scripts, played on every platform
// by its own tests (Telegram, Mattermost, WhatsApp, the flows' scripted
// chat), so that all count the same interactions. They speak standard
// German to the shipped example community, in a world prepared by Seed.

// Player is a person in a scripted journey on one platform: what they
// write and press, and what they check in the bot's latest message
// (buttons as "[label]").
type Player struct {
	Say    func(text string)
	Press  func(label string)
	Expect func(parts ...string)
	// Command is written before a command, as the platform takes it: "/"
	// on Telegram, "" on WhatsApp and in a Mattermost direct message.
	Command string
}

// Step is one interaction: a command (with its arguments, without the
// platform's prefix), a text or a press, and what the bot's latest
// message shows after it.
type Step struct {
	Cmd, Say, Press string
	Expect          []string
}

// Play plays the steps and returns the number of interactions: what the
// person wrote or pressed.
func Play(p Player, steps ...[]Step) int {
	n := 0
	for _, part := range steps {
		for _, s := range part {
			switch {
			case s.Cmd != "":
				p.Say(p.Command + s.Cmd)
			case s.Say != "":
				p.Say(s.Say)
			case s.Press != "":
				p.Press(s.Press)
			}
			n++
			if len(s.Expect) > 0 {
				p.Expect(s.Expect...)
			}
		}
	}
	return n
}

// Seeded is what Seed prepared: a statement of the town to vote on and
// an upcoming event on a poster.
const (
	SeededStatement = "Wir brauchen einen Jugendraum in Badeborn."
	SeededEvent     = "ev1"
	SeededTitle     = "Stadtgespräch Jugend"
)

// Seed prepares the world of the journeys: an approved statement on
// youth in Badeborn and the event SeededEvent on 8 December 2026, 19:00
// in Germany (the clocks of the tests stand at 25 November 2026).
func Seed(ctx context.Context, st *store.Store, now time.Time) error {
	ok, err := st.AddOpinion(ctx, store.Opinion{ID: "op1", Ref: "someone", Theme: "jugend", District: "badeborn",
		Text: SeededStatement, Status: "pending", Created: now})
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("the statement op1 was there before")
	}
	if _, err := st.DecideOpinion(ctx, "op1", true, "seed", now); err != nil {
		return err
	}
	return st.CreateEvent(ctx, store.Event{ID: SeededEvent, Title: SeededTitle, Place: "Rathaus",
		Start: time.Date(2026, 12, 8, 18, 0, 0, 0, time.UTC), Created: now})
}

// Onboarding is /start to the end of onboarding: the greeting with its
// consent (the language taken from the platform, and how to change it,
// said in one line), the district, and straight on to a statement to vote
// on when there is one (the menu otherwise).
func Onboarding() []Step {
	return []Step{
		{Cmd: "start", Expect: []string{"Andere Sprache", "Bist du einverstanden?", "[Einverstanden]", "[In einfacher Sprache]"}},
		{Press: "Einverstanden", Expect: []string{"In welchem Ortsteil", "[Badeborn]", "[Überspringen]"}},
		{Press: "Badeborn"},
	}
}

// FirstVote is /start to a first vote on the town's statements.
func FirstVote() []Step {
	s := Onboarding()
	s[len(s)-1].Expect = []string{SeededStatement, "[Stimme zu]"}
	return append(s, Step{Press: "Stimme zu"})
}

// PosterRSVP is a poster's link to a confirmed RSVP for someone new: the
// event first, consent when the answer needs storing, and the answer
// stored without a second press.
func PosterRSVP() []Step {
	return []Step{
		{Cmd: "start ev_" + SeededEvent, Expect: []string{"Hier ist der Termin", SeededTitle, "[Ich komme]"}},
		{Press: "Ich komme", Expect: []string{"Bist du einverstanden?", "[Einverstanden]"}},
		{Press: "Einverstanden", Expect: []string{"Ortsteil", "[Überspringen]"}},
	}
}

// FirstOpinion is /start to a first opinion sent to moderation.
func FirstOpinion() []Step {
	return append(Onboarding(),
		Step{Cmd: "meinung", Expect: []string{"Zu welchem Thema"}},
		Step{Press: "Jugend"},
		Step{Press: "✓ Badeborn", Expect: []string{"Schreib deine Meinung"}},
		Step{Say: "Der Jugendclub braucht längere Öffnungszeiten am Freitag."},
		Step{Press: "Überspringen", Expect: []string{"So sieht deine Meinung aus"}},
		Step{Press: "Absenden"},
	)
}

// FirstOffer is /start to a first offer of help.
func FirstOffer() []Step {
	return append(Onboarding(),
		Step{Cmd: "mitmachen", Expect: []string{"Wobei kannst du helfen?"}},
		Step{Press: "Handwerk"},
		Step{Press: "Fertig"},
		Step{Say: "Ich packe gern mit an."},
		Step{Press: "einmal"},
		Step{Press: "Fertig", Expect: []string{"Wie dürfen dich"}},
		Step{Press: "Nur über den Bot", Expect: []string{"Dein Angebot ist gespeichert"}},
	)
}

// PlainFirstVote is /start to a first vote for someone who takes the
// offer of Einfache Sprache from the first message: the tap that takes it
// stands in for the tap of consent, so the count is that of FirstVote.
func PlainFirstVote() []Step {
	return []Step{
		{Cmd: "start", Expect: []string{"Bist du einverstanden?", "[In einfacher Sprache]"}},
		{Press: "In einfacher Sprache", Expect: []string{"Ja? Dann tippe auf deinen Ortsteil.", "[Badeborn]", "[Ja, ohne Ortsteil]"}},
		{Press: "Badeborn", Expect: []string{SeededStatement, "[Finde ich auch]"}},
		{Press: "Finde ich auch"},
	}
}

// PlainPosterRSVP is a poster's link to a confirmed RSVP for someone new
// who takes the offer of Einfache Sprache under the event: the event
// again, saying what an answer stores, and the answer agrees.
func PlainPosterRSVP() []Step {
	return []Step{
		{Cmd: "start ev_" + SeededEvent, Expect: []string{"Hier ist der Termin", SeededTitle, "[In einfacher Sprache]"}},
		{Press: "In einfacher Sprache", Expect: []string{"Tippst du auf eine Antwort?", "Dann bist du einverstanden.", "[Ich komme]"}},
		{Press: "Ich komme", Expect: []string{"In welchem Ortsteil", "[Weiter]"}},
	}
}
