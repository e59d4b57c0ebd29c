package mattermost_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// player is a person in their direct channel with the bot, pressing its
// buttons. Each interaction waits for the bot's answer; what the person
// checks is the bot's latest post once it shows it.
func (h *harness) player(user *model.User, dm *model.Channel) flowtest.Player {
	seen := 0
	answered := func() {
		h.t.Helper()
		h.waitNth(dm.Id, seen)
		seen = len(h.srv.PostsIn(dm.Id))
	}
	shown := func(p *model.Post) string {
		var labels []string
		for _, a := range p.Attachments() {
			for _, act := range a.Actions {
				labels = append(labels, act.Name)
			}
		}
		return p.Message + "\n[" + strings.Join(labels, "] [") + "]"
	}
	return flowtest.Player{
		Say: func(text string) {
			h.t.Helper()
			seen = len(h.srv.PostsIn(dm.Id))
			h.post(user, dm.Id, text, mattermosttest.PostOptions{})
			answered()
		},
		Press: func(label string) {
			h.t.Helper()
			posts := h.srv.PostsIn(dm.Id)
			for i := len(posts) - 1; i >= 0; i-- {
				for _, a := range posts[i].Attachments() {
					for _, act := range a.Actions {
						if act.Name == label {
							seen = len(posts)
							if eph := h.press(posts[i], act, user); eph != "" {
								h.t.Fatalf("pressing %q answered %q", label, eph)
							}
							// A press is answered before its request
							// returns; a multiple choice may only have
							// changed its post.
							seen = len(h.srv.PostsIn(dm.Id))
							return
						}
					}
				}
			}
			h.t.Fatalf("no button %q:\n%s", label, messages(posts))
		},
		Expect: func(parts ...string) {
			h.t.Helper()
			ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
			defer cancel()
			_, err := h.srv.WaitPost(ctx, dm.Id, func(*model.Post) bool {
				posts := h.srv.PostsIn(dm.Id)
				text := shown(posts[len(posts)-1])
				for _, p := range parts {
					if !strings.Contains(text, p) {
						return false
					}
				}
				return true
			})
			if err != nil {
				h.t.Fatalf("%q missing from the bot's latest post:\n%s", parts, messages(h.srv.PostsIn(dm.Id)))
			}
		},
	}
}

// TestFirstMinutesOnMattermost plays the first minutes of new members in
// their direct channel with the bot, with buttons and commands as bare
// words, as on Telegram and WhatsApp, and counts their interactions (what
// they write or press): "start ev_ID" (the link's text) to a confirmed
// RSVP, "start" to a first vote, a first opinion, a first offer of help.
func TestFirstMinutesOnMattermost(t *testing.T) {
	h := newHarness(t, withButtons())
	ctx := context.Background()
	if err := flowtest.Seed(ctx, h.store, h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	play := func(name string, steps []flowtest.Step) (int, bot.User) {
		u, dm := h.user(name)
		return flowtest.Play(h.player(u, dm), steps), bot.User{Platform: bot.Mattermost, ID: u.Id}
	}

	rsvp, guest := play("gesa", flowtest.PosterRSVP())
	if a, _ := h.store.RSVPOf(ctx, flowtest.SeededEvent, guest); a != store.RSVPYes || rsvp > 3 {
		t.Errorf("poster → RSVP: %q after %d interactions, want yes within 3", a, rsvp)
	}
	vote, _ := play("vera", flowtest.FirstVote())
	if o, err := h.store.Opinion(ctx, "op1"); err != nil || o.Agree != 1 || vote > 5 {
		t.Errorf("/start → first vote: %+v %v after %d interactions, want it counted within 5", o, err, vote)
	}
	opinion, _ := play("olga", flowtest.FirstOpinion())
	if ops, err := h.store.PendingOpinions(ctx); err != nil || len(ops) != 1 {
		t.Errorf("/start → first opinion: %d pending, %v", len(ops), err)
	}
	offer, _ := play("otto", flowtest.FirstOffer())
	t.Logf("Mattermost: poster → RSVP %d, /start → vote %d, → opinion %d, → offer of help %d interactions", rsvp, vote, opinion, offer)

	// Einfache Sprache taken from the first message costs no interaction.
	plainRSVP, plainGuest := play("paula", flowtest.PlainPosterRSVP())
	if a, _ := h.store.RSVPOf(ctx, flowtest.SeededEvent, plainGuest); a != store.RSVPYes || plainRSVP != rsvp {
		t.Errorf("poster → RSVP in Einfache Sprache: %q after %d interactions, want yes after %d", a, plainRSVP, rsvp)
	}
	plainVote, _ := play("pia", flowtest.PlainFirstVote())
	if o, err := h.store.Opinion(ctx, "op1"); err != nil || o.Agree != 2 || plainVote != vote {
		t.Errorf("/start → first vote in Einfache Sprache: %+v %v after %d interactions, want it counted after %d", o, err, plainVote, vote)
	}
	t.Logf("Mattermost, Einfache Sprache taken from the first message: poster → RSVP %d, /start → vote %d interactions", plainRSVP, plainVote)
}
