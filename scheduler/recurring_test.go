package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }
func berlin(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// runs records the scheduled times a job ran for; each run takes took.
type runs struct {
	mu   sync.Mutex
	at   []time.Time
	err  error
	took time.Duration
}

func (r *runs) run(ctx context.Context, at time.Time) error {
	time.Sleep(r.took)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	r.at = append(r.at, at)
	return nil
}

func (r *runs) list() []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.at...)
}

// processes starts n schedulers on one Redis, each with its own client, as
// n bot processes would.
func processes(t *testing.T, b storetest.Backend, n int, clk *clock, r *runs) []*Cron {
	community := storetest.Community(t)
	var out []*Cron
	for range n {
		st := store.New(b.Client(t), community, store.Options{})
		c, err := NewCron(st.Client(), st.Key, berlin(t), clk.now, slog.New(slog.DiscardHandler),
			Recurring{Name: "digest", Spec: "0 8 * * 1", Run: r.run})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func tickAll(cs []*Cron) {
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Go(func() { c.Tick(context.Background()) })
	}
	wg.Wait()
}

func TestThreeProcessesRunEachPeriodOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		loc := berlin(t)
		clk := &clock{t: time.Date(2026, 11, 30, 7, 0, 0, 0, loc)} // a Monday
		r := &runs{}
		cs := processes(t, b, 3, clk, r)
		tickAll(cs) // first start: nothing was missed
		for _, now := range []time.Time{
			time.Date(2026, 11, 30, 8, 0, 0, 0, loc),
			time.Date(2026, 11, 30, 8, 0, 30, 0, loc),
			time.Date(2026, 12, 3, 12, 0, 0, 0, loc),
			time.Date(2026, 12, 7, 8, 1, 0, 0, loc),
		} {
			clk.set(now)
			tickAll(cs)
		}
		got := r.list()
		want := []time.Time{time.Date(2026, 11, 30, 8, 0, 0, 0, loc), time.Date(2026, 12, 7, 8, 0, 0, 0, loc)}
		if len(got) != len(want) {
			t.Fatalf("runs at %v, want %v", got, want)
		}
		for i := range want {
			if !got[i].Equal(want[i]) {
				t.Fatalf("run %d at %v, want %v", i, got[i], want[i])
			}
		}
	})
}

// A run that lasts many times its lease (a digest for a large town on a
// slow platform) keeps the lease, so the other processes, ticking all the
// while, do not make the run again.
func TestARunLongerThanItsLeaseHappensOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		loc := berlin(t)
		clk := &clock{t: time.Date(2026, 11, 30, 7, 0, 0, 0, loc)}
		const lease = 600 * time.Millisecond
		r := &runs{took: 3 * lease}
		cs := processes(t, b, 3, clk, r)
		for _, c := range cs {
			c.lease = lease
		}
		tickAll(cs)
		clk.set(time.Date(2026, 11, 30, 8, 0, 0, 0, loc))
		var wg sync.WaitGroup
		for _, c := range cs {
			wg.Go(func() {
				for end := time.Now().Add(4 * lease); time.Now().Before(end); time.Sleep(lease / 6) {
					c.Tick(context.Background())
				}
			})
		}
		wg.Wait()
		if got := r.list(); len(got) != 1 {
			t.Fatalf("the 08:00 run was made %d times: %v", len(got), got)
		}
	})
}

func TestAPeriodMissedWhileDownRunsOnceAtStart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		loc := berlin(t)
		clk := &clock{t: time.Date(2026, 11, 30, 9, 0, 0, 0, loc)}
		r := &runs{}
		community := storetest.Community(t)
		start := func() *Cron {
			st := store.New(b.Client(t), community, store.Options{})
			c, err := NewCron(st.Client(), st.Key, loc, clk.now, slog.New(slog.DiscardHandler),
				Recurring{Name: "digest", Spec: "0 8 * * 1", Run: r.run})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		start().Tick(context.Background())
		// Down for three weeks; three Mondays pass.
		clk.set(time.Date(2026, 12, 22, 10, 0, 0, 0, loc))
		next := []*Cron{start(), start(), start()}
		tickAll(next)
		tickAll(next)
		got := r.list()
		if len(got) != 1 || !got[0].Equal(time.Date(2026, 12, 21, 8, 0, 0, 0, loc)) {
			t.Fatalf("runs after the outage: %v, want one for Monday 21.12. 08:00", got)
		}
	})
}

func TestAFailedRunIsTriedAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		loc := berlin(t)
		clk := &clock{t: time.Date(2026, 11, 30, 7, 0, 0, 0, loc)}
		r := &runs{}
		cs := processes(t, b, 1, clk, r)
		cs[0].Tick(context.Background())
		clk.set(time.Date(2026, 11, 30, 8, 0, 0, 0, loc))
		r.err = errors.New("mattermost down")
		cs[0].Tick(context.Background())
		r.err = nil
		clk.set(time.Date(2026, 11, 30, 8, 1, 0, 0, loc))
		cs[0].Tick(context.Background())
		if got := r.list(); len(got) != 1 || got[0].Hour() != 8 {
			t.Fatalf("runs %v, want the 08:00 run once after the failure", got)
		}
	})
}

func TestScheduleKeepsWallClockAcrossDaylightSaving(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		loc := berlin(t)
		clk := &clock{t: time.Date(2026, 3, 23, 9, 0, 0, 0, loc)}
		r := &runs{}
		cs := processes(t, b, 1, clk, r)
		cs[0].Tick(context.Background())
		for _, d := range []time.Time{
			time.Date(2026, 3, 30, 8, 0, 0, 0, loc),  // first Monday of summer time
			time.Date(2026, 10, 26, 8, 0, 0, 0, loc), // first Monday of winter time
		} {
			clk.set(d)
			cs[0].Tick(context.Background())
		}
		for _, at := range r.list() {
			if at.In(loc).Hour() != 8 || at.In(loc).Minute() != 0 {
				t.Fatalf("run at %v, want 08:00 Berlin time", at.In(loc))
			}
		}
		if len(r.list()) != 2 {
			t.Fatalf("runs %v", r.list())
		}
	})
}
