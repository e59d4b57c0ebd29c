package e2e

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/store/storetest"
)

// TestNextUpdateWaitsForTheOneInHand delivers a chat's next update to
// another process while the previous one is still in hand: its effects are
// in Redis, its reply not yet out, because Telegram is slow to take it.
// (Telegram itself waits for the answer to a chat's update before sending
// the next, but a redelivery after a timeout need not.) The second process
// must not answer first: it waits for the person's lock, or refuses the
// update so that it comes again; either way the replies come in the order
// of the updates, each once.
func TestNextUpdateWaitsForTheOneInHand(t *testing.T) {
	t.Parallel()
	w := newWorld(t, storetest.URL(t), 3*time.Second)
	a, b := w.start("a"), w.start("b")
	const chat = 6001
	w.play(chat, onboarding("Opperode")[:1], w.any(a)) // the consent question

	// Update N, the consent, goes to a; its reply, the district question,
	// is held up at the gate. Update N+1 types the answer to that question
	// (a button's label is an answer) and goes to b.
	h := w.gate.hold(chat)
	first := step{press: "Einverstanden", want: "In welchem Ortsteil"}
	next := step{say: "Opperode", want: "Danke, das war's schon!"}
	u, err := w.update(chat, first)
	if err != nil {
		t.Fatal(err)
	}
	v, err := w.update(chat, next)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var firstTries, nextTries []attempt
	firstDone := make(chan struct{})
	wg.Go(func() {
		defer close(firstDone)
		firstTries = w.deliver(u, firstThen(a, w.any(a, b)))
	})
	select {
	case <-h.arrived:
	case <-firstDone:
		t.Fatalf("N was answered without its reply being held: POSTs %v", firstTries)
	}
	waitedFor, err := b.received()
	if err != nil {
		t.Fatal(err)
	}
	answered := make(chan struct{})
	var once sync.Once
	wg.Go(func() {
		nextTries = w.deliver(v, firstThen(b, w.any(a, b)), func(*replica) { once.Do(func() { close(answered) }) })
	})
	// Until b has N+1 in hand (it counts an update before it waits for
	// the person's lock) or answered it.
	inHand := func() bool {
		n, err := b.received()
		return err == nil && n > waitedFor
	}
	for deadline := time.Now().Add(updateBound); !inHand() && !closed(answered); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			h.release()
			wg.Wait()
			t.Fatal("b neither took N+1 in hand nor answered it")
		}
	}
	// A process that did not wait would answer N+1 within moments; this
	// pause gives it the time (it cannot fail a correct bot).
	time.Sleep(200 * time.Millisecond)
	if got := w.tg.MessagesTo(chat); len(got) != 1 {
		t.Errorf("while N was in hand, N+1 was answered:\n%s", transcript(got))
	}
	h.release()
	wg.Wait()

	msgs := w.tg.MessagesTo(chat)
	if len(msgs) != 3 || !strings.Contains(msgs[1].Shown(), first.want) || !strings.Contains(msgs[2].Shown(), next.want) {
		t.Errorf("want the replies %q then %q, each once; N's POSTs %v, N+1's %v; the chat:\n%s",
			first.want, next.want, firstTries, nextTries, transcript(msgs))
	}
	if len(nextTries) == 1 {
		t.Logf("N+1 waited for N: POSTs %v", nextTries)
	} else {
		t.Logf("N+1 was refused, then delivered again: POSTs %v", nextTries)
	}
	// The conversation goes on from where N+1 left it.
	w.play(chat, onboarding("Opperode")[3:], w.any(a, b))
	w.profilesStored(t, w.redisURL, []*chatRun{{chat: chat, district: "Opperode"}})
	w.tg.AssertClean(t)
}

// closed reports whether c is closed.
func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
