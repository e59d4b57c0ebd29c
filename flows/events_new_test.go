package flows_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// newEventUpTo starts /termin_neu as the organizer and answers the title.
func newEventUpTo(t *testing.T, b *eventBot) *flowtest.Chat {
	t.Helper()
	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/termin_neu")
	org.Send("Lesecafé")
	org.Expect("Wann beginnt er?")
	return org
}

// finishEvent answers the questions after the end with the defaults.
func finishEvent(t *testing.T, org *flowtest.Chat) {
	t.Helper()
	org.Expect("Wo findet er statt?")
	org.Send("Bibliothek")
	org.Press("Überspringen")
	org.Press("Kultur & Vereine")
	org.Press("Alle")
	org.Expect("Wie viele Plätze")
}

// The clock of flowtest is Wednesday, 25.11.2026, 10:00.
func TestNewEventReadsSpokenDates(t *testing.T) {
	tests := []struct{ start, end, want string }{
		{"in 2 Wochen 19 Uhr", "2 Stunden", "Mi., 09.12.2026, 19:00 Uhr – 21:00 Uhr"},
		{"übermorgen halb acht", "halb zehn", "Fr., 27.11.2026, 07:30 Uhr – 09:30 Uhr"},
		{"nächste Woche Dienstag halb acht abends", "22 Uhr", "Di., 01.12.2026, 19:30 Uhr – 22:00 Uhr"},
		{"12.12. 18:30", "20 Uhr", "Sa., 12.12.2026, 18:30 Uhr – 20:00 Uhr"},
	}
	for _, tt := range tests {
		t.Run(tt.start, func(t *testing.T) {
			b := newEventBot(t)
			org := newEventUpTo(t, b)
			org.Send(tt.start)
			org.Expect("Wann endet er?")
			org.Send(tt.end)
			finishEvent(t, org)
			org.Press("Überspringen")
			org.Expect("So sieht der Termin aus", tt.want)
		})
	}
}

func TestNewEventAsksWhichDayIsMeant(t *testing.T) {
	tests := []struct {
		name, answer, want string
	}{
		{"this week's by button", "press:Fr., 27.11.2026, 19:00 Uhr", "Fr., 27.11.2026, 19:00 Uhr"},
		{"next week's by button", "press:Fr., 04.12.2026, 19:00 Uhr", "Fr., 04.12.2026, 19:00 Uhr"},
		{"next week's by its number", "2", "Fr., 04.12.2026, 19:00 Uhr"},
		{"another date typed", "5.12. 18 Uhr", "Sa., 05.12.2026, 18:00 Uhr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newEventBot(t)
			org := newEventUpTo(t, b)
			org.Send("nächsten Freitag 19 Uhr")
			org.Expect("kann zwei Tage meinen", "[Fr., 27.11.2026, 19:00 Uhr]", "[Fr., 04.12.2026, 19:00 Uhr]")
			if label, ok := strings.CutPrefix(tt.answer, "press:"); ok {
				org.Press(label)
			} else {
				org.Send(tt.answer)
			}
			org.Expect("Wann endet er?")
			org.Press("Überspringen")
			finishEvent(t, org)
			org.Press("Überspringen")
			org.Expect("So sieht der Termin aus", tt.want)
		})
	}
}

func TestNewEventAsksWhichEndIsMeant(t *testing.T) {
	b := newEventBot(t)
	org := newEventUpTo(t, b)
	org.Send("morgen 9 Uhr") // Thursday
	org.Send("bis nächsten Samstag 12 Uhr")
	org.Expect("kann zwei Tage meinen", "Wann endet der Termin?", "[Sa., 28.11.2026, 12:00 Uhr]", "[Sa., 05.12.2026, 12:00 Uhr]")
	org.Press("Sa., 28.11.2026, 12:00 Uhr")
	org.Expect("Das Ende liegt 2 Tage nach dem Beginn. Stimmt das?", "[Ja, stimmt]", "[Nein, ändern]")
}

// "Freitag 18 Uhr" typed as the end of an event on a Saturday would make
// it last six days: the organizer is asked.
func TestNewEventConfirmsAnEndMoreThanADayAfterTheStart(t *testing.T) {
	tests := []struct {
		name, start, end, ask, answer, want string
	}{
		{"six days, meant", "Samstag 18 Uhr", "Freitag 18 Uhr", "Das Ende liegt 6 Tage nach dem Beginn. Stimmt das?",
			"Ja, stimmt", "Sa., 28.11.2026, 18:00 Uhr – Fr., 04.12.2026, 18:00 Uhr"},
		{"six days, mended", "Samstag 18 Uhr", "Freitag 18 Uhr", "Das Ende liegt 6 Tage nach dem Beginn. Stimmt das?",
			"Nein, ändern", "Sa., 28.11.2026, 18:00 Uhr – 20:00 Uhr"},
		{"30 hours", "Samstag 10 Uhr", "bis Sonntag 16 Uhr", "Das Ende liegt 30 Stunden nach dem Beginn. Stimmt das?",
			"Ja, stimmt", "Sa., 28.11.2026, 10:00 Uhr – So., 29.11.2026, 16:00 Uhr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newEventBot(t)
			org := newEventUpTo(t, b)
			org.Send(tt.start)
			org.Send(tt.end)
			org.Expect(tt.ask, "[Ja, stimmt]", "[Nein, ändern]")
			org.Press(tt.answer)
			if tt.answer == "Nein, ändern" {
				org.Expect("Wann endet er?")
				org.Send("20 Uhr")
			}
			finishEvent(t, org)
			org.Press("Überspringen")
			org.Expect("So sieht der Termin aus", tt.want)
		})
	}
	// Up to a day needs no question: a night out.
	b := newEventBot(t)
	org := newEventUpTo(t, b)
	org.Send("Samstag 20 Uhr")
	org.Send("bis Sonntag 20 Uhr")
	org.Expect("Wo findet er statt?")
}

