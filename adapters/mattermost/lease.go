package mattermost

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// lease elects the one process of several on one Redis that reads the
// event stream: the holder renews it every ttl/3, the others try to take
// it as often. When the holder dies its lease expires, another process
// takes it and catches up from the channels' "last seen". A holder that
// cannot renew stops reading while its lease still runs, so two never
// read at once. The others still serve callbacks and send. Its waits are
// real time, as the lease's expiry in Redis is.
type lease struct {
	rdb   redis.UniversalClient
	key   string
	id    string // this process
	ttl   time.Duration
	sleep func(ctx context.Context, d time.Duration) error
}

func newLease(rdb redis.UniversalClient, key string, ttl time.Duration, sleep func(context.Context, time.Duration) error) *lease {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return &lease{rdb: rdb, key: key, id: hex.EncodeToString(b), ttl: ttl, sleep: sleep}
}

// acquire returns once this process holds the lease, or with ctx's error.
// A Redis error counts as not holding it. It returns when the winning
// request was sent: the lease runs for at least ttl from then.
func (l *lease) acquire(ctx context.Context) (time.Time, error) {
	for {
		sent := time.Now()
		ok, err := l.rdb.SetNX(ctx, l.key, l.id, l.ttl).Result()
		if err != nil {
			// The answer was lost, not necessarily the request: the lease
			// may be this process's already, and nobody else's to take.
			id, gerr := l.rdb.Get(ctx, l.key).Result()
			ok = gerr == nil && id == l.id
		}
		if ok {
			return sent, nil
		}
		if err := l.sleep(ctx, l.ttl/3); err != nil {
			return time.Time{}, err
		}
	}
}

// errLeaseLost ends the consumer's context when the lease went to another
// process or this one can no longer be sure it holds it.
var errLeaseLost = errors.New("consumer lease lost")

// sure is how long after sending a renewal that Redis confirmed this
// process counts on holding the lease: two thirds of ttl. The last third
// is for stopping to read before another process can take the lease,
// whatever delayed the renewals.
func (l *lease) sure() time.Duration { return l.ttl - l.ttl/3 }

// hold renews the lease every ttl/3, starting from a lease taken or
// renewed at since, until ctx ends. It calls lost and returns as soon as
// this process can no longer be sure it holds the lease: when Redis says
// another one does, or when sure() has passed since the last renewal
// Redis confirmed. A renewal that fails is tried again until then; one
// that hangs (Redis unreachable, the client waiting for its own
// timeouts) does not hold the holder up.
func (l *lease) hold(ctx context.Context, since time.Time, lost context.CancelCauseFunc) {
	unsure := time.NewTimer(time.Until(since.Add(l.sure())))
	defer unsure.Stop()
	next := time.NewTimer(l.ttl / 3)
	defer next.Stop()
	var (
		result  chan renewal // set while a renewal is under way
		lastErr error
	)
	for {
		select {
		case <-ctx.Done():
			return
		case <-unsure.C:
			cause := fmt.Errorf("%w: no renewal confirmed within %s", errLeaseLost, l.sure())
			if lastErr != nil {
				cause = fmt.Errorf("%w: %w", cause, lastErr)
			}
			lost(cause)
			return
		case <-next.C:
			result = make(chan renewal, 1)
			go l.renew(ctx, result)
		case r := <-result:
			result = nil
			switch {
			case r.err != nil:
				// Soon again (1 s at the default ttl): a short
				// blip of Redis should not end the reading.
				lastErr = r.err
				next.Reset(l.ttl / 15)
			case !r.held:
				lost(errLeaseLost)
				return
			default:
				since, lastErr = r.sent, nil
				unsure.Reset(time.Until(since.Add(l.sure())))
				next.Reset(l.ttl / 3)
			}
		}
	}
}

// renewal is the outcome of one renewal: whether this process still held
// the lease, and when the request was sent.
type renewal struct {
	sent time.Time
	held bool
	err  error
}

// renew extends the lease if this process holds it and reports on done.
func (l *lease) renew(ctx context.Context, done chan<- renewal) {
	sent := time.Now()
	held, err := renewLease.Run(ctx, l.rdb, []string{l.key}, l.id, l.ttl.Milliseconds()).Bool()
	if err != nil {
		err = fmt.Errorf("renew the consumer lease: %w", err)
	}
	done <- renewal{sent: sent, held: held, err: err}
}

// release gives the lease up if this process holds it, so another takes
// over at once.
func (l *lease) release(ctx context.Context) error {
	return releaseLease.Run(ctx, l.rdb, []string{l.key}, l.id).Err()
}

var (
	renewLease = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  return 1
end
return 0`)
	releaseLease = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 0`)
)
