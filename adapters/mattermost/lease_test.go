package mattermost_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/netfault"
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
	standby := h.process(time.Second)
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
	h.waitFor(dm.Id, "In welchem Ortsteil")
	waitUntil(t, "the second process reads the event stream", standby.ad.Reading)
	if n := h.srv.WebSocketConnections(); n != 1 {
		t.Errorf("%d connections to the event stream, want one", n)
	}
	if got := strings.Count(messages(h.srv.PostsIn(dm.Id)), "In welchem Ortsteil"); got != 1 {
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
	next := h.process(time.Second)
	h.post(anna, dm.Id, "Einverstanden", mattermosttest.PostOptions{})
	h.waitFor(dm.Id, "In welchem Ortsteil")
	waitUntil(t, "the next process reads the event stream", next.ad.Reading)
	if got := strings.Count(messages(h.srv.PostsIn(dm.Id)), "In welchem Ortsteil"); got != 1 {
		t.Errorf("the post made while nobody read was answered %d times, want once", got)
	}
	if owner := h.store.Client().Get(context.Background(), key).Val(); owner == "a-dead-process" {
		t.Error("the dead process still holds the lease")
	}
}

func TestAReaderThatLostItsLeaseStopsReading(t *testing.T) {
	h := newHarness(t)
	h.main.stop()
	p := h.process(time.Second)
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

// leaseHolder is the id of the process holding the consumer lease now,
// or "" when nobody does.
func (h *harness) leaseHolder() string {
	h.t.Helper()
	id, err := h.store.Client().Get(context.Background(), h.store.Key("mattermost", "consumer")).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		h.t.Fatal(err)
	}
	return id
}

// waitHandled waits until the process reading the event stream is done
// with a post: it marks a post seen after handling it.
func (h *harness) waitHandled(p *model.Post) {
	h.t.Helper()
	waitUntil(h.t, "the post is handled", func() bool {
		ms, err := h.store.Client().HGet(context.Background(), h.store.Key("mattermost", "seen"), p.ChannelId).Int64()
		return err == nil && ms >= p.CreateAt
	})
}

// holderAndStandby starts two replicas with the lease ttl in place of the
// harness's process: the first reads the event stream (its lease id is
// returned), the second stands by.
func holderAndStandby(t *testing.T, ttl time.Duration) (h *harness, holder, standby *replica, holderID string) {
	t.Helper()
	h = newHarness(t)
	h.main.stop()
	holder = h.replica(ttl)
	waitUntil(t, "the first replica reads the event stream", holder.ad.Reading)
	standby = h.replica(ttl)
	return h, holder, standby, h.leaseHolder()
}

