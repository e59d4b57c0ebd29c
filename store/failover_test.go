package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// TestClusterFailoverLosesNoConfirmedState fails a master over to its
// replica, as an operator does for maintenance, while people keep
// answering: every commit that returned without error is there afterwards.
func TestClusterFailoverLosesNoConfirmedState(t *testing.T) {
	cc := storetest.ClusterClient(t)
	s := store.New(cc, storetest.Community(t), store.Options{})
	a := startAnswering(s, "c")
	time.Sleep(200 * time.Millisecond)
	clusterFailover(t, cc, s.PersonKey(personID("c0-0"), "conv"))
	time.Sleep(200 * time.Millisecond)
	confirmed, failed := a.stop()
	if len(confirmed) == 0 {
		t.Fatal("no commit was confirmed")
	}
	if lost := missing(t, s, confirmed); len(lost) > 0 {
		t.Fatalf("%d of %d confirmed commits lost in the failover (%d failed), e.g. %v", len(lost), len(confirmed), failed, lost[0])
	}
}

// TestSentinelFailoverIsFollowed has the Sentinels promote the replica
// while people keep answering: what was written before is all there, and
// the bot writes to the new master by itself. Replication is asynchronous:
// taking the master's word, commits it confirmed after its replica was
// promoted, before the client heard of the new master, are lost (the test
// reports how many); waiting for a replica (Options.WaitReplicas) loses
// none.
func TestSentinelFailoverIsFollowed(t *testing.T) {
	b := storetest.Sentinel(t)
	for _, tt := range []struct {
		name string
		wait int
	}{{"on the master's word", 0}, {"waiting for a replica", 1}} {
		t.Run(tt.name, func(t *testing.T) {
			s := store.New(b.Client(t), b.Community(t), store.Options{WaitReplicas: tt.wait})
			before := startAnswering(s, "b")
			time.Sleep(200 * time.Millisecond)
			early, _ := before.stop()
			replicated(t, s)

			during := startAnswering(s, "d")
			time.Sleep(200 * time.Millisecond)
			settled := sentinelFailover(t, b.Addr.Addrs, func() {
				time.Sleep(500 * time.Millisecond)
				confirmed, failed := during.stop()
				lost := missing(t, s, confirmed)
				t.Logf("while the Sentinels failed over: %d commits confirmed, %d of them lost; %d refused", len(confirmed), len(lost), failed)
				if tt.wait > 0 && len(lost) > 0 {
					t.Errorf("%d of %d commits confirmed by a replica are lost", len(lost), len(confirmed))
				}
			})
			if !settled {
				t.Fatal("the Sentinels did not fail over")
			}

			after := startAnswering(s, "a")
			time.Sleep(200 * time.Millisecond)
			late, failed := after.stop()
			if len(late) == 0 || failed > 0 {
				t.Fatalf("after the failover %d commits were confirmed and %d failed", len(late), failed)
			}
			for what, people := range map[string][]bot.User{"before": early, "after": late} {
				if lost := missing(t, s, people); len(lost) > 0 {
					t.Errorf("%d of %d commits confirmed %s the failover are lost", len(lost), len(people), what)
				}
			}
		})
	}
}

// An update counts as handled only once a replica has it: without one, its
// commit and its redelivery are refused; with one, both go through.
func TestAnUpdateWaitsForItsReplica(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name    string
		backend func(testing.TB) storetest.Backend
		ok      bool
	}{
		{"a server without replicas", storetest.Single, false},
		{"a master with a replica", storetest.Sentinel, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.backend(t)
			s := store.New(b.Client(t), b.Community(t), store.Options{WaitReplicas: 1, WaitTimeout: 100 * time.Millisecond})
			u := personID("w" + s.Community())
			if _, err := s.Load(ctx, u, "u1"); err != nil {
				t.Fatal(err)
			}
			err := s.Commit(ctx, u, "u1", bot.Change{State: &bot.State{Flow: "f"}})
			if tt.ok != (err == nil) || !tt.ok && !errors.Is(err, store.ErrNotReplicated) {
				t.Fatalf("commit: %v", err)
			}
			if err := s.Unlock(ctx, u, "u1"); err != nil {
				t.Fatal(err)
			}
			snap, err := s.Load(ctx, u, "u1")
			if tt.ok != (err == nil) || !tt.ok && !errors.Is(err, store.ErrNotReplicated) || tt.ok && !snap.Seen {
				t.Fatalf("the update again: seen %v, %v", snap.Seen, err)
			}
			if !tt.ok {
				// Refused, it left the person free for the next try.
				if _, err := s.Load(ctx, u, "u1"); !errors.Is(err, store.ErrNotReplicated) {
					t.Fatalf("the update a third time: %v", err)
				}
			}
		})
	}
}

// answerers are eight people answering at once; each answer is the first
// commit of a new person, so a lost write shows as a missing conversation.
type answerers struct {
	done      chan struct{}
	wg        sync.WaitGroup
	mu        sync.Mutex
	confirmed []bot.User
	failed    int
}