// Typing a number at the capacity question is the number of seats, also
// 1, which used to press the first button ("Überspringen").
func TestNewEventWithOneSeat(t *testing.T) {
	tests := []struct {
		platform bot.Platform
		hints    bot.Hints
		seats    string
		want     int
	}{
		{bot.Telegram, bot.SlashCommands, "1", 1},
		{bot.Console, bot.Hints{Command: "/", Numbered: true}, "1", 1},
		{bot.Console, bot.Hints{Command: "/", Numbered: true}, "2", 2},
		{bot.Console, bot.Hints{Command: "/", Numbered: true}, "Überspringen", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.platform)+" "+tt.seats, func(t *testing.T) {
			b := newEventBot(t, flowtest.WithHints(tt.platform, bot.HintsFunc(func(bool) bot.Hints { return tt.hints })),
				flowtest.WithConfig(func(c *config.Config) { c.Console.Organizer = true }))
			org := b.Chat(tt.platform, organizerID)
			org.Send("/termin_neu")
			org.Send("Beratung")
			org.Send("morgen 10 Uhr")
			org.Press("Überspringen")
			finishEvent(t, org)
			for _, m := range org.Replies {
				if !m.Unnumbered {
					t.Errorf("the capacity question's buttons are numbered: %+v", m)
				}
			}
			org.Send(tt.seats)
			org.Expect("So sieht der Termin aus")
			org.Press("Termin anlegen")
			list, err := b.Store.Events(context.Background(), b.Clock.Now(), 0, 0)
			if err != nil || len(list) != 1 || list[0].Capacity != tt.want {
				t.Fatalf("events %+v, %v; want one with %d seats", list, err, tt.want)
			}
		})
	}
}

// Editing has no step for the choice: the organizer is told both days
// and asked for the date.
func TestEditingAnEventNamesBothDaysOfAnAmbiguousDate(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "amb1", berlin(t, b, "12.12.2026 18:30"), 0)
	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/termine")
	org.Press("Bearbeiten")
	org.Press("Beginn")
	org.Send("nächsten Freitag 19 Uhr")
	org.Expect("kann zwei Tage meinen, Fr., 27.11.2026, 19:00 Uhr oder Fr., 04.12.2026, 19:00 Uhr", "Bitte schreib das Datum")
	org.Send("4.12. 19 Uhr")
	org.Expect("Gespeichert", "Fr., 04.12.2026, 19:00 Uhr")
}

// What the organizer gets to share fits the platforms configured: with
// WhatsApp only, its link and a poster; with neither Telegram nor
// WhatsApp, no word about Telegram's settings.
func TestTheShareLinksFitThePlatforms(t *testing.T) {
	for _, tc := range []struct {
		name          string
		configure     func(c *config.Config)
		want, without []string
	}{
		{"WhatsApp only", func(c *config.Config) { c.Telegram.Username = ""; c.WhatsApp.Number = "4939483123" },
			[]string{"WhatsApp: https://wa.me/4939483123?text=start%20ev_", "(file plakat-"}, []string{"t.me", "telegram.username"}},
		{"Mattermost only", func(c *config.Config) { c.Telegram.Username = "" },
			[]string{"Einen Link zum Teilen gibt es nur mit Telegram oder WhatsApp", "/einladen"}, []string{"telegram.username", "plakat-"}},
		{"Telegram without its name", func(c *config.Config) { c.Telegram.Username = ""; c.Telegram.Token = "x" },
			[]string{"telegram.username"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newEventBot(t, flowtest.WithConfig(tc.configure))
			org := newEventUpTo(t, b)
			org.Send("12.12. 18:30")
			org.Send("20 Uhr")
			finishEvent(t, org)
			org.Press("Überspringen")
			org.Press("Termin anlegen")
			org.Expect(tc.want...)
			for _, s := range tc.without {
				if strings.Contains(org.Text(), s) {
					t.Errorf("the organizer reads %q:\n%s", s, org.Text())
				}
			}
		})
	}
}
