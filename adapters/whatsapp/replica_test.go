package whatsapp_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
)

// Two replicas behind one webhook URL: Meta's redelivery of a message,
// to the other replica or to both at once, is handled once.
func TestRedeliveryAcrossReplicasIsHandledOnce(t *testing.T) {
	w := newWorld(t)
	a := w.start()
	b := w.start()
	hookA, hookB := a.hs.URL+"/whatsapp/webhook", b.hs.URL+"/whatsapp/webhook"
	const p = "4915100000040"
	w.srv.SetWebhook(hookA)
	w.onboard(p)
	ctx := context.Background()

	w.say(p, "termine")
	before := len(w.srv.To(p))
	if status, err := w.srv.RedeliverTo(ctx, hookB); err != nil || status != http.StatusOK {
		t.Fatalf("redelivery to the other replica: %d %v", status, err)
	}
	if n := len(w.srv.To(p)) - before; n != 0 {
		t.Errorf("the other replica answered a redelivered message again (%d messages)", n)
	}

	// A new message delivered to both replicas at the same moment.
	w.srv.SetWebhook("")
	_, _ = w.srv.Text(ctx, p, "hilfe") // no webhook: only recorded
	before = len(w.srv.To(p))
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, hook := range []string{hookA, hookB} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _ = w.srv.RedeliverTo(ctx, hook)
		}()
	}
	wg.Wait()
	got := len(w.srv.To(p)) - before
	if got == 0 {
		// One replica may answer 500 while the other holds the person;
		// Meta delivers again, and then it is answered.
		_, _ = w.srv.RedeliverTo(ctx, hookA)
		got = len(w.srv.To(p)) - before
	}
	if got != 1 {
		t.Errorf("a message delivered to both replicas at once got %d answers (statuses %v), want 1:\n%s", got, statuses, transcript(w.srv.To(p)[before:]))
	}
	w.srv.AssertClean(t)
}
