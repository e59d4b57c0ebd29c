package flows_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/poster/postertest"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

const organizerID = "900"

// eventBot is a bot with an organizer and a worker that sends what the
// events feature schedules.
type eventBot struct {
	*flowtest.Bot
	svc    *flows.EventService
	worker *flows.Worker
	logs   *bytes.Buffer
}

func newEventBot(t *testing.T, opts ...flowtest.Option) *eventBot {
	opts = append([]flowtest.Option{flowtest.WithConfig(func(c *config.Config) {
		c.Organizers.Telegram = []string{organizerID}
		c.Telegram.Username = "heimat_test_bot"
	})}, opts...)
	b := flowtest.New(t, opts...)
	d := flows.Deps{Config: b.Config, Store: b.Store, Now: b.Clock.Now}
	logs := &bytes.Buffer{}
	w := flows.NewWorker(d, b.Out, slog.New(slog.NewTextHandler(logs, nil)), scheduler.BroadcastOptions{Rate: -1})
	return &eventBot{Bot: b, svc: flows.NewEventService(d), worker: w, logs: logs}
}

// work runs the jobs due now and sends the broadcasts.
func (b *eventBot) work(t *testing.T) {
	t.Helper()
	if err := b.worker.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func (b *eventBot) event(t *testing.T, id string, start time.Time, capacity int) store.Event {
	t.Helper()
	e := store.Event{ID: id, Title: "Stadtgespräch " + id, Place: "Rathaus", Theme: "jugend",
		Start: start, End: start.Add(2 * time.Hour), Capacity: capacity}
	if err := b.svc.Create(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

// lastTo returns the plain text of messages to a chat since n.
func lastTo(b *eventBot, a bot.Address, n int) string {
	return flowtest.Dump(b.Out.To(a)[n:])
}

func berlin(t *testing.T, b *eventBot, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("02.01.2006 15:04", s, b.Config.Location())
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestOrganizerCreatesAnEventAndAResidentSaysYes(t *testing.T) {
	b := newEventBot(t)
	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/termin_neu")
	org.Expect("Wie heißt der Termin?")
	org.Send("Stadtgespräch Jugendclub")
	org.Expect("Wann beginnt er?")
	org.Send("12.12. 18:30")
	org.Expect("Wann endet er?", "[Überspringen]")
	org.Send("20 Uhr")
	org.Send("Bürgerhaus Badeborn")
	org.Expect("ein paar Sätze")
	org.Press("Überspringen")
	org.Press("Jugend")
	org.Expect("Für wen")
	org.Press("Alle")
	org.Expect("Wie viele Plätze")
	org.Press("Überspringen")
	org.Expect("So sieht der Termin aus", "Stadtgespräch Jugendclub", "Sa., 12.12.2026, 18:30 Uhr – 20:00 Uhr", "Bürgerhaus Badeborn")
	created := org.Press("Termin anlegen")
	org.Expect("ist angelegt", "https://t.me/heimat_test_bot?start=ev_", "(file plakat-")
	expectPoster(t, created, "Stadtgespräch Jugendclub", "Sa., 12.12.2026, 18:30 Uhr – 20:00 Uhr", "Bürgerhaus Badeborn")

	res := b.Chat(bot.Telegram, "901")
	onboard(t, res)
	res.Send("/termine")
	res.Expect("Die nächsten Termine (1)", "Stadtgespräch Jugendclub", "[Ich komme] [Vielleicht] [Kann nicht]", ".ics)")
	res.Press("Ich komme")
	res.Expect("Du bist bei „Stadtgespräch Jugendclub“ dabei")
	res.Send("/termine")
	res.Expect("Du hast zugesagt")
	res.Press("Kann nicht") // an answer can be changed
	res.Expect("Absage")
}

func TestNewEventRefusesBadInputAndCreatesNothing(t *testing.T) {
	tests := []struct {
		name, step, input string
		want              []string
	}{
		{"title too long", "title", strings.Repeat("x", 121), []string{"zu lang (121 Zeichen)", "Wie heißt der Termin?"}},
		{"past date", "start", "01.01.2020 10:00", []string{"in der Vergangenheit", "Wann beginnt er?"}},
		{"unparseable date", "start", "irgendwann mal", []string{"Dieses Datum verstehe ich nicht", "Wann beginnt er?"}},
		{"date without time", "start", "12.12.", []string{"Mir fehlt die Uhrzeit"}},
		{"end before start", "end", "17 Uhr", []string{"Wann endet er?"}},
		{"capacity not a number", "capacity", "viele", []string{"ganze Zahl", "Wie viele Plätze"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newEventBot(t)
			org := b.Chat(bot.Telegram, organizerID)
			org.Send("/termin_neu")
			steps := []func(){
				func() { org.Send("Titel") },
				func() { org.Send("12.12. 18:30") },
				func() { org.Send("20 Uhr") },
				func() { org.Send("Rathaus") },
				func() { org.Press("Überspringen") },
				func() { org.Press("Jugend") },
				func() { org.Press("Alle") },
			}
			upto := map[string]int{"title": 0, "start": 1, "end": 2, "capacity": 7}[tt.step]
			for _, s := range steps[:upto] {
				s()
			}
			before := draftState(t, b, org)
			org.Send(tt.input)
			org.Expect(tt.want...)
			if after := draftState(t, b, org); after != before {
				t.Fatalf("bad input changed the conversation:\n%s\n%s", before, after)
			}
			if list, _ := b.Store.Events(context.Background(), b.Clock.Now(), 0, 0); len(list) != 0 {
				t.Fatalf("events stored: %+v", list)
			}
		})
	}
}

func TestResidentsCannotCreateEvents(t *testing.T) {
	b := newEventBot(t)
	c := b.Chat(bot.Telegram, "902")
	c.Send("/termin_neu")
	c.Expect("Das dürfen nur Organisator:innen")
	c.Send("/einladen")
	c.Expect("Das dürfen nur Organisator:innen")
}

func TestEventsArePublicButAnsweringNeedsConsent(t *testing.T) {
	b := newEventBot(t)
	e := b.event(t, "pub", berlin(t, b, "12.12.2026 18:30"), 0)
	c := b.Chat(bot.Telegram, "903")
	c.Send("/termine")
	c.Expect(e.Title, "[Ich komme]")
	c.Press("Ich komme")
	c.Expect("Damit ich deine Antwort speichern kann, brauche ich dein Einverständnis.", "Bist du einverstanden?")
	if a, _ := b.Store.RSVPOf(context.Background(), "pub", c.User); a != store.RSVPNone {
		t.Fatalf("an answer was stored before consent: %q", a)
	}
	// One tap, and the answer is stored without a second press.
	c.Press("Einverstanden")
	c.Expect("Du bist bei „"+e.Title+"“ dabei.", "in welchem Ortsteil du wohnst", "[Überspringen]")
	if a, _ := b.Store.RSVPOf(context.Background(), "pub", c.User); a != store.RSVPYes {
		t.Fatalf("answer after consent = %q", a)
	}
}

func TestEventsPageWithMore(t *testing.T) {
	b := newEventBot(t)
	start := berlin(t, b, "01.12.2026 18:00")
	for i, id := range []string{"a", "b", "c", "d", "e"} {
		b.event(t, id, start.AddDate(0, 0, i), 0)
	}
	c := b.Chat(bot.Telegram, "904")
	c.Send("/termine")
	c.Expect("(5)", "Stadtgespräch a", "Stadtgespräch c", "noch 2 weitere", "[Mehr Termine]")
	if strings.Contains(c.Text(), "Stadtgespräch d") {
		t.Fatal("first page shows more than three")
	}
	c.Press("Mehr Termine")
	c.Expect("Stadtgespräch d", "Stadtgespräch e")
}

func TestFullEventOffersWaitingListAndACancellationPromotesWhoIsTold(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "full", berlin(t, b, "12.12.2026 18:30"), 1)
	first, second := b.Chat(bot.Telegram, "905"), b.Chat(bot.Telegram, "906")
	onboard(t, first)
	onboard(t, second)
	first.Deliver(bot.Update{ID: "r1", Button: bot.ActionPayload("rsvp", "full:y")})
	first.Expect("dabei")
	second.Deliver(bot.Update{ID: "r2", Button: bot.ActionPayload("rsvp", "full:y")})
	second.Expect("ist leider voll", "Warteliste, auf Platz 1")
	n := len(b.Out.To(second.Addr))
	first.Deliver(bot.Update{ID: "r3", Button: bot.ActionPayload("rsvp", "full:n")})
	if got := lastTo(b, second.Addr, n); !strings.Contains(got, "ein Platz frei geworden") {
		t.Fatalf("the promoted person was not told: %q", got)
	}
	if a, _ := b.Store.RSVPOf(context.Background(), "full", second.User); a != store.RSVPYes {
		t.Fatalf("promoted person's answer = %q", a)
	}
}

func TestStaleEventButtonsAreAnsweredKindly(t *testing.T) {
	b := newEventBot(t)
	c := b.Chat(bot.Telegram, "907")
	onboard(t, c)
	b.event(t, "old", b.Clock.Now().Add(time.Hour), 0)
	tests := []struct{ payload, want string }{
		{bot.ActionPayload("rsvp", "nosuch:y"), "gibt es nicht mehr"},
		{bot.ActionPayload("rsvp", "old:q"), "nicht mehr aktuell"},
		{bot.ActionPayload("evmore", "x"), "nicht mehr aktuell"},
		{bot.ActionPayload("fb", "old:9"), "nicht mehr aktuell"},
	}
	for i, tt := range tests {
		c.Deliver(bot.Update{ID: "stale" + string(rune('a'+i)), Button: tt.payload})
		c.Expect(tt.want)
	}
	b.Clock.Advance(2 * time.Hour)
	c.Deliver(bot.Update{ID: "late", Button: bot.ActionPayload("rsvp", "old:y")})
	c.Expect("hat schon stattgefunden")
	if a, _ := b.Store.RSVPOf(context.Background(), "old", c.User); a != store.RSVPNone {
		t.Fatalf("a late answer was stored: %q", a)
	}
}

// A poster's link shows its event first, to anyone, with its answer
// buttons and calendar file; consent is asked when an answer needs
// storing, and the rest of the profile is offered afterwards.
func TestPosterLinkShowsTheEventFirst(t *testing.T) {
	b := newEventBot(t)
	e := b.event(t, "link1", berlin(t, b, "12.12.2026 18:30"), 0)
	newcomer := b.Chat(bot.Telegram, "908")
	newcomer.Send("/start ev_link1")
	newcomer.Expect("Hier ist der Termin", e.Title, "[Ich komme]", "[Vielleicht]", "[In einfacher Sprache]", "(file termin-link1.ics)")
	if strings.Contains(newcomer.Text(), "einverstanden") {
		t.Errorf("consent asked before the event is shown:\n%s", newcomer.Text())
	}
	newcomer.Press("Ich komme")
	newcomer.Expect("Bist du einverstanden?", "[Einverstanden]", "[In einfacher Sprache]")
	newcomer.Press("Einverstanden")
	newcomer.Expect("Du bist bei „"+e.Title+"“ dabei.", "in welchem Ortsteil du wohnst", "[Badeborn]", "[Überspringen]")
	if a, _ := b.Store.RSVPOf(context.Background(), "link1", newcomer.User); a != store.RSVPYes {
		t.Fatalf("the RSVP from the poster = %q", a)
	}
	newcomer.Press("Badeborn")
	newcomer.Expect("Danke, das war's schon!", "[Themen wählen]")
	if strings.Contains(newcomer.Text(), "Der nächste Termin") {
		t.Errorf("the event just answered is suggested again:\n%s", newcomer.Text())
	}
	if p, err := b.Store.Profile(context.Background(), newcomer.User); err != nil || p.District != "badeborn" {
		t.Fatalf("profile = %+v, %v", p, err)
	}

	// Without consent, the event stays readable and its calendar file
	// at hand; nothing is stored.
	reader := b.Chat(bot.Telegram, "918")
	reader.Send("/start ev_link1")
	reader.Press("Vielleicht")
	reader.Press("Ohne Speichern weiter")
	reader.Expect("ich speichere nichts", "Kalenderdatei")
	if _, err := b.Store.Profile(context.Background(), reader.User); err == nil {
		t.Fatal("a profile was stored without consent")
	}
	if a, _ := b.Store.RSVPOf(context.Background(), "link1", reader.User); a != store.RSVPNone {
		t.Fatalf("an answer was stored without consent: %q", a)
	}

	// Einfache Sprache in one tap, from the event on the poster.
	plain := b.Chat(bot.Telegram, "928")
	plain.User.Lang = "de"
	plain.Send("/start ev_link1")
	plain.Press("In einfacher Sprache")
	plain.Expect(e.Title, "Samstag, 12. Dezember, um 18:30 Uhr", "[Ich komme]")
	if _, ok := plain.Button("In einfacher Sprache"); ok {
		t.Errorf("the offer is shown again after it was taken:\n%s", plain.Text())
	}
	// The tap that took the offer stands in for the tap of consent: the
	// event says what an answer stores, and the answer agrees.
	plain.Expect("Tippst du auf eine Antwort?", "Dann bist du einverstanden.", "Mit /loeschen ist sofort alles weg.")
	if _, err := b.Store.Profile(context.Background(), plain.User); err == nil {
		t.Fatal("a profile was stored before any answer")
	}
	plain.Press("Ich komme")
	plain.Expect("Schön, du kommst zu „"+e.Title+"“!", "In welchem Ortsteil wohnst du?", "[Badeborn]")
	if a, _ := b.Store.RSVPOf(context.Background(), "link1", plain.User); a != store.RSVPYes {
		t.Fatalf("the RSVP from the plain poster = %q", a)
	}
	if p, err := b.Store.Profile(context.Background(), plain.User); err != nil || p.Lang != flows.PlainLanguage || p.Consent.IsZero() {
		t.Fatalf("profile = %+v, %v; want consent in plain language", p, err)
	}
	// Another answer from the same card, now with consent given, is an
	// answer like any other.
	plain.Deliver(bot.Update{ID: "plain-maybe", Button: bot.ActionPayload("agree", "rsvp:link1:m")})
	plain.Expect("vielleicht")
	if a, _ := b.Store.RSVPOf(context.Background(), "link1", plain.User); a != store.RSVPMaybe {
		t.Fatalf("the second answer = %q", a)
	}

	known := b.Chat(bot.Telegram, "909")
	onboard(t, known)
	known.Send("/start ev_link1")
	known.Expect("Hier ist der Termin", e.Title, "[Ich komme]")
	known.Send("/start ev_nosuch")
	known.Expect("gibt es nicht mehr")
}

func TestInvitationToADistrictRespectsOptOut(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "inv", berlin(t, b, "12.12.2026 18:30"), 0)
	var residents []*flowtest.Chat
	for _, id := range []string{"910", "911", "912"} {
		c := b.Chat(bot.Telegram, id)
		onboard(t, c) // Badeborn
		residents = append(residents, c)
	}
	residents[2].Send("/profil")
	residents[2].Press("Einladungen an/aus")
	residents[2].Press("Fertig")

	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/einladen")
	org.Press("Stadtgespräch inv")
	org.Press("Einen Ortsteil")
	org.Press("Asmusstedt")
	org.Expect("an 0 Personen")
	org.Send("/einladen")
	org.Press("Stadtgespräch inv")
	org.Press("Einen Ortsteil")
	org.Press("Badeborn")
	org.Expect("Die Einladung geht an 2 Personen", "Du bist herzlich eingeladen", "Stadtgespräch inv")
	org.Press("Einladung senden")
	org.Expect("an 2 Personen")
	org.Send("/einladen status")
	org.Expect("läuft", "Empfänger: 2", "offen: 2", "[Versand stoppen]")

	counts := make([]int, 3)
	for i, c := range residents {
		counts[i] = len(b.Out.To(c.Addr))
	}
	b.work(t)
	for i, c := range residents[:2] {
		got := lastTo(b, c.Addr, counts[i])
		if !strings.Contains(got, "herzlich eingeladen") || !strings.Contains(got, "[Ich komme]") {
			t.Fatalf("resident %d got %q", i, got)
		}
	}
	if got := lastTo(b, residents[2].Addr, counts[2]); got != "" {
		t.Fatalf("a resident who turned invitations off got %q", got)
	}
	org.Send("/einladen status")
	org.Expect("fertig", "gesendet: 2", "offen: 0")
}

func TestInvitationCanBeStopped(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "stop", berlin(t, b, "12.12.2026 18:30"), 0)
	c := b.Chat(bot.Telegram, "913")
	onboard(t, c)
	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/einladen")
	org.Press("Stadtgespräch stop")
	org.Press("Alle")
	org.Expect("Die Einladung geht an 1 Person.")
	org.Press("Einladung senden")
	org.Expect("Ich verschicke die Einladung jetzt an 1 Person.")
	org.Send("/einladen status")
	org.Press("Versand stoppen")
	org.Expect("Gestoppt. Schon verschickt: 0 von 1 Einladung.")
	n := len(b.Out.To(c.Addr))
	b.work(t)
	if got := lastTo(b, c.Addr, n); got != "" {
		t.Fatalf("a stopped invitation was sent: %q", got)
	}
}

func TestRemindersGoToYesAndMaybeOnce(t *testing.T) {
	b := newEventBot(t)
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "rem", start, 0)
	yes, maybe, no := b.Chat(bot.Telegram, "914"), b.Chat(bot.Telegram, "915"), b.Chat(bot.Telegram, "916")
	for c, a := range map[*flowtest.Chat]string{yes: "y", maybe: "m", no: "n"} {
		onboard(t, c)
		c.Deliver(bot.Update{ID: "ans" + c.User.ID, Button: bot.ActionPayload("rsvp", "rem:"+a)})
	}
	mark := map[*flowtest.Chat]int{}
	for _, c := range []*flowtest.Chat{yes, maybe, no} {
		mark[c] = len(b.Out.To(c.Addr))
	}
	b.Clock.Set(start.Add(-24*time.Hour - time.Minute))
	b.work(t)
	if got := lastTo(b, yes.Addr, mark[yes]); got != "" {
		t.Fatalf("reminder before its time: %q", got)
	}
	b.Clock.Set(start.Add(-24 * time.Hour))
	b.work(t)
	b.work(t)
	for c, answer := range map[*flowtest.Chat]string{yes: "Du hast zugesagt.", maybe: "Du hast „vielleicht“ gesagt."} {
		got := lastTo(b, c.Addr, mark[c])
		if strings.Count(got, "Erinnerung") != 1 {
			t.Fatalf("%s got %q; want one reminder", c.User.ID, got)
		}
		// It says when, in words of the day, and what the person answered.
		if when := "Erinnerung: morgen um " + start.In(b.Config.Location()).Format("15:04") + " Uhr."; !strings.Contains(got, when) || !strings.Contains(got, answer) {
			t.Errorf("%s got %q; want %q and %q", c.User.ID, got, when, answer)
		}
	}
	if got := lastTo(b, no.Addr, mark[no]); got != "" {
		t.Fatalf("someone who said no got %q", got)
	}
}

