package lease

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Key is a claim held as a Redis key whose value names the holder: a
// consumer to elect, a scheduled run.
type Key struct {
	rdb redis.UniversalClient
	key string
	id  string // this holder
	ttl time.Duration
}

// NewKey returns a claim on key for ttl, held by a new holder.
func NewKey(rdb redis.UniversalClient, key string, ttl time.Duration) *Key {
	return &Key{rdb: rdb, key: key, id: NewHolder(), ttl: ttl}
}

// NewHolder names a new holder of claims, one no other process picks: a
// claim records its holder, and only the holder renews or ends it.
func NewHolder() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// TTL is how long the claim runs from a taking or renewal.
func (k *Key) TTL() time.Duration { return k.ttl }

// Holder is the value the key has while this holder has the claim.
func (k *Key) Holder() string { return k.id }

// TryAcquire takes the claim if nobody holds it, and reports when the
// winning request was sent: the claim runs for at least ttl from then.
func (k *Key) TryAcquire(ctx context.Context) (sent time.Time, ok bool, err error) {
	sent = time.Now()
	ok, err = k.rdb.SetNX(ctx, k.key, k.id, k.ttl).Result()
	if err != nil {
		// The answer was lost, not necessarily the request: the claim
		// may be this holder's already, and nobody else's to take.
		id, gerr := k.rdb.Get(ctx, k.key).Result()
		if gerr != nil {
			return sent, false, fmt.Errorf("take %s: %w", k.key, err)
		}
		ok = id == k.id
	}
	return sent, ok, nil
}

// Renew extends the claim if this holder has it (a Renew).
func (k *Key) Renew(ctx context.Context) (bool, error) {
	held, err := renewKey.Run(ctx, k.rdb, []string{k.key}, k.id, k.ttl.Milliseconds()).Bool()
	if err != nil {
		return false, fmt.Errorf("renew %s: %w", k.key, err)
	}
	return held, nil
}

// Release gives the claim up if this holder has it, so another can take
// it at once.
func (k *Key) Release(ctx context.Context) error {
	if err := releaseKey.Run(ctx, k.rdb, []string{k.key}, k.id).Err(); err != nil {
		return fmt.Errorf("release %s: %w", k.key, err)
	}
	return nil
}

var (
	renewKey = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  return 1
end
return 0`)
	releaseKey = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 0`)
)
