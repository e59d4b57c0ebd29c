package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// TestUpdateHeldPastTheGraceIsDeliveredAgain stops a process with SIGTERM
// while it holds an update that outlasts its grace period: Telegram is
// slow to take the update's reply. The process exits when the grace is
// over, without confirming the held update and without taking a new one
// sent after the signal; both come again to the other process, and each
// has its effect once. The held update presses a toggle (an interest), so
// handling it twice would take the interest away again.
func TestUpdateHeldPastTheGraceIsDeliveredAgain(t *testing.T) {
	t.Parallel()
	const (
		grace = 1500 * time.Millisecond
		// exitMargin is the time to exit after the grace on a loaded
		// machine.
		exitMargin = 2 * time.Second
		// settle is ample time, after the process logged that it shuts
		// down, for its router to close.
		settle = 100 * time.Millisecond
	)
	w := newWorld(t, storetest.URL(t), 3*time.Second)
	a := w.start("a", "HEIMATBOT_SHUTDOWN_GRACE="+grace.String())
	b := w.start("b")
	const held, other = 7001, 7002
	const district = "Radisleben"
	steps := onboarding(district)
	w.play(held, steps[:4], w.any(b)) // on the interests question

	h := w.gate.holdCall(held, "editMessageText") // the question, changed in place
	press := steps[4]                             // Jugend, a toggle
	u, err := w.update(held, press)
	if err != nil {
		t.Fatal(err)
	}
	before := len(w.tg.MessagesTo(held))
	type answer struct {
		status int
		err    error
	}
	inHand := make(chan answer, 1)
	go func() {
		status, err := w.post(a, u)
		inHand <- answer{status, err}
	}()
	select {
	case <-h.arrived: // its effects are in Redis, its reply held up
	case got := <-inHand:
		t.Fatalf("the press was answered (%d, %v) without its reply being held", got.status, got.err)
	}

	at := time.Now()
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	a.waitForLog(t, `msg="shutting down"`)
	time.Sleep(settle)
	fresh := w.tg.CommandMessage(other, other, "/start", "", "de")
	if status, err := w.post(a, fresh); err == nil && status == http.StatusOK {
		t.Error("an update sent after the process began to shut down was answered 200")
	} else {
		t.Logf("an update sent after SIGTERM: %d %v", status, err)
	}
	select {
	case <-a.exited:
		if took := time.Since(at); took > grace+exitMargin {
			t.Errorf("exit %s after SIGTERM, grace period %s", took, grace)
		} else {
			t.Logf("exit %s after SIGTERM (%v)", took, a.err)
		}
	case <-time.After(grace + exitMargin):
		t.Fatalf("still running %s after SIGTERM, grace period %s", grace+exitMargin, grace)
	}
	if got := <-inHand; got.err == nil && got.status == http.StatusOK {
		t.Error("the update held past the grace period was answered 200")
	} else {
		t.Logf("the held update: %d %v", got.status, got.err)
	}
	if got := w.tg.MessagesTo(held)[before:]; len(got) != 0 {
		t.Fatalf("the held reply reached Telegram:\n%s", transcript(got))
	}
	// Cut off, the update released its person's lock: the redelivery
	// need not wait for it to expire.
	rdb, err := store.Open(store.Addr{URL: w.redisURL})
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	lock := fmt.Sprintf("hb:{%s:%s}:lock", w.community, bot.User{Platform: bot.Telegram, ID: strconv.Itoa(held)}.Key())
	if n := rdb.Exists(context.Background(), lock).Val(); n != 0 {
		t.Error("the process left the person's lock behind")
	}

	// Telegram delivers both again, to b. The held reply never reached
	// Telegram (the gate drops a call the bot gave up on), so it comes
	// exactly once now: from what a stored before it stopped, as the
	// press is recognised as handled.
	start := time.Now()
	w.answeredOnce(held, before, press, w.deliver(u, w.any(b)))
	t.Logf("the held update was handled at b %s after it came again", time.Since(start))
	w.answeredOnce(other, 0, steps[0], w.deliver(fresh, w.any(b)))
	// The conversation goes on from the press, which took effect once: the
	// profile has the interest.
	w.play(held, steps[5:], w.any(b))
	w.profilesStored(t, w.redisURL, []*chatRun{{chat: held, district: district}})
	w.tg.AssertClean(t)
}
