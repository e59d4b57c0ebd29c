package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// offsetKey holds the id of the last update handled and confirmed.
func (a *Adapter) offsetKey() string { return a.store.Key("telegram", "offset") }

// loadOffset returns the last confirmed update id, 0 when none.
func (a *Adapter) loadOffset(ctx context.Context) (int, error) {
	v, err := a.rdb.Get(ctx, a.offsetKey()).Result()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read telegram offset: %w", err)
	}
	id, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("telegram offset %q: %w", v, err)
	}
	return id, nil
}

// saveOffset remembers id as handled. It never moves the offset back, so
// replicas that poll in turn cannot undo each other.
func (a *Adapter) saveOffset(ctx context.Context, id int) error {
	if err := saveMax.Run(ctx, a.rdb, []string{a.offsetKey()}, id).Err(); err != nil {
		return fmt.Errorf("save telegram offset: %w", err)
	}
	return nil
}

var saveMax = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`)
