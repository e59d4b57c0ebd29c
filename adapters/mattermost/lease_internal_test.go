package mattermost

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/store/storetest"
)

// lostAnswer loses the answer to the first SET after Redis carried it out,
// as a connection that breaks at that moment does.
type lostAnswer struct{ lost atomic.Bool }

func (h *lostAnswer) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *lostAnswer) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if cmd.Name() == "set" && h.lost.CompareAndSwap(false, true) {
			err = errors.New("read: connection reset by peer")
			cmd.SetErr(err)
		}
		return err
	}
}

func (h *lostAnswer) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// A process whose taking of the lease went through but whose answer was
// lost holds the lease, and reads at once instead of waiting for its own
// lease to run out.
func TestALeaseTakenWithoutAnAnswerIsHeld(t *testing.T) {
	rdb := storetest.Client(t)
	rdb.AddHook(&lostAnswer{})
	key := "hb:{" + storetest.Community(t) + "}:mattermost:consumer"
	l := newLease(rdb, key, time.Minute, func(ctx context.Context, _ time.Duration) error {
		t.Error("the process waited for a lease it holds")
		return context.Canceled
	})
	if _, err := l.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	if id := rdb.Get(context.Background(), key).Val(); id != l.Holder() {
		t.Fatalf("the lease is held by %q, not by this process", id)
	}
}