func TestAReminderMissedWhileDownIsSentLateOrSkippedOnceStarted(t *testing.T) {
	b := newEventBot(t)
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "down", start, 0)
	c := b.Chat(bot.Telegram, "917")
	onboard(t, c)
	c.Deliver(bot.Update{ID: "ans-down", Button: bot.ActionPayload("rsvp", "down:y")})
	n := len(b.Out.To(c.Addr))

	// Down from a day before until an hour before: the 24h reminder is
	// sent late, once; the 2h one too (both due).
	b.Clock.Set(start.Add(-time.Hour))
	b.work(t)
	if got := lastTo(b, c.Addr, n); strings.Count(got, "Erinnerung") != 2 || !strings.Contains(got, "Erinnerung: in 1 Stunde.") {
		t.Fatalf("after coming back: %q; want the two missed reminders, saying it starts in 1 Stunde", got)
	}

	// A second event whose reminders all fell due while down, and which
	// has started when the bot comes back: skipped, with a log line.
	b.event(t, "late", start.Add(24*time.Hour), 0)
	c.Deliver(bot.Update{ID: "ans-late", Button: bot.ActionPayload("rsvp", "late:y")})
	n = len(b.Out.To(c.Addr))
	b.Clock.Set(start.Add(25 * time.Hour))
	b.work(t)
	if got := lastTo(b, c.Addr, n); strings.Contains(got, "Erinnerung") {
		t.Fatalf("a reminder for a started event was sent: %q", got)
	}
	if !strings.Contains(b.logs.String(), "reminder skipped: the event has started") {
		t.Fatalf("no log line for the skipped reminder:\n%s", b.logs.String())
	}
}

