package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// handledKept is how many of a person's last handled updates are
// remembered. A platform redelivers an update it did not see confirmed,
// and a person's updates come in order, so a redelivered one is among
// their last few; keeping a day's worth took most of a person's memory.
const handledKept = 16

// A conversation key holds the ids of the person's last handled updates
// (space-separated) on its first line and the state's JSON (which has no
// line break) after it, so both share one key and one expiry: the ids
// cost no key of their own, and reading the state tells whether an update
// was handled.
func splitConv(v string) (handled, state string) {
	handled, state, ok := strings.Cut(v, "\n")
	if !ok {
		return "", v
	}
	return handled, state
}

// decodeConv reads a conversation key's value: the handled ids and the
// state (nil when none is kept).
func decodeConv(v string) (handled string, st *bot.State, err error) {
	handled, state := splitConv(v)
	if state == "" {
		return handled, nil, nil
	}
	st = new(bot.State)
	if err := json.Unmarshal([]byte(state), st); err != nil {
		return handled, nil, fmt.Errorf("decode conversation: %w", err)
	}
	return handled, st, nil
}

// handledID is how an update id is kept: as it is when short and free of
// spaces (a Telegram or Mattermost post id), else by a hash (Mattermost
// button presses and slash commands carry long ids).
func handledID(id string) string {
	if id == "" || (len(id) <= 32 && !strings.ContainsAny(id, " \t\n\r")) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "#" + hex.EncodeToString(sum[:8])
}

// writeConv writes a conversation key: the update (ARGV[1], "" for none)
// joins the handled ids, of which the last ARGV[4] stay, and the state
// (ARGV[2], "" for none) replaces the old one; expiry ARGV[3] ms. With
// neither ids nor state the key goes.
var writeConv = redis.NewScript(`
local ids = {}
local old = redis.call('GET', KEYS[1])
if old then
  local line = string.match(old, '^([^\n]*)\n')
  for id in string.gmatch(line or '', '%S+') do
    if id ~= ARGV[1] then ids[#ids + 1] = id end
  end
end
if ARGV[1] ~= '' then ids[#ids + 1] = ARGV[1] end
local keep = tonumber(ARGV[4])
if #ids > keep then ids = {unpack(ids, #ids - keep + 1)} end
if #ids == 0 and ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  return 0
end
redis.call('SET', KEYS[1], table.concat(ids, ' ') .. '\n' .. ARGV[2], 'PX', ARGV[3])
return 1`)
