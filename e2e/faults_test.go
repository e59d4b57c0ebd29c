package e2e

import (
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// inFlight counts the POSTs each replica has not answered yet.
type inFlight struct {
	mu sync.Mutex
	n  map[*replica]int
}

func (f *inFlight) add(r *replica, d int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == nil {
		f.n = map[*replica]int{}
	}
	f.n[r] += d
}

func (f *inFlight) of(r *replica) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n[r]
}

// sendTracked delivers through pick, counting the POSTs to each replica while they
// are in flight.
func (w *world) sendTracked(f *inFlight, pick func() *replica) sender {
	return func(u telegramtest.Update) []attempt {
		return w.deliver(u, func() *replica {
			r := pick()
			f.add(r, 1)
			return r
		}, func(r *replica) { f.add(r, -1) })
	}
}

// TestKilledReplicaLosesNothing kills one of three processes with SIGKILL
// while it handles updates. Telegram delivers what it did not confirm
// again, to the other processes: every person still gets each answer once
// (a reply the killed process sent but could not confirm may come twice,
// so a step whose POST was in hand at the moment of the kill may show it
// twice; a POST refused after the kill reached no process, and its step
// shows one reply), in order, and every choice is stored.
//
// One more person's update is surely in hand at the kill: its reply is
// held up at the gate until the process dies, so it never reached
// Telegram and comes exactly once when the update is delivered again.
func TestKilledReplicaLosesNothing(t *testing.T) {
	t.Parallel()
	w := newWorld(t, storetest.URL(t), 3*time.Second)
	a, b, c := w.start("a"), w.start("b"), w.start("c")
	const pinned = 2099
	start := step{say: "/start", want: "Bist du einverstanden?"}
	u, err := w.update(pinned, start)
	if err != nil {
		t.Fatal(err)
	}
	var pinnedTry attempt
	pinnedDone := make(chan struct{})
	var flight inFlight
	var accepted atomic.Int32
	killed := make(chan struct{})
	var killedAt time.Time
	go func() {
		defer close(killed)
		deadline := time.Now().Add(updateBound)
		for accepted.Load() < 20 || flight.of(a) == 0 {
			if time.Now().After(deadline) {
				return
			}
			time.Sleep(time.Millisecond)
		}
		h := w.gate.hold(pinned)
		go func() {
			defer close(pinnedDone)
			pinnedTry = attempt{replica: a, start: time.Now()}
			pinnedTry.status, pinnedTry.err = w.post(a, u)
			pinnedTry.end = time.Now()
		}()
		select {
		case <-h.arrived:
		case <-pinnedDone:
			return
		}
		_ = a.cmd.Process.Signal(syscall.SIGKILL)
		// Taken after the signal: a POST made before this may have
		// reached the process while it still ran.
		killedAt = time.Now()
	}()
	runs := w.runChats(12, 2001, w.sendTracked(&flight, w.any(a, b, c)), func(*chatRun) { accepted.Add(1) })
	<-killed
	select {
	case <-a.exited:
	default:
		t.Fatal("the load ended before a replica was killed")
	}
	if <-pinnedDone; pinnedTry.err == nil {
		t.Fatalf("the update in hand at the kill was answered: %v", pinnedTry)
	}
	// A person whose update the dead process held waits for its lock to
	// expire, not longer (a bound for a loaded machine, not a goal).
	if d := time.Since(killedAt); d > 4*bot.LockTTL {
		t.Errorf("the last person was answered %s after the crash; a dead process's lock lasts %s", d, bot.LockTTL)
	}
	// Only a POST made before the kill and unanswered at it may have been
	// in hand there, its replies out and unconfirmed.
	inHand := map[*chatRun]map[int]bool{}
	held, refused := 0, 0
	for _, c := range runs {
		for i, tries := range c.tries {
			for _, tr := range tries {
				switch {
				case tr.replica != a || tr.err == nil:
				case tr.start.Before(killedAt):
					if inHand[c] == nil {
						inHand[c] = map[int]bool{}
					}
					inHand[c][i] = true
					held++
				default:
					refused++
				}
			}
		}
	}
	t.Logf("%d more POSTs in flight at the killed process when it died, %d made to it afterwards", held, refused)
	w.onceInOrder(t, runs, func(c *chatRun, step int) bool { return inHand[c][step] })
	w.answeredOnce(pinned, 0, start, append([]attempt{pinnedTry}, w.deliver(u, w.any(b, c))...))
	w.profilesStored(t, w.redisURL, runs)
	w.tg.AssertClean(t)
}

// TestTerminatedReplicaFinishesWhatItHolds stops one of two processes with
// SIGTERM while it handles updates: the updates in hand finish (their
// POSTs are answered 200, their replies sent), the process exits cleanly
// within its grace period, and whatever it no longer took is delivered to
// the other one: nobody misses or repeats an answer.
func TestTerminatedReplicaFinishesWhatItHolds(t *testing.T) {
	t.Parallel()
	const grace = 3 * time.Second
	w := newWorld(t, storetest.URL(t), grace)
	a, b := w.start("a"), w.start("b")
	var flight inFlight
	var accepted atomic.Int32
	type stopped struct {
		at   time.Time
		took time.Duration
	}
	term := make(chan stopped, 1)
	go func() {
		deadline := time.Now().Add(updateBound)
		for accepted.Load() < 15 || flight.of(a) < 2 {
			if time.Now().After(deadline) {
				close(term)
				return
			}
			time.Sleep(time.Millisecond)
		}
		at := time.Now()
		_ = a.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-a.exited:
			term <- stopped{at, time.Since(at)}
		case <-time.After(updateBound):
			term <- stopped{at, -1}
		}
	}()
	runs := w.runChats(12, 3001, w.sendTracked(&flight, w.any(a, b)), func(*chatRun) { accepted.Add(1) })
	s, ok := <-term
	if !ok {
		t.Fatal("the load ended before a replica was stopped")
	}
	switch {
	case s.took < 0:
		t.Fatalf("no exit within %s of SIGTERM", updateBound)
	case s.took > grace+2*time.Second: // the grace plus time to exit on a loaded machine
		t.Errorf("exit %s after SIGTERM, grace period %s", s.took, grace)
	}
	if err := a.exitedCleanly(); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	finished := 0
	for _, c := range runs {
		for i, tries := range c.tries {
			for _, tr := range tries {
				if tr.replica != a || tr.err != nil {
					continue
				}
				if tr.status != 200 {
					t.Errorf("chat %d step %d: the stopping process answered %d", c.chat, i+1, tr.status)
				}
				if tr.start.Before(s.at) && tr.end.After(s.at) {
					finished++
				}
			}
		}
	}
	if finished == 0 {
		t.Error("no update was in hand at SIGTERM and finished")
	}
	t.Logf("%d updates in hand at SIGTERM finished; exit after %s", finished, s.took)
	w.onceInOrder(t, runs, nil)
	w.profilesStored(t, w.redisURL, runs)
	w.tg.AssertClean(t)
}