func TestRemindersOnDaylightSavingNights(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("02.01.2006 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name   string
		start  string
		offset time.Duration
		want   string // wall clock in Berlin
		real   time.Duration
	}{
		{"spring, day before", "29.03.2026 10:00", 24 * time.Hour, "28.03.2026 10:00", 23 * time.Hour},
		{"spring, two hours across the gap", "29.03.2026 04:00", 2 * time.Hour, "29.03.2026 01:00", 2 * time.Hour},
		{"spring, evening", "29.03.2026 19:00", 2 * time.Hour, "29.03.2026 17:00", 2 * time.Hour},
		{"autumn, day before", "25.10.2026 10:00", 24 * time.Hour, "24.10.2026 10:00", 25 * time.Hour},
		{"autumn, two hours across the repeated hour", "25.10.2026 04:00", 2 * time.Hour, "25.10.2026 02:00", 2 * time.Hour},
		{"autumn, evening before", "26.10.2026 19:00", 24 * time.Hour, "25.10.2026 19:00", 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := at(tt.start)
			got := flows.ReminderTime(start, tt.offset, loc)
			if w := got.In(loc).Format("02.01.2006 15:04"); w != tt.want {
				t.Errorf("reminder at %s, want %s", w, tt.want)
			}
			if d := start.Sub(got); d != tt.real {
				t.Errorf("reminder %s before, want %s", d, tt.real)
			}
		})
	}
}

