package store_test

import (
	"context"
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
// the bot writes to the new master by itself. Replication is
// asynchronous, so commits confirmed by the old master in the moment
// before the client learns of the new one may be lost; the test reports
// how many.
func TestSentinelFailoverIsFollowed(t *testing.T) {
	b := storetest.Sentinel(t)
	rdb := b.Client(t)
	s := store.New(rdb, storetest.Community(t), store.Options{})

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
