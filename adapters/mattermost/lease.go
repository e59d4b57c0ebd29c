package mattermost

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// lease elects the one process of several on one Redis that reads the
// event stream: the holder renews it every ttl/3, the others try to take
// it as often. When the holder dies its lease expires, another process
// takes it and catches up from the channels' "last seen". The others
// still serve callbacks and send. Its waits are real time, as the
// lease's expiry in Redis is.
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
// A Redis error counts as not holding it.
func (l *lease) acquire(ctx context.Context) error {
	for {
		ok, err := l.rdb.SetNX(ctx, l.key, l.id, l.ttl).Result()
		if err == nil && ok {
			return nil
		}
		if err := l.sleep(ctx, l.ttl/3); err != nil {
			return err
		}
	}
}

// errLeaseLost ends the consumer's context when the lease went to another
// process or could not be renewed in time.
var errLeaseLost = errors.New("consumer lease lost")

// hold renews the lease until ctx ends; when the lease is lost it calls
// lost and returns. A renewal that fails is tried again, but once the
// lease may have expired another process may hold it, so it gives up.
func (l *lease) hold(ctx context.Context, lost context.CancelCauseFunc) {
	renewed := time.Now()
	for {
		if l.sleep(ctx, l.ttl/3) != nil {
			return
		}
		ok, err := renewLease.Run(ctx, l.rdb, []string{l.key}, l.id, l.ttl.Milliseconds()).Bool()
		switch {
		case err == nil && ok:
			renewed = time.Now()
		case err == nil || time.Since(renewed) >= l.ttl:
			lost(errLeaseLost)
			return
		}
	}
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