func TestAHolderThatDiesIsReplacedOnceItsLeaseExpiresAndEveryPostIsAnsweredOnce(t *testing.T) {
	const ttl = 1500 * time.Millisecond
	h, holder, standby, holderID := holderAndStandby(t, ttl)

	type person struct {
		user *model.User
		dm   *model.Channel
	}
	var people []person
	for _, name := range []string{"anna", "berta", "carl"} {
		u, dm := h.user(name)
		people = append(people, person{u, dm})
	}
	// Before: the holder greets everyone. It dies between posts: one in
	// hand when a process dies may be answered twice, as the engine
	// sends a reply before it confirms it in Redis.
	greeted := map[string]int{}
	for _, p := range people {
		hallo := h.post(p.user, p.dm.Id, "Hallo", mattermosttest.PostOptions{})
		h.waitFor(p.dm.Id, "Bist du einverstanden?")
		h.waitHandled(hallo)
		greeted[p.dm.Id] = len(h.srv.PostsIn(p.dm.Id))
	}
	if standby.ad.Reading() {
		t.Fatal("the standby reads the event stream beside the holder")
	}

	holder.die()
	died := time.Now()
	left, err := h.store.Client().PTTL(context.Background(), h.store.Key("mattermost", "consumer")).Result()
	if err != nil {
		t.Fatal(err)
	}
	if got := h.leaseHolder(); got != holderID {
		t.Fatalf("the lease went from %q to %q while it ran", holderID, got)
	}

	// During: people keep writing, and someone new opens a direct channel,
	// while the dead holder's lease runs out.
	for _, p := range people {
		h.post(p.user, p.dm.Id, "Einverstanden", mattermosttest.PostOptions{})
	}
	dora, doraDM := h.user("dora")
	h.post(dora, doraDM.Id, "Hallo", mattermosttest.PostOptions{})
	emil, _ := h.user("emil")
	mention := h.post(emil, h.srv.TownSquare().Id, "@heimatbot hilfe", mattermosttest.PostOptions{})

	waitUntil(t, "the standby takes the lease", func() bool {
		id := h.leaseHolder()
		return id != "" && id != holderID
	})
	took := time.Since(died)
	t.Logf("the standby took the lease %s after the holder died, whose lease had %s left", took, left)
	// Redis lets nobody else have the lease before it ran out; the
	// standby tries every ttl/3. The bound allows a whole further ttl for
	// a loaded machine: what it catches is a standby that waits for
	// something else than the lease's expiry.
	if took < left-10*time.Millisecond {
		t.Errorf("the standby took the lease %s after the holder died, before its %s had run out", took, left)
	}
	if limit := left + ttl/3 + ttl; took > limit {
		t.Errorf("the standby took the lease %s after the holder died, want within %s", took, limit)
	}
	waitUntil(t, "the standby reads the event stream", standby.ad.Reading)

	// The posts made while nobody read are answered by the new holder.
	for _, p := range people {
		h.waitFor(p.dm.Id, "In welchem Ortsteil")
	}
	h.waitFor(doraDM.Id, "Bist du einverstanden?")
	help := h.waitFor(h.srv.TownSquare().Id, "Das kannst du tun")
	if help.RootId != mention.Id {
		t.Errorf("the mention was answered in thread %q, want %q", help.RootId, mention.Id)
	}

	// After: the conversations go on with the new holder.
	for _, p := range people {
		if got := h.say(p.user, p.dm.Id, "Badeborn"); !strings.Contains(got.Message, "Danke, das war's schon!") {
			t.Errorf("after the takeover the conversation did not go on:\n%s", got.Message)
		}
	}

	for _, p := range people {
		all := messages(h.srv.PostsIn(p.dm.Id))
		for _, answer := range []string{"Bist du einverstanden?", "In welchem Ortsteil", "Danke, das war's schon!"} {
			if got := strings.Count(all, answer); got != 1 {
				t.Errorf("%s: %q came %d times, want once:\n%s", p.user.Username, answer, got, all)
			}
		}
		if got, want := len(h.srv.PostsIn(p.dm.Id)), greeted[p.dm.Id]+2; got != want {
			t.Errorf("%s got %d posts from the bot, want %d: the answers to each of their posts, once:\n%s", p.user.Username, got, want, all)
		}
	}
	if got := strings.Count(messages(h.srv.PostsIn(doraDM.Id)), "Bist du einverstanden?"); got != 1 {
		t.Errorf("the direct channel opened while nobody read was greeted %d times, want once", got)
	}
	if got := len(h.srv.PostsIn(h.srv.TownSquare().Id)); got != 1 {
		t.Errorf("the mention made while nobody read was answered %d times, want once", got)
	}
}

func TestAHolderWhoseRenewalsFailStopsReadingBeforeItsLeaseCanExpire(t *testing.T) {
	for _, c := range []struct {
		name   string
		breaks func(*netfault.Link)
	}{
		{"its Redis stalls, renewals hang", (*netfault.Link).Stall},
		{"its Redis is cut off, renewals fail", (*netfault.Link).Cut},
	} {
		t.Run(c.name, func(t *testing.T) { testRenewalsFail(t, c.breaks) })
	}
}

func testRenewalsFail(t *testing.T, breakRedis func(*netfault.Link)) {
	// Long enough that the last third of the lease, which the holder
	// keeps for stopping, is far more than stopping takes.
	const ttl = 3 * time.Second
	h, holder, standby, holderID := holderAndStandby(t, ttl)
	anna, dm := h.user("anna")
	hallo := h.post(anna, dm.Id, "Hallo", mattermosttest.PostOptions{})
	h.waitFor(dm.Id, "Bist du einverstanden?")
	h.waitHandled(hallo)

	// The holder loses Redis, while its event stream and the other
	// replica's Redis work on.
	breakRedis(holder.redis)
	waitUntil(t, "the holder stops reading", func() bool {
		return !holder.ad.Reading() && h.srv.WebSocketConnections() == 0
	})
	if got := h.leaseHolder(); got != holderID {
		t.Fatalf("the holder read on until its lease had run out (held by %q now)", got)
	}

	// A post made while nobody reads is answered once, by the replica that
	// takes the lease when it has run out.
	h.post(anna, dm.Id, "Einverstanden", mattermosttest.PostOptions{})
	h.waitFor(dm.Id, "In welchem Ortsteil")
	waitUntil(t, "the standby reads the event stream", standby.ad.Reading)

	// With Redis back, the first replica reads again only once it wins the
	// lease again.
	holder.redis.Restore()
	standby.stop()
	waitUntil(t, "the first replica reads again", holder.ad.Reading)
	if got := h.say(anna, dm.Id, "Badeborn"); !strings.Contains(got.Message, "Danke, das war's schon!") {
		t.Errorf("the conversation did not go on:\n%s", got.Message)
	}
	all := messages(h.srv.PostsIn(dm.Id))
	for _, answer := range []string{"Bist du einverstanden?", "In welchem Ortsteil", "Danke, das war's schon!"} {
		if got := strings.Count(all, answer); got != 1 {
			t.Errorf("%q came %d times, want once:\n%s", answer, got, all)
		}
	}
}
