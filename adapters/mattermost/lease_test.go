package mattermost_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

// waitUntil polls cond, failing the test after waitLimit.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, waitLimit)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestOneProcessReadsTheEventStreamAndAnotherTakesOver(t *testing.T) {
	h := newHarness(t)
	standby := h.process(300 * time.Millisecond)
	anna, dm := h.user("anna")
	h.say(anna, dm.Id, "Hallo")
	if n := h.srv.WebSocketConnections(); n != 1 {
		t.Errorf("%d processes read the event stream, want one", n)
	}
	if standby.ad.Reading() {
		t.Error("the second process reads the event stream beside the first")
	}
	if err := standby.ad.Healthy(context.Background()); err != nil {
		t.Errorf("a process standing by is not ready: %v", err)
	}

	h.main.stop()
	h.post(anna, dm.Id, "Einverstanden", mattermosttest.PostOptions{})
	h.waitFor(dm.Id, "In welcher Sprache")
	waitUntil(t, "the second process reads the event stream", standby.ad.Reading)
	if n := h.srv.WebSocketConnections(); n != 1 {
		t.Errorf("%d connections to the event stream, want one", n)
	}
	if got := strings.Count(messages(h.srv.PostsIn(dm.Id)), "In welcher Sprache"); got != 1 {
		t.Errorf("the post made during the handover was answered %d times, want once:\n%s", got, messages(h.srv.PostsIn(dm.Id)))
	}
}

func TestLeaseOfADeadProcessExpiresAndTheNextCatchesUp(t *testing.T) {
	h := newHarness(t)
	anna, dm := h.user("anna")
	h.say(anna, dm.Id, "Hallo")
	// The reader dies without giving its lease up: the lease stays in
	// Redis until it expires.
	h.main.stop()
	key := h.store.Key("mattermost", "consumer")
	if err := h.store.Client().Set(context.Background(), key, "a-dead-process", 500*time.Millisecond).Err(); err != nil {
		t.Fatal(err)
	}
	next := h.process(300 * time.Millisecond)
	h.post(anna, dm.Id, "Einverstanden", mattermosttest.PostOptions{})
	h.waitFor(dm.Id, "In welcher Sprache")
	waitUntil(t, "the next process reads the event stream", next.ad.Reading)
	if got := strings.Count(messages(h.srv.PostsIn(dm.Id)), "In welcher Sprache"); got != 1 {
		t.Errorf("the post made while nobody read was answered %d times, want once", got)
	}
	if owner := h.store.Client().Get(context.Background(), key).Val(); owner == "a-dead-process" {
		t.Error("the dead process still holds the lease")
	}
}

func TestAReaderThatLostItsLeaseStopsReading(t *testing.T) {
	h := newHarness(t)
	h.main.stop()
	p := h.process(300 * time.Millisecond)
	waitUntil(t, "the process reads the event stream", p.ad.Reading)
	// The process was held up past its lease and another took it.
	rdb := h.store.Client()
	if err := rdb.Set(context.Background(), h.store.Key("mattermost", "consumer"), "another-process", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the process stops reading", func() bool { return !p.ad.Reading() && h.srv.WebSocketConnections() == 0 })
	if err := p.ad.Healthy(context.Background()); err != nil {
		t.Errorf("a process standing by is not ready: %v", err)
	}
	// The other gives the lease up: this one reads again.
	rdb.Del(context.Background(), h.store.Key("mattermost", "consumer"))
	waitUntil(t, "the process reads again", p.ad.Reading)
}
