package scheduler_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestTwoRunnersRunEveryJobOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		community := storetest.Community(t)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }

		var mu sync.Mutex
		ran := map[string]int{}
		handler := func(_ context.Context, j scheduler.Job) error {
			mu.Lock()
			ran[j.ID]++
			mu.Unlock()
			return nil
		}
		// Two processes: separate clients, one Redis.
		var runners []*scheduler.Runner
		for range 2 {
			st := store.New(b.Client(t), community, store.Options{})
			runners = append(runners, &scheduler.Runner{
				Jobs: scheduler.NewJobs(st), Now: clock,
				Handlers: map[string]scheduler.Handler{"remind": handler},
			})
		}
		const n = 500
		for i := range n {
			j := scheduler.Job{ID: fmt.Sprint("j", i), Kind: "remind", Due: now.Add(-time.Duration(i) * time.Second)}
			if err := runners[i%2].Jobs.Schedule(ctx, j); err != nil {
				t.Fatal(err)
			}
		}
		later := scheduler.Job{ID: "later", Kind: "remind", Due: now.Add(time.Hour)}
		if err := runners[0].Jobs.Schedule(ctx, later); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for _, r := range runners {
			wg.Go(func() {
				if _, err := r.RunDue(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if len(ran) != n {
			t.Fatalf("%d jobs ran, want %d", len(ran), n)
		}
		for id, c := range ran {
			if c != 1 {
				t.Fatalf("job %s ran %d times", id, c)
			}
		}
		if ran["later"] != 0 {
			t.Fatal("a job ran before it was due")
		}
		waiting, _ := runners[0].Jobs.Waiting(ctx)
		if len(waiting) != 1 || waiting[0].ID != "later" {
			t.Fatalf("waiting = %+v", waiting)
		}
	})
}

func TestAFailedJobIsTriedAgainAfterItsLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		st := b.New(t)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		fail := true
		calls := 0
		r := &scheduler.Runner{
			Jobs: scheduler.NewJobs(st), Now: func() time.Time { return now }, Lease: time.Minute,
			Handlers: map[string]scheduler.Handler{"x": func(context.Context, scheduler.Job) error {
				calls++
				if fail {
					return fmt.Errorf("platform down")
				}
				return nil
			}},
		}
		if err := r.Jobs.Schedule(ctx, scheduler.Job{ID: "a", Kind: "x", Due: now}); err != nil {
			t.Fatal(err)
		}
		if n, _ := r.RunDue(ctx); n != 0 || calls != 1 {
			t.Fatalf("ran %d, calls %d", n, calls)
		}
		if n, _ := r.RunDue(ctx); n != 0 || calls != 1 {
			t.Fatal("a claimed job was run again before its lease ended")
		}
		fail = false
		now = now.Add(2 * time.Minute)
		if n, _ := r.RunDue(ctx); n != 1 || calls != 2 {
			t.Fatalf("after the lease: ran %d, calls %d", n, calls)
		}
		if n, _ := r.RunDue(ctx); n != 0 {
			t.Fatal("a done job ran again")
		}
	})
}

// A job that runs many times its lease (a reminder to a large event on a
// slow platform) keeps its lease: the other process, looking for due jobs
// all the while, does not run it again.
func TestAJobLongerThanItsLeaseRunsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		community := storetest.Community(t)
		ctx := context.Background()
		const lease = 600 * time.Millisecond
		var mu sync.Mutex
		ran := 0
		slow := func(context.Context, scheduler.Job) error {
			mu.Lock()
			ran++
			mu.Unlock()
			time.Sleep(3 * lease)
			return nil
		}
		var runners []*scheduler.Runner
		for range 2 {
			st := store.New(b.Client(t), community, store.Options{})
			runners = append(runners, &scheduler.Runner{
				Jobs: scheduler.NewJobs(st), Now: time.Now, Lease: lease,
				Handlers: map[string]scheduler.Handler{"remind": slow},
			})
		}
		if err := runners[0].Jobs.Schedule(ctx, scheduler.Job{ID: "slow", Kind: "remind", Due: time.Now()}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for _, r := range runners {
			wg.Go(func() {
				for end := time.Now().Add(4 * lease); time.Now().Before(end); time.Sleep(lease / 6) {
					if _, err := r.RunDue(ctx); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if ran != 1 {
			t.Fatalf("the job ran %d times", ran)
		}
	})
}

// A process that was away beyond its lease finds the job claimed by
// another: it can neither renew that claim nor finish the job for it.
func TestAClaimTakenOverIsTheNewHoldersAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		q := scheduler.NewJobs(b.New(t))
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		if err := q.Schedule(ctx, scheduler.Job{ID: "a", Kind: "x", Due: now}); err != nil {
			t.Fatal(err)
		}
		first, err := q.Claim(ctx, now, time.Minute, 1)
		if err != nil || len(first) != 1 {
			t.Fatalf("first claim: %v %v", first, err)
		}
		later := now.Add(2 * time.Minute)
		second, err := q.Claim(ctx, later, time.Minute, 1)
		if err != nil || len(second) != 1 {
			t.Fatalf("claim after the lease: %v %v", second, err)
		}
		if held, err := q.Renew(ctx, first[0], later.Add(time.Minute)); held || err != nil {
			t.Fatalf("the first claimer renewed a claim no longer theirs (err %v)", err)
		}
		if err := q.Done(ctx, first[0]); err != nil {
			t.Fatal(err)
		}
		// Still the second holder's: not claimable before its lease ends,
		// and there to be claimed again should the second holder fail.
		if again, _ := q.Claim(ctx, later.Add(30*time.Second), time.Minute, 1); len(again) != 0 {
			t.Fatal("the first claimer's Done ended the second holder's lease")
		}
		if again, _ := q.Claim(ctx, later.Add(2*time.Minute), time.Minute, 1); len(again) != 1 {
			t.Fatal("the first claimer's Done removed the job the second holder runs")
		}
	})
}
