package flows_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

func TestOrganizerMovesAnEventInTheChatAndAttendeesAreTold(t *testing.T) {
	b := newEventBot(t)
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "edit1", start, 0)
	res := b.Chat(bot.Telegram, "951")
	onboard(t, res)
	res.Send("/termine")
	res.Press("Ich komme")
	if _, ok := res.Button("Bearbeiten"); ok {
		t.Fatal("a resident was offered the edit button")
	}

	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/termine")
	org.Press("Bearbeiten")
	org.Expect("Was möchtest du ändern?", "[Beginn]", "[Titel]")
	org.Press("Beginn")
	org.Send("24.11.2026 18:00")
	org.Expect("Vergangenheit")
	org.Send("19.12. 19:00")
	org.Expect("Gespeichert", "Sa., 19.12.2026, 19:00 Uhr – 21:00 Uhr")
	org.Press("Titel")
	org.Send(strings.Repeat("x", 121))
	org.Expect("zu lang")
	org.Send("Stadtgespräch am Markt")
	org.Expect("Gespeichert", "Stadtgespräch am Markt")
	org.Press("Fertig")

	e, err := b.Store.Event(context.Background(), "edit1")
	if err != nil {
		t.Fatal(err)
	}
	if want := berlin(t, b, "19.12.2026 19:00"); !e.Start.Equal(want) || e.Title != "Stadtgespräch am Markt" {
		t.Fatalf("event after editing: %+v", e)
	}
	before := len(b.Out.To(res.Addr))
	b.work(t)
	if got := lastTo(b, res.Addr, before); !strings.Contains(got, "Neue Zeit!") || !strings.Contains(got, "19.12.2026, 19:00") {
		t.Fatalf("the attendee was not told about the new time:\n%s", got)
	}
	b.work(t)
	if n := len(b.Out.To(res.Addr)); n != before+1 {
		t.Fatalf("attendee got %d messages about the move, want 1", n-before)
	}
}

func TestResidentsCannotOpenTheEditFlow(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "edit2", berlin(t, b, "12.12.2026 18:30"), 0)
	res := b.Chat(bot.Telegram, "952")
	onboard(t, res)
	res.Deliver(bot.Update{ID: "forged-edit", Button: bot.ActionPayload("evedit", "edit2")})
	res.Expect("Das dürfen nur Organisator:innen.")
}

func TestSomeoneWhoBlockedTheBotGetsNoRemindersUntilTheyWriteAgain(t *testing.T) {
	b := newEventBot(t)
	ctx := context.Background()
	start := berlin(t, b, "12.12.2026 18:30")
	b.event(t, "blocked", start, 0)
	res := b.Chat(bot.Telegram, "953")
	onboard(t, res)
	res.Deliver(bot.Update{ID: "ans-blocked", Button: bot.ActionPayload("rsvp", "blocked:y")})
	if err := b.Store.MarkUnreachable(ctx, res.User); err != nil {
		t.Fatal(err)
	}
	mark := len(b.Out.To(res.Addr))
	b.Clock.Set(start.Add(-24 * time.Hour))
	b.work(t)
	if got := lastTo(b, res.Addr, mark); got != "" {
		t.Fatalf("a person who blocked the bot got %q", got)
	}
	res.Send("/termine") // they write again
	if p, _ := b.Store.Profile(ctx, res.User); p.Unreachable {
		t.Fatal("still marked unreachable after writing again")
	}
	mark = len(b.Out.To(res.Addr))
	b.Clock.Set(start.Add(-2 * time.Hour))
	b.work(t)
	if got := lastTo(b, res.Addr, mark); !strings.Contains(got, "Erinnerung") {
		t.Fatalf("no reminder after writing again: %q", got)
	}
}

func TestInvitingWithoutEventsLeavesNoQuestionOpen(t *testing.T) {
	b := newEventBot(t)
	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/einladen")
	org.Expect("Es gibt keinen geplanten Termin")
	if st := stored(t, b.Bot, org); strings.Contains(st, `"flow":"invite"`) {
		t.Fatalf("the invitation question stayed open: %s", st)
	}
}

func TestMoreSeatsMoveTheWaitingListUp(t *testing.T) {
	b := newEventBot(t)
	ctx := context.Background()
	e := b.event(t, "seats", berlin(t, b, "12.12.2026 18:30"), 1)
	var chats []*flowtest.Chat
	for i := range 3 {
		c := b.Chat(bot.Telegram, fmt.Sprint(970+i))
		onboard(t, c)
		c.Deliver(bot.Update{ID: "seat-" + c.User.ID, Button: bot.ActionPayload("rsvp", "seats:y")})
		chats = append(chats, c)
	}
	chats[1].Expect("Warteliste")
	e.Capacity = 2
	if err := b.svc.Edit(ctx, e); err != nil {
		t.Fatal(err)
	}
	marks := []int{len(b.Out.To(chats[1].Addr)), len(b.Out.To(chats[2].Addr))}
	b.work(t)
	if got := lastTo(b, chats[1].Addr, marks[0]); !strings.Contains(got, "Du bist jetzt dabei") {
		t.Fatalf("the first on the waiting list was not told: %q", got)
	}
	if got := lastTo(b, chats[2].Addr, marks[1]); got != "" {
		t.Fatalf("the second on the waiting list got %q", got)
	}
	for i, want := range []store.RSVP{store.RSVPYes, store.RSVPYes, store.RSVPWaiting} {
		if got, _ := b.Store.RSVPOf(ctx, "seats", chats[i].User); got != want {
			t.Errorf("person %d: %s, want %s", i, got, want)
		}
	}
}

// Editing the seats asks for 0 to remove the limit, where creating it
// offers a skip, and a bad number names 0 too.
func TestEditingTheSeatsNamesZeroForNoLimit(t *testing.T) {
	b := newEventBot(t)
	b.event(t, "seats0", berlin(t, b, "12.12.2026 18:30"), 5)
	org := b.Chat(bot.Telegram, organizerID)
	org.Send("/termine")
	org.Press("Bearbeiten")
	org.Press("Plätze")
	org.Expect("oder 0, wenn es keine Grenze gibt")
	org.Send("-3")
	org.Expect("von 0 bis")
	org.Send("0")
	org.Expect("Gespeichert")
	if e, err := b.Store.Event(context.Background(), "seats0"); err != nil || e.Capacity != 0 {
		t.Fatalf("capacity after setting 0: %+v, %v", e, err)
	}
}
