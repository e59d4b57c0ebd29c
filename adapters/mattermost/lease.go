package mattermost

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/lease"
)

// consumerLease elects the one process of several on one Redis that reads
// the event stream: the holder renews it every ttl/3, the others try to
// take it as often. When the holder dies its lease expires, another
// process takes it and catches up from the channels' "last seen". A
// holder that cannot renew stops reading while its lease still runs, so
// two never read at once. The others still serve callbacks and send. Its
// waits are real time, as the lease's expiry in Redis is.
type consumerLease struct {
	*lease.Key
	sleep func(ctx context.Context, d time.Duration) error
}

func newLease(rdb redis.UniversalClient, key string, ttl time.Duration, sleep func(context.Context, time.Duration) error) *consumerLease {
	return &consumerLease{Key: lease.NewKey(rdb, key, ttl), sleep: sleep}
}

// acquire returns once this process holds the lease, or with ctx's error.
// A Redis error counts as not holding it. It returns when the winning
// request was sent: the lease runs for at least ttl from then.
func (l *consumerLease) acquire(ctx context.Context) (time.Time, error) {
	for {
		if sent, ok, _ := l.TryAcquire(ctx); ok {
			return sent, nil
		}
		if err := l.sleep(ctx, l.TTL()/3); err != nil {
			return time.Time{}, err
		}
	}
}

// hold renews the lease from since until ctx ends, and calls lost as soon
// as this process can no longer be sure it holds it (lease.Hold).
func (l *consumerLease) hold(ctx context.Context, since time.Time, lost context.CancelCauseFunc) {
	lease.Hold(ctx, l.TTL(), since, l.Renew, lost)
}
