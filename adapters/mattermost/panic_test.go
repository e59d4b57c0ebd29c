package mattermost_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/bot"
)

// A post whose handling panics is answered as a technical problem and
// counts as handled: a reconnect does not read it again, and the next post
// of the chat is answered.
func TestAPanickingPostIsToldOnceAndNotReadAgain(t *testing.T) {
	broken := &bot.Flow{Name: "broken", Start: "s", Steps: map[bot.StepID]bot.Step{"s": {
		Prompt: func(*bot.Conv) (bot.Prompt, error) {
			panic("a bug in a flow")
		},
	}}}
	h := newHarness(t, withFlow(broken, bot.Command{Names: []string{"kaputt"}, Flow: "broken"}))
	anna, dm := h.user("anna")
	h.say(anna, dm.Id, "Hallo")
	before := len(h.srv.PostsIn(dm.Id))
	broke := h.post(anna, dm.Id, "kaputt", mattermosttest.PostOptions{})
	notice := h.waitNth(dm.Id, before)
	if !strings.Contains(notice.Message, "technisches Problem") {
		t.Fatalf("the person was told:\n%s", notice.Message)
	}
	// Once the bot has seen its own notice come back, the connection drops
	// and the mark is set back to the panicking post's, as when the drop
	// comes before the notice is seen; the next post comes while the bot is
	// away, so the catch-up reads the panicking post again.
	ctx := context.Background()
	rdb, key := h.store.Client(), h.store.Key("mattermost", "seen")
	for deadline := time.Now().Add(waitLimit); ; time.Sleep(5 * time.Millisecond) {
		if ms, _ := rdb.HGet(ctx, key, dm.Id).Int64(); ms >= notice.CreateAt {
			break // the notice came back: no later mark can come before the drop
		}
		if time.Now().After(deadline) {
			t.Fatal("the bot never saw its own notice")
		}
	}
	h.srv.SetWebSocketDown(true)
	h.srv.DropConnections()
	if err := rdb.HSet(ctx, key, dm.Id, broke.CreateAt).Err(); err != nil {
		t.Fatal(err)
	}
	h.post(anna, dm.Id, "hilfe", mattermosttest.PostOptions{})
	h.srv.SetWebSocketDown(false)
	h.waitFor(dm.Id, "Das kannst du tun")
	if n := strings.Count(messages(h.srv.PostsIn(dm.Id)), "technisches Problem"); n != 1 {
		t.Errorf("the notice went out %d times, want once:\n%s", n, messages(h.srv.PostsIn(dm.Id)))
	}
}
