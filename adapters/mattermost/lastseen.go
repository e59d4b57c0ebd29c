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
// it has no record of is new; lastField holds the newest post handled in
// any channel, from which such a channel is read (see catchUpChannel).
const (
	initField = "~init"
	lastField = "~last"
)

// advance moves a channel's mark, and the newest of all, forward to ms;
// never back, so posts handled out of order across channels cannot lose
// one. The bot's own post (ARGV[3] "own") moves only a mark that exists:
// its reply to /loeschen must not bring back the mark erasure removed.
var advance = redis.NewScript(`
if ARGV[3] == 'own' and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
for _, f in ipairs({ARGV[1], '~last'}) do
  local cur = tonumber(redis.call('HGET', KEYS[1], f) or '0')
  if tonumber(ARGV[2]) > cur then
    redis.call('HSET', KEYS[1], f, ARGV[2])
  end
end
return 1`)

// mark notes that the post of time ms in a channel was handled; own is
// true for the bot's own posts.
func (l lastSeen) mark(ctx context.Context, channelID string, ms int64, own bool) error {
	who := "person"
	if own {
		who = "own"
	}
	if err := advance.Run(ctx, l.rdb, []string{l.key}, channelID, ms, who).Err(); err != nil {
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

// newest is the time of the newest post handled in any channel (0 when
// not known).
func (l lastSeen) newest(ctx context.Context) (int64, error) {
	ms, _, err := l.get(ctx, lastField)
	return ms, err
}

func (l lastSeen) setInitialized(ctx context.Context) error {
	return l.rdb.HSetNX(ctx, l.key, initField, "1").Err()
}

// forgetChat removes the mark of a person's direct channel once their data
// is erased: it would tell when they last wrote. Their next post there is
// read from the newest post the bot handled anywhere (catchUpChannel).
func (a *Adapter) forgetChat(ctx context.Context, channelID string) {
	if err := a.seen.forget(ctx, channelID); err != nil {
		a.log.Warn("mattermost: forget the erased person's channel", "err", err)
	}
}

// forget removes a channel's mark.
func (l lastSeen) forget(ctx context.Context, channelID string) error {
	if err := l.rdb.HDel(ctx, l.key, channelID).Err(); err != nil {
		return fmt.Errorf("forget %s: %w", channelID, err)
	}
	return nil
}
