package lease_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/lease"
	"github.com/heimatbot/heimatbot/netfault"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func key(t *testing.T) string { return "hb:{" + storetest.Community(t) + "}:work" }

func TestOneHolderAtATime(t *testing.T) {
	ctx := context.Background()
	rdb, k := storetest.Client(t), key(t)
	a, b := lease.NewKey(rdb, k, time.Minute), lease.NewKey(rdb, k, time.Minute)
	if _, ok, err := a.TryAcquire(ctx); !ok || err != nil {
		t.Fatalf("a could not take a free claim: %v", err)
	}
	if _, ok, err := b.TryAcquire(ctx); ok || err != nil {
		t.Fatalf("b took a's claim (err %v)", err)
	}
	if held, err := b.Renew(ctx); held || err != nil {
		t.Fatalf("b renewed a's claim (err %v)", err)
	}
	if err := b.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if held, err := a.Renew(ctx); !held || err != nil {
		t.Fatalf("b's release ended a's claim (err %v)", err)
	}
	if err := a.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := b.TryAcquire(ctx); !ok || err != nil {
		t.Fatalf("b could not take the claim a gave up: %v", err)
	}
}

// Work that lasts many times the claim's ttl keeps it: nobody else can
// take it meanwhile.
func TestWhileKeepsTheClaimForLongWork(t *testing.T) {
	ctx := context.Background()
	rdb, k := storetest.Client(t), key(t)
	const ttl = 600 * time.Millisecond
	a, b := lease.NewKey(rdb, k, ttl), lease.NewKey(rdb, k, ttl)
	since, ok, err := a.TryAcquire(ctx)
	if !ok || err != nil {
		t.Fatalf("take: %v", err)
	}
	err = lease.While(ctx, ttl, since, a.Renew, func(ctx context.Context) error {
		for end := time.Now().Add(3 * ttl); time.Now().Before(end); time.Sleep(ttl / 10) {
			if _, ok, _ := b.TryAcquire(ctx); ok {
				t.Error("another holder took the claim while the work ran")
				return nil
			}
		}
		return ctx.Err()
	})
	if err != nil {
		t.Fatalf("work under a kept claim ended: %v", err)
	}
}

// When another process holds the claim (this one was paused beyond its
// ttl), the work's context ends at the next renewal.
func TestWhileEndsTheWorkWhenAnotherHoldsTheClaim(t *testing.T) {
	ctx := context.Background()
	rdb, k := storetest.Client(t), key(t)
	const ttl = 600 * time.Millisecond
	a, b := lease.NewKey(rdb, k, ttl), lease.NewKey(rdb, k, ttl)
	since, _, err := a.TryAcquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rdb.Del(ctx, k) // as if it had expired
	if _, ok, err := b.TryAcquire(ctx); !ok || err != nil {
		t.Fatalf("b could not take the claim: %v", err)
	}
	start := time.Now()
	err = lease.While(ctx, ttl, since, a.Renew, func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	if !errors.Is(err, lease.ErrLost) {
		t.Fatalf("work ended with %v, want lease.ErrLost", err)
	}
	if took := time.Since(start); took > ttl {
		t.Errorf("the work went on %s under another's claim", took)
	}
	if holder := rdb.Get(ctx, k).Val(); holder != b.Holder() {
		t.Errorf("the claim is %q's, not b's", holder)
	}
}

// While Redis cannot be reached, the work stops before the claim can
// expire, so another process taking it over never overlaps with it.
func TestWhileEndsTheWorkBeforeTheClaimCanExpire(t *testing.T) {
	ctx := context.Background()
	u, err := url.Parse(storetest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	link := netfault.New(t, u.Host)
	u.Host = link.Addr()
	opt, err := redis.ParseURL(u.String())
	if err != nil {
		t.Fatal(err)
	}
	opt.MaxRetries = -1
	viaLink := redis.NewClient(opt)
	t.Cleanup(func() { _ = viaLink.Close() })
	direct, k := storetest.Client(t), key(t)
	const ttl = 1500 * time.Millisecond
	a := lease.NewKey(viaLink, k, ttl)
	since, ok, err := a.TryAcquire(ctx)
	if !ok || err != nil {
		t.Fatalf("take: %v", err)
	}
	link.Cut()
	var left time.Duration
	err = lease.While(ctx, ttl, since, a.Renew, func(ctx context.Context) error {
		<-ctx.Done()
		left = direct.PTTL(context.Background(), k).Val()
		return ctx.Err()
	})
	link.Restore()
	if !errors.Is(err, lease.ErrLost) {
		t.Fatalf("work ended with %v, want lease.ErrLost", err)
	}
	if left <= 0 {
		t.Errorf("the work stopped only after its claim had expired (PTTL %s)", left)
	}
}