func TestReminderOnTheSpringNightIsSentAtItsWallClockTime(t *testing.T) {
	b := newEventBot(t)
	b.Clock.Set(berlin(t, b, "20.03.2026 10:00"))
	start := berlin(t, b, "29.03.2026 10:00")
	b.event(t, "dst", start, 0)
	c := b.Chat(bot.Telegram, "918")
	onboard(t, c)
	c.Deliver(bot.Update{ID: "ans-dst", Button: bot.ActionPayload("rsvp", "dst:y")})
	n := len(b.Out.To(c.Addr))
	b.Clock.Set(berlin(t, b, "28.03.2026 09:59"))
	b.work(t)
	if got := lastTo(b, c.Addr, n); got != "" {
		t.Fatalf("reminder before 10:00 the day before: %q", got)
	}
	b.Clock.Set(berlin(t, b, "28.03.2026 10:00"))
	b.work(t)
	if got := lastTo(b, c.Addr, n); strings.Count(got, "Erinnerung") != 1 {
		t.Fatalf("at 10:00 the day before: %q", got)
	}
}

func TestEditingTheTimeReschedulesReminders(t *testing.T) {
	b := newEventBot(t)
	ctx := context.Background()
	start := berlin(t, b, "12.12.2026 18:30")
	e := b.event(t, "move", start, 0)
	e.Start, e.End = start.AddDate(0, 0, 7), time.Time{}
	if err := b.svc.Edit(ctx, e); err != nil {
		t.Fatal(err)
	}
	jobs, err := b.svc.Jobs.Waiting(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"remind:move:24h0m0s": start.AddDate(0, 0, 6),
		"remind:move:2h0m0s":  start.AddDate(0, 0, 7).Add(-2 * time.Hour),
	}
	for _, j := range jobs {
		if w, ok := want[j.ID]; ok {
			if !j.Due.Equal(w) {
				t.Errorf("%s due %s, want %s", j.ID, j.Due, w)
			}
			delete(want, j.ID)
		}
	}
	if len(want) != 0 {
		t.Fatalf("reminders missing: %v (jobs %+v)", want, jobs)
	}
	e.Start = b.Clock.Now().Add(-time.Hour)
	if err := b.svc.Edit(ctx, e); err == nil {
		t.Fatal("an edit into the past was accepted")
	}
}

