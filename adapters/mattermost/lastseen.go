package mattermost

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// lastSeen keeps, per channel, the creation time of the last post handled
// there, so a reconnect knows where to catch up from.
type lastSeen struct {
	rdb redis.UniversalClient
	key string
}

// initField marks that the bot has caught up before, so a direct channel
// it has no record of is new and read from its start.
const initField = "~init"

// advance moves a channel's mark forward to ms; never back, so posts
// handled out of order across channels cannot lose one.
var advance = redis.NewScript(`
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > cur then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 1`)

func (l lastSeen) mark(ctx context.Context, channelID string, ms int64) error {
	if err := advance.Run(ctx, l.rdb, []string{l.key}, channelID, ms).Err(); err != nil {
		return fmt.Errorf("mark %s seen: %w", channelID, err)
	}
	return nil
}

// get returns the mark of a channel; ok is false when there is none.
func (l lastSeen) get(ctx context.Context, channelID string) (ms int64, ok bool, err error) {
	v, err := l.rdb.HGet(ctx, l.key, channelID).Result()
	if errors.Is(err, redis.Nil) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("last seen of %s: %w", channelID, err)
	}
	ms, err = strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("last seen of %s: %w", channelID, err)
	}
	return ms, true, nil
}

func (l lastSeen) initialized(ctx context.Context) (bool, error) {
	_, ok, err := l.get(ctx, initField)
	return ok, err
}

func (l lastSeen) setInitialized(ctx context.Context) error {
	return l.rdb.HSetNX(ctx, l.key, initField, "1").Err()
}
