package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func personID(id string) bot.User { return bot.User{Platform: bot.Telegram, ID: id} }

func TestConversationRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		rdb := b.Client(t)
		s := store.New(rdb, storetest.Community(t), store.Options{})
		u := personID("rt" + storetest.Community(t))
		reply := bot.Message{To: bot.Address{Platform: bot.Telegram, Chat: u.ID}, Text: bot.PlainText("Hallo")}
		prof := &bot.Profile{Lang: "de", Ref: "ref1", District: "rieder"}
		err := s.Commit(ctx, u, "upd1", bot.Change{
			State:   &bot.State{Flow: "start", Step: "district", Seq: 3},
			Profile: prof, ProfileChanged: true, Replies: []bot.Message{reply},
		})
		if err != nil {
			t.Fatal(err)
		}
		snap, err := s.Load(ctx, u, "upd1")
		if err != nil {
			t.Fatal(err)
		}
		if !snap.Seen || len(snap.Pending) != 1 || snap.Pending[0].Text.Plain() != "Hallo" {
			t.Fatalf("seen %v pending %+v", snap.Seen, snap.Pending)
		}
		if snap.State.Step != "district" || snap.State.Seq != 3 || snap.Profile.District != "rieder" {
			t.Fatalf("state %+v profile %+v", snap.State, snap.Profile)
		}
		if err := s.Delivered(ctx, u, "upd1"); err != nil {
			t.Fatal(err)
		}
		if snap, _ = s.Load(ctx, u, "upd1"); !snap.Seen || len(snap.Pending) != 0 {
			t.Fatalf("after delivery: seen %v pending %d", snap.Seen, len(snap.Pending))
		}
		if err := s.Delivered(ctx, u, "never-handled"); err != nil {
			t.Fatal(err)
		}
		if snap, _ = s.Load(ctx, u, "never-handled"); snap.Seen {
			t.Fatal("Delivered created a marker for an update that was never handled")
		}
	})
}

func TestEraseLeavesNoKeyOfThePerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		rdb := b.Client(t)
		s := store.New(rdb, storetest.Community(t), store.Options{})
		u := personID("erase" + storetest.Community(t))
		ref := "ref" + storetest.Community(t)
		for i := range 3 {
			err := s.Commit(ctx, u, fmt.Sprint("u", i), bot.Change{
				State: &bot.State{Flow: "profile", Step: "overview"}, Profile: &bot.Profile{Ref: ref}, ProfileChanged: true,
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(storetest.Traces(t, rdb, u.ID)) == 0 {
			t.Fatal("nothing stored to erase")
		}
		if err := s.Commit(ctx, u, "u9", bot.Change{Erase: true}); err != nil {
			t.Fatal(err)
		}
		for _, needle := range []string{u.ID, ref} {
			if keys := storetest.Traces(t, rdb, needle); len(keys) > 0 {
				t.Fatalf("%q still in %v", needle, keys)
			}
		}
	})
}

func TestManyPeopleCommitAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := store.New(b.Client(t), storetest.Community(t), store.Options{})
		var wg sync.WaitGroup
		errs := make(chan error, 200)
		for i := range 200 {
			wg.Go(func() {
				u := personID(fmt.Sprint("p", i))
				errs <- s.Commit(ctx, u, "x", bot.Change{
					State: &bot.State{Flow: "f"}, Profile: &bot.Profile{Ref: fmt.Sprint("r", i)}, ProfileChanged: true, ActiveChanged: true,
				})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.PeopleCount(ctx)
		if err != nil || n != 200 {
			t.Fatalf("people = %d, %v", n, err)
		}
		if a, err := s.ActiveConversations(ctx); err != nil || a != 200 {
			t.Fatalf("active conversations = %d, %v", a, err)
		}
	})
}