func TestCancellingNotifiesYesAndMaybe(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "off", berlin(t, b, "12.12.2026 18:30"), 0)
	yes, no := b.Chat(bot.Telegram, "919"), b.Chat(bot.Telegram, "920")
	onboard(t, yes)
	onboard(t, no)
	yes.Deliver(bot.Update{ID: "off-y", Button: bot.ActionPayload("rsvp", "off:m")})
	no.Deliver(bot.Update{ID: "off-n", Button: bot.ActionPayload("rsvp", "off:n")})
	ny, nn := len(b.Out.To(yes.Addr)), len(b.Out.To(no.Addr))

	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/termine")
	org.Press("Termin absagen")
	org.Expect("wirklich absagen")
	org.Press("Ja, absagen")
	org.Expect("ist abgesagt")
	b.work(t)
	if got := lastTo(b, yes.Addr, ny); !strings.Contains(got, "Leider abgesagt") {
		t.Fatalf("maybe-sayer got %q", got)
	}
	if got := lastTo(b, no.Addr, nn); got != "" {
		t.Fatalf("no-sayer got %q", got)
	}
	org.Send("/termine")
	org.Expect("keine geplanten Termine")
}

func TestFeedbackTheDayAfter(t *testing.T) {
	b := newEventBot(t)
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "fb", start, 0)
	c := b.Chat(bot.Telegram, "921")
	onboard(t, c)
	c.Deliver(bot.Update{ID: "fb-y", Button: bot.ActionPayload("rsvp", "fb:y")})
	b.Clock.Set(berlin(t, b, "13.12.2026 10:00"))
	n := len(b.Out.To(c.Addr))
	b.work(t)
	got := b.Out.To(c.Addr)[n:]
	if len(got) != 1 || !strings.Contains(flowtest.Dump(got), "Wie war's") {
		t.Fatalf("feedback request: %q", flowtest.Dump(got))
	}
	c.Replies = got
	c.Press("★★★★")
	c.Expect("einen Satz")
	c.Send("Sehr gute Runde, gerne wieder.")
	c.Expect("Danke für deine Rückmeldung")
	fb, err := b.Store.EventFeedback(context.Background(), "fb")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := b.Store.Profile(context.Background(), c.User)
	if len(fb) != 1 || fb[0].Stars != 4 || fb[0].Text != "Sehr gute Runde, gerne wieder." || fb[0].Ref != p.Ref {
		t.Fatalf("feedback = %+v", fb)
	}
	// The sentence is also an opinion on the event's theme, waiting for
	// moderation like any other.
	c.Expect("als Meinung zum Thema „Jugend“")
	o, err := b.Store.NextPending(context.Background(), "")
	if err != nil || o.Text != "Sehr gute Runde, gerne wieder." || o.Theme != "jugend" || o.Ref != p.Ref {
		t.Fatalf("pending opinion = %+v, %v", o, err)
	}
}

