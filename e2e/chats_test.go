package e2e

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// chatRun is one person going through their steps, and what they saw.
type chatRun struct {
	chat     int64
	district string
	steps    []step
	// replies holds, per step, the bot's messages that arrived between
	// the step's first POST and its last answer; edited, those it changed
	// then (a multiple choice edited in place).
	replies, edited [][]telegramtest.Message
	// tries holds, per step, every POST made for it.
	tries [][]attempt
	// updates holds, per step, its update.
	updates []telegramtest.Update
	err     error
}

// sender delivers one update and returns every POST made for it.
type sender func(u telegramtest.Update) []attempt

// runChats plays n people's onboarding in parallel, each person's steps
// one after another, every update through send. afterStep, when set, is
// called after each accepted step (from the chats' goroutines), before the
// chat's next step.
func (w *world) runChats(n int, firstChat int64, send sender, afterStep func(c *chatRun)) []*chatRun {
	runs := make([]*chatRun, n)
	var wg sync.WaitGroup
	for i := range runs {
		d := districts[i%len(districts)]
		c := &chatRun{chat: firstChat + int64(i), district: d, steps: onboarding(d)}
		runs[i] = c
		wg.Go(func() {
			for _, s := range c.steps {
				shown := w.tg.MessagesTo(c.chat)
				before := len(shown)
				u, err := w.update(c.chat, s)
				if err != nil {
					c.err = err
					return
				}
				tries := send(u)
				c.tries = append(c.tries, tries)
				c.updates = append(c.updates, u)
				now := w.tg.MessagesTo(c.chat)
				c.replies = append(c.replies, now[before:])
				var edited []telegramtest.Message
				for i, m := range now[:before] {
					if m.Shown() != shown[i].Shown() {
						edited = append(edited, m)
					}
				}
				c.edited = append(c.edited, edited)
				if last := tries[len(tries)-1]; last.err != nil || last.status != 200 {
					c.err = fmt.Errorf("step %d (%+v) never accepted: %v", len(c.tries), s, tries)
					return
				}
				if afterStep != nil {
					afterStep(c)
				}
			}
		})
	}
	wg.Wait()
	return runs
}

// onceInOrder checks that every step got exactly one reply, the expected
// one, and nothing more came: no update handled twice, none lost, and the
// answers in the order of the questions. allowRepeat says for a step
// whether an identical repeat of its reply is acceptable (an update whose
// replies went out but whose process died before confirming them).
func (w *world) onceInOrder(t *testing.T, runs []*chatRun, allowRepeat func(c *chatRun, step int) bool) {
	t.Helper()
	for _, c := range runs {
		all := w.tg.MessagesTo(c.chat)
		if c.err != nil {
			t.Errorf("chat %d: %v\n%s", c.chat, c.err, transcript(all))
			continue
		}
		n := 0
		for i, s := range c.steps {
			got := c.replies[i]
			n += len(got)
			if len(got) == 0 {
				got = c.edited[i] // the answer is the question, changed in place
			}
			ok := len(got) >= 1 && strings.Contains(got[0].Shown(), s.want)
			for _, m := range got[1:] {
				ok = ok && allowRepeat != nil && allowRepeat(c, i) && m.Shown() == got[0].Shown()
			}
			if !ok {
				t.Errorf("chat %d step %d (%+v), POSTs %v: want one reply with %q, got:\n%s\nwhole chat:\n%s",
					c.chat, i+1, s, c.tries[i], s.want, transcript(got), transcript(all))
			}
		}
		if len(all) != n {
			t.Errorf("chat %d: %d messages after the last step's answer:\n%s", c.chat, len(all)-n, transcript(all[n:]))
		}
	}
}

// profilesStored checks that each person's choices are in Redis: the
// effects of every confirmed step.
func (w *world) profilesStored(t *testing.T, rdbURL string, runs []*chatRun) {
	t.Helper()
	rdb, err := store.Open(store.Addr{URL: rdbURL})
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	st := store.New(rdb, w.community, store.Options{})
	for _, c := range runs {
		p, err := st.Profile(context.Background(), bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(c.chat, 10)})
		if err != nil {
			t.Errorf("chat %d: profile: %v", c.chat, err)
			continue
		}
		if !strings.EqualFold(p.District, c.district) || p.Role != "verein" || !slices.Equal(p.Interests, []string{"jugend"}) || p.Lang != "de" {
			t.Errorf("chat %d: profile %+v, want district %s, interest jugend, role verein", c.chat, p, c.district)
		}
	}
}