func TestLockIsRenewedOnlyByItsHolder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		rdb := b.Client(t)
		s := store.New(rdb, storetest.Community(t), store.Options{})
		u := personID("lock" + storetest.Community(t))
		lock := s.PersonKey(u, "lock")
		if _, err := s.Load(ctx, u, "first"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, u, "second"); !errors.Is(err, bot.ErrBusy) {
			t.Fatalf("a second update of the person while the first is in hand: %v, want ErrBusy", err)
		}
		// The lock is about to expire; only its holder renews it.
		rdb.PExpire(ctx, lock, 100*time.Millisecond)
		if err := s.Extend(ctx, u, "second"); err != nil {
			t.Fatal(err)
		}
		if ttl := rdb.PTTL(ctx, lock).Val(); ttl > 100*time.Millisecond {
			t.Fatalf("another update renewed the lock to %s", ttl)
		}
		if err := s.Extend(ctx, u, "first"); err != nil {
			t.Fatal(err)
		}
		if ttl := rdb.PTTL(ctx, lock).Val(); ttl <= bot.LockTTL/2 {
			t.Fatalf("the holder's renewal left %s", ttl)
		}
		if err := s.Unlock(ctx, u, "first"); err != nil {
			t.Fatal(err)
		}
		if err := s.Extend(ctx, u, "first"); err != nil {
			t.Fatal(err)
		}
		if rdb.Exists(ctx, lock).Val() != 0 {
			t.Fatal("a renewal after the release brought the lock back")
		}
		if _, err := s.Load(ctx, u, "second"); err != nil {
			t.Fatalf("after the release: %v", err)
		}
	})
}

// A redelivered update is recognised among the person's last 12, also
// when no conversation is open and for the long ids of Mattermost
// presses, and the handled ids cost no key of their own.
func TestHandledUpdatesAreKeptWithTheConversation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := store.New(b.Client(t), storetest.Community(t), store.Options{})
		u := personID("handled" + storetest.Community(t))
		long := "mm:" + strings.Repeat("p", 26) + ":" + strings.Repeat("u", 26) + ":0123456789abcdef"
		var ids []string
		for i := range 14 {
			ids = append(ids, fmt.Sprint("tg:", 1000+i))
		}
		ids = append(ids, long, "with space")
		for i, id := range ids {
			snap, err := s.Load(ctx, u, id)
			if err != nil {
				t.Fatal(err)
			}
			ch := bot.Change{Handled: snap.Handled}
			if i%2 == 0 {
				ch.State = &bot.State{Flow: "start", Seq: i}
			}
			if err := s.Commit(ctx, u, id, ch); err != nil {
				t.Fatal(err)
			}
			if err := s.Delivered(ctx, u, id); err != nil {
				t.Fatal(err)
			}
		}
		for i, id := range ids {
			snap, err := s.Load(ctx, u, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Unlock(ctx, u, id); err != nil {
				t.Fatal(err)
			}
			if want := i >= len(ids)-12; snap.Seen != want {
				t.Errorf("update %d (%q): seen %v, want %v", i, id, snap.Seen, want)
			}
		}
		// The last update left no state: none is read, the ids stay.
		if st, err := s.Conversation(ctx, u); err != nil || st != nil {
			t.Fatalf("conversation = %+v, %v; want none", st, err)
		}
		keys, err := s.PersonKeys(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) != 1 || !strings.HasSuffix(keys[0], ":conv") {
			t.Fatalf("person keys = %v, want only the conversation", keys)
		}
	})
}

// A Load that fails after taking the person's lock releases it: the
// person's next update is not held up for LockTTL.
func TestAFailedLoadLeavesNoLock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.New(t)
		u := personID("broken" + s.Community())
		if err := s.Client().Set(ctx, s.PersonKey(u, "conv"), "\n{not json", 0).Err(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, u, "u1"); err == nil {
			t.Fatal("an unreadable conversation was loaded")
		}
		if n := s.Client().Exists(ctx, s.PersonKey(u, "lock")).Val(); n != 0 {
			t.Fatal("the failed load left the person locked")
		}
	})
}
