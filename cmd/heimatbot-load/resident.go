package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
)

// step is one thing a resident does: a command or a text typed, or a
// button pressed by its label.
type step struct {
	command string
	text    string
	press   string
}

// script is what resident i does, start to end.
func (t *target) script(i int) []step {
	l := t.catalog.Localizer("de")
	cm := t.cfg.Community
	district := cm.Districts[i%len(cm.Districts)].Name["de"]
	theme := cm.Themes[i%len(cm.Themes)].Name["de"]
	category := cm.HelpCategories[i%len(cm.HelpCategories)].Name["de"]
	return []step{
		// onboarding, then the rest of the profile it offers
		{command: "/start"},
		{press: l.S("start_consent_yes")},
		{press: district},
		{press: l.S("start_more")},
		{press: theme},
		{press: l.S("button_done")},
		{press: l.S("button_skip")},
		// an RSVP
		{command: "/termine"},
		{press: l.S("rsvp_yes")},
		// an opinion
		{command: "/meinung"},
		{press: theme},
		{press: "✓ " + district},
		{text: fmt.Sprintf("Meinung Nummer %d: Wir brauchen mehr Orte, an denen sich Jung und Alt treffen.", i)},
		{press: l.S("button_skip")},
		{press: l.S("voices_opinion_send")},
		// votes on others' opinions
		{command: "/stimmen"},
		{press: l.S("voices_vote_agree")},
		{press: l.S("voices_vote_disagree")},
		{press: l.S("button_done")},
		// an offer of help
		{command: "/mitmachen"},
		{press: category},
		{press: l.S("button_done")},
		{text: "Ich packe gern mit an."},
		{press: l.S("voices_time_once")},
		{press: l.S("button_done")},
		{press: l.S("voices_contact_by_bot")},
	}
}

// tally is one worker's count, merged at the end.
type tally struct {
	steps     int
	errors    int
	lost      int
	latencies []time.Duration
	firstErr  error
}

func (t *tally) fail(err error) {
	t.errors++
	if t.firstErr == nil {
		t.firstErr = err
	}
}

// poster POSTs updates to the bot's webhook as Telegram does, over a
// pool of connections as wide as the residents played at once.
type poster struct {
	fake *telegramtest.Server
	hc   *http.Client
	url  string
}

func newPoster(fake *telegramtest.Server, url string, conns int) *poster {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = conns
	tr.MaxIdleConnsPerHost = conns
	return &poster{fake: fake, hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}, url: url}
}

// post delivers u and returns the status and the round trip, including
// the call the bot answered with, if any.
func (p *poster) post(ctx context.Context, u telegramtest.Update) (int, time.Duration, error) {
	start := time.Now()
	status, err := p.fake.PostWebhook(ctx, p.hc, p.url, webhookSecret, u)
	return status, time.Since(start), err
}

// play takes resident i through the script. A step the bot refuses, or a
// button the resident cannot find, ends the resident's run as an error; a
// step answered without any new or edited message in the chat is a lost
// reply. The
// fake forgets the chat afterwards, as the run no longer needs it.
func (t *target) play(ctx context.Context, p *poster, i int, tl *tally) {
	chat := int64(1_000_000 + i)
	defer t.fake.Forget(chat)
	seen := 0
	for n, s := range t.script(i) {
		var u telegramtest.Update
		switch {
		case s.command != "":
			u = t.fake.CommandMessage(chat, chat, s.command, "", "de")
		case s.text != "":
			u = t.fake.TextMessage(chat, chat, s.text, "de")
		default:
			var ok bool
			if u, ok = t.fake.Press(chat, chat, s.press); !ok {
				tl.fail(fmt.Errorf("resident %d, step %d: no button %q in the chat", i, n+1, s.press))
				return
			}
		}
		status, d, err := p.post(ctx, u)
		tl.steps++
		if err != nil {
			tl.fail(fmt.Errorf("resident %d, step %d: %w", i, n+1, err))
			return
		}
		if status != http.StatusOK {
			tl.fail(fmt.Errorf("resident %d, step %d: webhook answered %d", i, n+1, status))
			return
		}
		tl.latencies = append(tl.latencies, d)
		if sent := t.fake.Changes(chat); sent > seen {
			seen = sent
		} else {
			tl.lost++
		}
	}
}