func TestEventCalendarFileParses(t *testing.T) {
	b := newEventBot(t)
	e := b.event(t, "cal", berlin(t, b, "12.12.2026 18:30"), 0)
	c := b.Chat(bot.Telegram, "922")
	c.Send("/termine")
	var f *bot.File
	for _, m := range c.Replies {
		if m.File != nil {
			f = m.File
		}
	}
	if f == nil {
		t.Fatal("no calendar file")
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events in the file", len(evs))
	}
	got, err := evs[0].GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(e.Start) {
		t.Fatalf("start %s, want %s", got, e.Start)
	}
	if s := evs[0].GetProperty(ics.ComponentPropertySummary).Value; s != e.Title {
		t.Fatalf("summary %q", s)
	}
	if uid := evs[0].Id(); uid != "cal@"+b.Config.Community.ID+".heimatbot" {
		t.Fatalf("uid %q", uid)
	}
	if !strings.Contains(string(f.Data), "BEGIN:VTIMEZONE") || !strings.Contains(string(f.Data), "TZID=Europe/Berlin") {
		t.Fatal("no Europe/Berlin VTIMEZONE")
	}
}

func TestDeletionRemovesAnswersFeedbackAndPendingMessages(t *testing.T) {
	b := newEventBot(t)
	ctx := context.Background()
	id := "del" + storetest.Community(t)
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "gone", start, 1)
	b.event(t, "past", b.Clock.Now().Add(time.Hour), 0)
	c, next := b.Chat(bot.Telegram, id), b.Chat(bot.Telegram, id+"n")
	onboard(t, c)
	onboard(t, next)
	c.Deliver(bot.Update{ID: id + "1", Button: bot.ActionPayload("rsvp", "gone:y")})
	next.Deliver(bot.Update{ID: id + "2", Button: bot.ActionPayload("rsvp", "gone:y")}) // waiting
	c.Deliver(bot.Update{ID: id + "3", Button: bot.ActionPayload("rsvp", "past:y")})
	b.Clock.Advance(24 * time.Hour) // "past" is over: feedback asked
	b.work(t)
	c.Replies = b.Out.To(c.Addr)
	c.Press("★★★★★")
	c.Press("Überspringen")
	// An invitation waiting to be sent to them.
	if _, err := b.svc.Broadcasts.Start(ctx, scheduler.Broadcast{ID: "pending", Kind: "invite", Event: "gone"}, []bot.User{c.User, next.User}); err != nil {
		t.Fatal(err)
	}
	p, _ := b.Store.Profile(ctx, c.User)

	c.Send("/meinedaten")
	var export string
	for _, m := range c.Replies {
		if m.File != nil {
			export = string(m.File.Data)
		}
	}
	for _, want := range []string{`"event": "gone"`, `"rsvp": "yes"`, `"stars": 5`} {
		if !strings.Contains(export, want) {
			t.Fatalf("export lacks %s:\n%s", want, export)
		}
	}

	c.Send("/loeschen")
	c.Press("Ja, alles löschen")
	c.Expect("Ich habe alles gelöscht")
	// The id of the other person contains this one's id as a prefix, so
	// look for the exact person key and the ref.
	if keys := tracesOf(t, b, "telegram:"+id, "telegram:"+id+"n"); len(keys) > 0 {
		t.Errorf("after /loeschen the person's id is still in %v", keys)
	}
	if keys := storetest.Traces(t, b.Redis, p.Ref); len(keys) > 0 {
		t.Errorf("after /loeschen the ref is still in %v", keys)
	}
	// Their seat went to the next on the waiting list, who is told.
	if a, _ := b.Store.RSVPOf(ctx, "gone", next.User); a != store.RSVPYes {
		t.Fatalf("the next on the waiting list was not promoted: %q", a)
	}
	n := len(b.Out.To(next.Addr))
	b.work(t)
	if got := lastTo(b, next.Addr, n); !strings.Contains(got, "ein Platz frei geworden") {
		t.Fatalf("the promoted person was not told: %q", got)
	}
}

