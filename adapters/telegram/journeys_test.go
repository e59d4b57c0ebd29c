package telegram_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// player is a person in a private chat on the fake Telegram.
func (w *world) player(chat int64) flowtest.Player {
	return flowtest.Player{
		Say:     func(s string) { w.t.Helper(); w.say(chat, s) },
		Press:   func(s string) { w.t.Helper(); w.press(chat, s) },
		Expect:  func(parts ...string) { w.t.Helper(); w.expect(chat, parts...) },
		Command: "/",
	}
}

// TestFirstMinutesOnTelegram plays the first minutes of new residents,
// each in a fresh chat, and counts their interactions (what they write or
// press): a poster's link to a confirmed RSVP, /start to a first vote, a
// first opinion and a first offer of help. The strict fake reports no Bot
// API violation.
func TestFirstMinutesOnTelegram(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if err := flowtest.Seed(ctx, w.store, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.start(nil)
	user := func(chat int64) bot.User { return bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(chat, 10)} }

	rsvp := flowtest.Play(w.player(6001), flowtest.PosterRSVP())
	if a, _ := w.store.RSVPOf(ctx, flowtest.SeededEvent, user(6001)); a != store.RSVPYes || rsvp > 3 {
		t.Errorf("poster → RSVP: %q after %d interactions, want yes within 3", a, rsvp)
	}
	vote := flowtest.Play(w.player(6002), flowtest.FirstVote())
	if o, err := w.store.Opinion(ctx, "op1"); err != nil || o.Agree != 1 || vote > 5 {
		t.Errorf("/start → first vote: %+v %v after %d interactions, want it counted within 5", o, err, vote)
	}
	opinion := flowtest.Play(w.player(6003), flowtest.FirstOpinion())
	if ops, err := w.store.PendingOpinions(ctx); err != nil || len(ops) != 1 {
		t.Errorf("/start → first opinion: %d pending, %v", len(ops), err)
	}
	offer := flowtest.Play(w.player(6004), flowtest.FirstOffer())
	t.Logf("Telegram: poster → RSVP %d, /start → vote %d, → opinion %d, → offer of help %d interactions", rsvp, vote, opinion, offer)
	w.srv.AssertClean(t)
}