// personState is every key a person owns with its value as Redis
// serializes it (DUMP), to show that something changed nothing.
func personState(st *store.Store, rdb redis.UniversalClient, chat int64) (map[string]string, error) {
	ctx := context.Background()
	keys, err := st.PersonKeys(ctx, bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(chat, 10)})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		v, err := rdb.Dump(ctx, k).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// changedKeys names the keys that differ between two personStates.
func changedKeys(before, after map[string]string) []string {
	var out []string
	for k, v := range before {
		if w, ok := after[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TestThreeReplicasHandleEachUpdateOnceInOrder runs three processes on
// one Redis and delivers people's updates to random ones, some twice: one
// after another, or at the same moment to two processes. Some earlier
// updates come again later still, after the chat's next ones were handled
// (a retry that took its time). Every person sees each answer once, in the
// order of their steps, and nothing is missing; a stale update is
// recognised and changes nothing.
func TestThreeReplicasHandleEachUpdateOnceInOrder(t *testing.T) {
	t.Parallel()
	w := newWorld(t, storetest.URL(t), 3*time.Second)
	a, b, c := w.start("a"), w.start("b"), w.start("c")
	all := []*replica{a, b, c}
	rdb, err := store.Open(store.Addr{URL: w.redisURL})
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	st := store.New(rdb, w.community, store.Options{})
	var stale atomic.Int32
	// After a step, now and then, an earlier update of the chat (not the
	// one just handled) comes again to any process: no reply may follow,
	// and every key of the person stays as it was.
	staleAfter := func(c *chatRun) {
		k := len(c.updates)
		if k < 2 || !w.chance(0.3) {
			return
		}
		j := w.intN(k - 1)
		before, err := personState(st, rdb, c.chat)
		if err != nil {
			t.Errorf("chat %d: %v", c.chat, err)
			return
		}
		n := len(w.tg.MessagesTo(c.chat))
		tries := w.deliver(c.updates[j], w.any(all...))
		if extra := w.tg.MessagesTo(c.chat)[n:]; len(extra) > 0 {
			t.Errorf("chat %d: step %d delivered again after step %d, POSTs %v, brought %d messages:\n%s",
				c.chat, j+1, k, tries, len(extra), transcript(extra))
		}
		after, err := personState(st, rdb, c.chat)
		if err != nil {
			t.Errorf("chat %d: %v", c.chat, err)
			return
		}
		if changed := changedKeys(before, after); len(changed) > 0 {
			t.Errorf("chat %d: step %d delivered again after step %d, POSTs %v, changed %v", c.chat, j+1, k, tries, changed)
		}
		stale.Add(1)
	}
	var twice, together int
	var mu sync.Mutex
	send := func(u telegramtest.Update) []attempt {
		switch {
		case w.chance(0.15): // Telegram delivers again after the answer
			tries := w.deliver(u, w.any(all...))
			mu.Lock()
			twice++
			mu.Unlock()
			return append(tries, w.deliver(u, w.any(all...))...)
		case w.chance(0.15): // two deliveries at once, to two processes
			i := w.intN(3)
			first, second := all[i], all[(i+1)%3]
			var wg sync.WaitGroup
			var t1, t2 []attempt
			wg.Go(func() { t1 = w.deliver(u, firstThen(first, w.any(all...))) })
			wg.Go(func() { t2 = w.deliver(u, firstThen(second, w.any(all...))) })
			wg.Wait()
			mu.Lock()
			together++
			mu.Unlock()
			return append(t1, t2...)
		}
		return w.deliver(u, w.any(all...))
	}
	runs := w.runChats(12, 1001, send, staleAfter)
	t.Logf("%d updates delivered twice one after another, %d twice at once, %d again after later ones", twice, together, stale.Load())
	if stale.Load() == 0 {
		t.Error("no update was delivered again after later ones")
	}
	w.onceInOrder(t, runs, nil)
	w.profilesStored(t, w.redisURL, runs)
	w.tg.AssertClean(t)
}

// firstThen picks r first and then as then does.
func firstThen(r *replica, then func() *replica) func() *replica {
	used := false
	return func() *replica {
		if !used {
			used = true
			return r
		}
		return then()
	}
}