// tracesOf finds keys holding needle other than as part of except.
func tracesOf(t *testing.T, b *eventBot, needle, except string) []string {
	var out []string
	for _, k := range storetest.Traces(t, b.Redis, needle) {
		if strings.Contains(k, needle) && !strings.Contains(k, except) {
			out = append(out, k)
			continue
		}
		// A value: check it holds needle not only as part of except.
		vals := rawValues(t, b, k)
		if strings.Contains(strings.ReplaceAll(vals, except, ""), needle) {
			out = append(out, k)
		}
	}
	return out
}

func rawValues(t *testing.T, b *eventBot, key string) string {
	ctx := context.Background()
	var sb strings.Builder
	switch b.Redis.Type(ctx, key).Val() {
	case "string":
		sb.WriteString(b.Redis.Get(ctx, key).Val())
	case "hash":
		for k, v := range b.Redis.HGetAll(ctx, key).Val() {
			sb.WriteString(k + "\x00" + v + "\x00")
		}
	case "set":
		sb.WriteString(strings.Join(b.Redis.SMembers(ctx, key).Val(), "\x00"))
	case "zset":
		sb.WriteString(strings.Join(b.Redis.ZRange(ctx, key, 0, -1).Val(), "\x00"))
	case "list":
		sb.WriteString(strings.Join(b.Redis.LRange(ctx, key, 0, -1).Val(), "\x00"))
	}
	return sb.String()
}

// draftState is where the conversation stands and what it holds, without
// the prompt counter that every question raises.
func draftState(t *testing.T, b *eventBot, c *flowtest.Chat) string {
	t.Helper()
	st, err := b.Store.Conversation(context.Background(), c.User)
	if err != nil || st == nil {
		t.Fatalf("conversation %v, %v", st, err)
	}
	d, _ := json.Marshal(st.Data)
	return st.Flow + "/" + string(st.Step) + "/" + string(d)
}

