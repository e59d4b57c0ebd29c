package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// countingSender records who got how many messages, from which replica.
// Each replica's first message waits until the other replica has one in
// flight too, so the two provably send at the same time.
type countingSender struct {
	mu    sync.Mutex
	got   map[string]int
	by    map[int]int
	first [2]sync.Once
	both  sync.WaitGroup
}

func newCountingSender() *countingSender {
	s := &countingSender{got: map[string]int{}, by: map[int]int{}}
	s.both.Add(2)
	return s
}

// replica is the Sender of replica i.
func (s *countingSender) replica(i int) bot.Sender {
	return senderFunc(func(ctx context.Context, m bot.Message) error {
		var overlap error
		s.first[i].Do(func() {
			s.both.Done()
			met := make(chan struct{})
			go func() { s.both.Wait(); close(met) }()
			select {
			case <-met:
			case <-time.After(10 * time.Second):
				overlap = errors.New("the other replica never sent at the same time")
			}
		})
		s.mu.Lock()
		defer s.mu.Unlock()
		s.got[m.To.Chat]++
		s.by[i]++
		return overlap
	})
}

type senderFunc func(ctx context.Context, m bot.Message) error

func (f senderFunc) Send(ctx context.Context, m bot.Message) error { return f(ctx, m) }

// Two replicas, each with its own Redis client, drain the same broadcast
// at the same time: every recipient gets the message exactly once, and the
// broadcast ends done with every message counted once.
func TestTwoReplicasDrainOneBroadcastAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		community := storetest.Community(t)
		const n = 300
		var recipients []bot.User
		for i := range n {
			recipients = append(recipients, bot.User{Platform: bot.Telegram, ID: fmt.Sprint(200000 + i)})
		}
		out := newCountingSender()
		var omu sync.Mutex
		observed := map[string]int{} // reports by job, from both replicas
		observe := func(job string, err error) {
			if err != nil {
				t.Errorf("%s: %v", job, err)
			}
			omu.Lock()
			defer omu.Unlock()
			observed[job]++
		}
		var replicas []*scheduler.Broadcasts
		for i := range 2 {
			st := store.New(b.Client(t), community, store.Options{})
			replicas = append(replicas, scheduler.NewBroadcasts(st, out.replica(i), plainRender,
				scheduler.BroadcastOptions{Rate: -1, Observe: observe}))
		}
		if _, err := replicas[0].Start(ctx, scheduler.Broadcast{ID: "both", Kind: "invite"}, recipients); err != nil {
			t.Fatal(err)
		}

		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Go(func() {
				if err := r.Drain(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()

		out.mu.Lock()
		defer out.mu.Unlock()
		for _, u := range recipients {
			if c := out.got[u.ID]; c != 1 {
				t.Errorf("resident %s got %d invitations", u.ID, c)
			}
		}
		if len(out.got) != n || out.by[0] == 0 || out.by[1] == 0 {
			t.Errorf("%d people reached; replica 0 sent %d, replica 1 sent %d", len(out.got), out.by[0], out.by[1])
		}
		if observed["broadcast:invite"] != n || len(observed) != 1 {
			t.Errorf("reported %v, want %d messages of broadcast:invite", observed, n)
		}
		for _, r := range replicas {
			bc, err := r.Get(ctx, "both")
			if err != nil || bc.Status != scheduler.StatusDone || bc.Sent != n || bc.Retried != 0 || bc.Remaining != 0 {
				t.Errorf("broadcast %+v, %v; want done, %d sent, none retried", bc, err, n)
			}
		}
	})
}

// A message that takes many times the lease to send (the platform asks to
// wait out a rate limit) keeps its recipient's lease: the other replica,
// looking for work all the while, does not send it again.
func TestASlowSendKeepsItsRecipient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		community := storetest.Community(t)
		const lease = 600 * time.Millisecond
		recipients := []bot.User{{Platform: bot.Telegram, ID: "301"}, {Platform: bot.Telegram, ID: "302"}, {Platform: bot.Telegram, ID: "303"}}
		var mu sync.Mutex
		got := map[string]int{}
		slow := senderFunc(func(ctx context.Context, m bot.Message) error {
			if m.To.Chat == "301" {
				select {
				case <-time.After(3 * lease):
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			mu.Lock()
			defer mu.Unlock()
			got[m.To.Chat]++
			return nil
		})
		var replicas []*scheduler.Broadcasts
		for range 2 {
			st := store.New(b.Client(t), community, store.Options{})
			replicas = append(replicas, scheduler.NewBroadcasts(st, slow, plainRender,
				scheduler.BroadcastOptions{Rate: -1, Lease: lease}))
		}
		if _, err := replicas[0].Start(ctx, scheduler.Broadcast{ID: "slow", Kind: "invite"}, recipients); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Go(func() {
				for end := time.Now().Add(4 * lease); time.Now().Before(end); time.Sleep(lease / 6) {
					if err := r.Drain(ctx); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		for _, u := range recipients {
			if c := got[u.ID]; c != 1 {
				t.Errorf("resident %s got %d invitations", u.ID, c)
			}
		}
		bc, err := replicas[1].Get(ctx, "slow")
		if err != nil || bc.Status != scheduler.StatusDone || bc.Sent != 3 || bc.Retried != 0 {
			t.Errorf("broadcast %+v, %v; want done, 3 sent, none retried", bc, err)
		}
	})
}