func startAnswering(s *store.Store, prefix string) *answerers {
	a := &answerers{done: make(chan struct{})}
	for w := range 8 {
		a.wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-a.done:
					return
				default:
				}
				u := personID(fmt.Sprintf("%s%d-%d", prefix, w, i))
				err := s.Commit(context.Background(), u, "1", bot.Change{State: &bot.State{Flow: "f", Seq: i}})
				a.mu.Lock()
				if err == nil {
					a.confirmed = append(a.confirmed, u)
				} else {
					a.failed++
				}
				a.mu.Unlock()
			}
		})
	}
	return a
}

// stop ends the answering and returns whose commits were confirmed and
// how many failed.
func (a *answerers) stop() ([]bot.User, int) {
	close(a.done)
	a.wg.Wait()
	return a.confirmed, a.failed
}

// missing returns the people of whom no conversation is stored.
func missing(t *testing.T, s *store.Store, people []bot.User) []bot.User {
	t.Helper()
	ctx := context.Background()
	var out []bot.User
	for len(people) > 0 {
		batch := people[:min(len(people), 1000)]
		people = people[len(batch):]
		pipe := s.Client().Pipeline()
		exists := make([]*redis.IntCmd, len(batch))
		for i, u := range batch {
			exists[i] = pipe.Exists(ctx, s.PersonKey(u, "conv"))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			t.Fatal(err)
		}
		for i, c := range exists {
			if c.Val() == 0 {
				out = append(out, batch[i])
			}
		}
	}
	return out
}

// replicated waits until the replica has everything written so far.
func replicated(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	conn := s.Client().(*redis.Client).Conn()
	defer conn.Close()
	if err := conn.Set(ctx, s.Key("replicated"), "1", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	if n, err := conn.Wait(ctx, 1, 5*time.Second).Result(); err != nil || n < 1 {
		t.Fatalf("the replica did not catch up: %d, %v", n, err)
	}
}

// clusterFailover promotes the replica of the master that holds key, the
// way an operator's manual failover does, and waits until the cluster
// agrees.
func clusterFailover(t *testing.T, cc *redis.ClusterClient, key string) {
	t.Helper()
	ctx := context.Background()
	slot, err := cc.ClusterKeySlot(ctx, key).Result()
	if err != nil {
		t.Fatal(err)
	}
	shards, err := cc.ClusterShards(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	var replica string
	for _, sh := range shards {
		for _, r := range sh.Slots {
			if r.Start <= slot && slot <= r.End {
				for _, n := range sh.Nodes {
					if n.Role == "replica" && n.Health == "online" {
						replica = fmt.Sprintf("%s:%d", n.IP, n.Port)
					}
				}
			}
		}
	}
	if replica == "" {
		t.Fatal("the key's master has no replica")
	}
	rc := redis.NewClient(&redis.Options{Addr: replica})
	defer rc.Close()
	if err := rc.ClusterFailover(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if role, _ := rc.Do(ctx, "ROLE").Slice(); len(role) > 0 && role[0] == "master" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the replica did not become master")
}

// sentinelFailover has the Sentinels promote the replica, calls promoted
// once they name it as the master, and waits until the old master
// replicates from the new one (the Sentinels turn it into a replica some
// ten seconds later), so the setup is whole again. It reports whether
// that happened within half a minute.
func sentinelFailover(t *testing.T, sentinels []string, promoted func()) bool {
	t.Helper()
	ctx := context.Background()
	sc := redis.NewSentinelClient(&redis.Options{Addr: sentinels[0]})
	defer sc.Close()
	master := func() string {
		a, err := sc.GetMasterAddrByName(ctx, storetest.SentinelMaster).Result()
		if err != nil || len(a) != 2 {
			return ""
		}
		return a[0] + ":" + a[1]
	}
	before := master()
	if err := sc.Failover(ctx, storetest.SentinelMaster).Err(); err != nil {
		t.Fatal(err)
	}
	old := redis.NewClient(&redis.Options{Addr: before})
	defer old.Close()
	var now string
	for range 600 {
		time.Sleep(50 * time.Millisecond)
		if now == "" {
			if m := master(); m != "" && m != before {
				now = m
				promoted()
			}
			continue
		}
		info, _ := old.Info(ctx, "replication").Result()
		_, port, _ := strings.Cut(now, ":")
		if strings.Contains(info, "master_port:"+port+"\r\n") && strings.Contains(info, "master_link_status:up") {
			return true
		}
	}
	return false
}

// BenchmarkCommitOnSentinel is what waiting for the replica costs a
// commit, one at a time, on the master with a replica behind Sentinels.
func BenchmarkCommitOnSentinel(b *testing.B) {
	backend := storetest.Sentinel(b)
	for _, wait := range []int{0, 1} {
		b.Run(fmt.Sprintf("wait=%d", wait), func(b *testing.B) {
			s := store.New(backend.Client(b), backend.Community(b), store.Options{WaitReplicas: wait})
			ctx := context.Background()
			i := 0
			for b.Loop() {
				i++
				u := personID(fmt.Sprint("bench", i%1000))
				if err := s.Commit(ctx, u, fmt.Sprint(i), bot.Change{State: &bot.State{Flow: "f", Seq: i}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