func TestTwoWorkersSendEachReminderOnce(t *testing.T) {
	b := newEventBot(t)
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "two", start, 0)
	var chats []*flowtest.Chat
	for i := range 20 {
		c := b.Chat(bot.Telegram, fmt.Sprint(950+i))
		onboard(t, c)
		c.Deliver(bot.Update{ID: "two-" + c.User.ID, Button: bot.ActionPayload("rsvp", "two:y")})
		chats = append(chats, c)
	}
	marks := make([]int, len(chats))
	for i, c := range chats {
		marks[i] = len(b.Out.To(c.Addr))
	}
	// A second process: its own client on the same Redis and community.
	d2 := flows.Deps{Config: b.Config, Store: store.New(storetest.Client(t), b.Config.Community.ID, store.Options{}), Now: b.Clock.Now}
	other := flows.NewWorker(d2, b.Out, nil, scheduler.BroadcastOptions{Rate: -1})
	b.Clock.Set(start.Add(-time.Hour)) // both reminders due
	var wg sync.WaitGroup
	for _, w := range []*flows.Worker{b.worker, other} {
		wg.Go(func() {
			for range 3 {
				if err := w.RunDue(context.Background()); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for i, c := range chats {
		if got := lastTo(b, c.Addr, marks[i]); strings.Count(got, "Erinnerung") != 2 {
			t.Fatalf("%s got %d reminders, want 2 (24h and 2h): %q", c.User.ID, strings.Count(got, "Erinnerung"), got)
		}
	}
}

// expectPoster finds the poster among msgs and wants its QR code to lead
// to the share link the message names, and the page to say what the
// event is.
func expectPoster(t *testing.T, msgs []bot.Message, want ...string) {
	t.Helper()
	for _, m := range msgs {
		if m.File == nil || m.File.ContentType != "application/pdf" {
			continue
		}
		link := regexp.MustCompile(`https://t\.me/heimat_test_bot\?start=ev_[0-9a-f]+`).FindString(m.Text.Plain())
		if got := postertest.Codes(t, m.File.Data); len(got) != 1 || got[0] != link {
			t.Fatalf("the poster's QR code leads to %q, the message to %q", got, link)
		}
		text := strings.ReplaceAll(postertest.Text(t, m.File.Data), "\n", " ")
		for _, w := range append(want, "Ballenstedt", "Scanne den Code", strings.TrimPrefix(link, "https://")) {
			if !strings.Contains(text, w) {
				t.Errorf("the poster lacks %q:\n%s", w, text)
			}
		}
		return
	}
	t.Fatalf("no poster PDF among %s", flowtest.Dump(msgs))
}

// Someone who answered an event already is not invited to it again, with
// fresh buttons: /einladen reaches only those who have not answered.
func TestAnInvitationSkipsWhoAnswered(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "inv2", berlin(t, b, "12.12.2026 18:30"), 0)
	yes, open := b.Chat(bot.Telegram, "920"), b.Chat(bot.Telegram, "921")
	onboard(t, yes)
	onboard(t, open)
	yes.Deliver(bot.Update{ID: "ans-inv2", Button: bot.ActionPayload("rsvp", "inv2:y")})

	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/einladen")
	org.Press("Stadtgespräch inv2")
	org.Press("Einen Ortsteil")
	org.Press("Badeborn")
	// The preview counts whom the invitation reaches, not who answered.
	org.Expect("Die Einladung geht an 1 Person.")
	org.Press("Einladung senden")
	org.Expect("Ich verschicke die Einladung jetzt an 1 Person.")
	marks := []int{len(b.Out.To(yes.Addr)), len(b.Out.To(open.Addr))}
	b.work(t)
	if got := lastTo(b, yes.Addr, marks[0]); got != "" {
		t.Errorf("someone who said yes was invited again: %q", got)
	}
	if got := lastTo(b, open.Addr, marks[1]); !strings.Contains(got, "herzlich eingeladen") {
		t.Errorf("someone who had not answered got %q", got)
	}
}

// A newcomer whose poster link leads to an event that is gone hears so,
// and is greeted as after /start: the link still leads somewhere.
func TestADeadPosterLinkGreetsANewcomer(t *testing.T) {
	b := newEventBot(t)
	c := b.Chat(bot.Telegram, "931")
	c.Send("/start ev_nosuch")
	c.Expect("Diesen Termin gibt es nicht mehr.", "Bist du einverstanden?", "[Einverstanden]")
	c.Press("Einverstanden")
	c.Expect("In welchem Ortsteil wohnst du?")
	if p, err := b.Store.Profile(context.Background(), c.User); err != nil || p.Consent.IsZero() {
		t.Fatalf("profile = %+v, %v", p, err)
	}
}

// An answer that cannot be stored any more (its event was cancelled, or
// is over, between the card and the press) stores no consent either: the
// person is told why, and nothing of them is kept. Both ways of agreeing
// are checked: the consent question after the answer, and the plain
// card whose answers agree.
func TestAnAnswerRefusedAfterConsentKeepsNothing(t *testing.T) {
	for _, tt := range []struct {
		name  string
		end   func(b *eventBot, id string)
		plain bool
		told  string
	}{
		{"cancelled, consent question", cancelEvent, false, "abgesagt"},
		{"cancelled, plain card", cancelEvent, true, "fällt aus"},
		{"over, consent question", passEvent, false, "hat schon stattgefunden"},
		{"over, plain card", passEvent, true, "ist schon vorbei"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newEventBot(t)
			b.event(t, "gone1", berlin(t, b, "12.12.2026 18:30"), 0)
			c := b.Chat(bot.Telegram, "941")
			c.User.Lang = "de"
			c.Send("/start ev_gone1")
			if tt.plain {
				c.Press("In einfacher Sprache")
			} else {
				c.Press("Ich komme")
				c.Expect("Bist du einverstanden?")
			}
			tt.end(b, "gone1")
			if tt.plain {
				c.Deliver(bot.Update{ID: "late-yes", Button: bot.ActionPayload("agree", "rsvp:gone1:y")})
			} else {
				c.Press("Einverstanden")
			}
			c.Expect(tt.told)
			if strings.Contains(c.Text(), "Ortsteil") {
				t.Errorf("the district is asked after a refused answer:\n%s", c.Text())
			}
			if p, err := b.Store.Profile(context.Background(), c.User); err == nil {
				t.Fatalf("a profile was kept for a refused answer: %+v", p)
			}
		})
	}
}

func cancelEvent(b *eventBot, id string) {
	if _, err := b.svc.Cancel(context.Background(), id, "test"); err != nil {
		panic(err)
	}
}

// passEvent moves the clock past the event.
func passEvent(b *eventBot, _ string) { b.Clock.Advance(30 * 24 * time.Hour) }
