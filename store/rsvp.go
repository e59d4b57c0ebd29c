package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// RSVP is a person's answer to an event.
type RSVP string

// The answers. Waiting is a yes that found the event full.
const (
	RSVPNone    RSVP = ""
	RSVPYes     RSVP = "yes"
	RSVPMaybe   RSVP = "maybe"
	RSVPNo      RSVP = "no"
	RSVPWaiting RSVP = "wait"
)

// RSVPResult is what an answer did.
type RSVPResult struct {
	// Status is the person's answer now: RSVPWaiting for a yes to a full
	// event.
	Status RSVP
	// Position is the place on the waiting list (1 is next), or 0.
	Position int
	// Promoted is the person who moved up from the waiting list because a
	// seat became free, or the zero User.
	Promoted bot.User
}

// rsvpScript sets a person's answer in one step, so capacity and the
// waiting list stay right under any number of concurrent answers. It is a
// set, not a toggle: the same answer twice changes nothing. A yes is kept
// as "yes:N" with its arrival number N, so the yes-sayers need no sorted
// set of their own; the event hash counts them (taken) and hands out the
// numbers (seq).
//
// KEYS: event hash, rsvp hash, wait zset.
// ARGV: person key, answer ("" removes the person).
// Returns {status, position, promoted person key}.
var rsvpScript = redis.NewScript(`
local ev, rsvp, wait = KEYS[1], KEYS[2], KEYS[3]
local who, want = ARGV[1], ARGV[2]
if redis.call('EXISTS', ev) == 0 then return redis.error_reply('no event') end
local cap = tonumber(redis.call('HGET', ev, 'capacity') or '0') or 0
local old = string.match(redis.call('HGET', rsvp, who) or '', '^[^:]*')
local function taken() return tonumber(redis.call('HGET', ev, 'taken') or '0') end
local function position()
  local r = redis.call('ZRANK', wait, who)
  if r then return r + 1 end
  return 0
end
if want == 'yes' then
  if old == 'yes' or old == 'wait' then return {old, position(), ''} end
  local n = redis.call('HINCRBY', ev, 'seq', 1)
  if cap > 0 and taken() >= cap then
    redis.call('ZADD', wait, n, who)
    redis.call('HSET', rsvp, who, 'wait')
    return {'wait', position(), ''}
  end
  redis.call('HINCRBY', ev, 'taken', 1)
  redis.call('HSET', rsvp, who, 'yes:' .. n)
  return {'yes', 0, ''}
end
if old == want then return {old, 0, ''} end
if old == 'yes' then redis.call('HINCRBY', ev, 'taken', -1) end
redis.call('ZREM', wait, who)
if want == '' then
  redis.call('HDEL', rsvp, who)
else
  redis.call('HSET', rsvp, who, want)
end
local promoted = ''
if old == 'yes' and cap > 0 and taken() < cap then
  local first = redis.call('ZRANGE', wait, 0, 0, 'WITHSCORES')
  if #first == 2 then
    redis.call('ZREM', wait, first[1])
    redis.call('HSET', rsvp, first[1], 'yes:' .. first[2])
    redis.call('HINCRBY', ev, 'taken', 1)
    promoted = first[1]
  end
end
return {want, 0, promoted}
`)

// SetRSVP records u's answer to event id.
func (s *Store) SetRSVP(ctx context.Context, id string, u bot.User, answer RSVP) (RSVPResult, error) {
	return s.runRSVP(ctx, id, u.Key(), answer)
}

func (s *Store) runRSVP(ctx context.Context, id, who string, answer RSVP) (RSVPResult, error) {
	keys := []string{s.eventKey(id, "event"), s.eventKey(id, "rsvp"), s.eventKey(id, "wait")}
	v, err := rsvpScript.Run(ctx, s.rdb, keys, who, string(answer)).Slice()
	if err != nil {
		if redis.HasErrorPrefix(err, errNoEvent) {
			return RSVPResult{}, ErrNotFound
		}
		return RSVPResult{}, fmt.Errorf("rsvp: %w", err)
	}
	r := RSVPResult{Status: RSVP(v[0].(string)), Position: int(v[1].(int64))}
	if p, _ := v[2].(string); p != "" {
		r.Promoted = userFromKey(p)
	}
	return r, nil
}

// userFromKey reads a PLATFORM:ID person key back.
func userFromKey(k string) bot.User {
	p, id, _ := strings.Cut(k, ":")
	return bot.User{Platform: bot.Platform(p), ID: id}
}

// UserFromKey reads a person key (bot.User.Key) back into a User.
func UserFromKey(k string) bot.User { return userFromKey(k) }

// RSVPOf returns u's answer to event id.
func (s *Store) RSVPOf(ctx context.Context, id string, u bot.User) (RSVP, error) {
	v, err := s.rdb.HGet(ctx, s.eventKey(id, "rsvp"), u.Key()).Result()
	if err == redis.Nil {
		return RSVPNone, nil
	}
	if err != nil {
		return RSVPNone, fmt.Errorf("read rsvp: %w", err)
	}
	a, _ := parseRSVP(v)
	return a, nil
}

// parseRSVP reads an answer as the rsvp hash keeps it: the answer, and
// for a yes its arrival number.
func parseRSVP(v string) (RSVP, int64) {
	a, n, _ := strings.Cut(v, ":")
	arrival, _ := strconv.ParseInt(n, 10, 64)
	return RSVP(a), arrival
}

// Attendees returns the people with one of the given answers; yes-sayers
// and the waiting list come in the order they answered.
func (s *Store) Attendees(ctx context.Context, id string, answers ...RSVP) ([]bot.User, error) {
	all, err := s.rdb.HGetAll(ctx, s.eventKey(id, "rsvp")).Result()
	if err != nil {
		return nil, fmt.Errorf("read attendees: %w", err)
	}
	var out []bot.User
	for _, want := range answers {
		if want == RSVPWaiting {
			keys, err := s.rdb.ZRange(ctx, s.eventKey(id, "wait"), 0, -1).Result()
			if err != nil {
				return nil, fmt.Errorf("read waiting list: %w", err)
			}
			for _, k := range keys {
				out = append(out, userFromKey(k))
			}
			continue
		}
		type arrival struct {
			key string
			n   int64
		}
		var got []arrival
		for k, v := range all {
			if a, n := parseRSVP(v); a == want {
				got = append(got, arrival{k, n})
			}
		}
		slices.SortFunc(got, func(x, y arrival) int {
			return cmp.Or(cmp.Compare(x.n, y.n), strings.Compare(x.key, y.key))
		})
		for _, g := range got {
			out = append(out, userFromKey(g.key))
		}
	}
	return out, nil
}

// RSVPCounts counts the answers to an event.
func (s *Store) RSVPCounts(ctx context.Context, id string) (map[RSVP]int, error) {
	all, err := s.rdb.HVals(ctx, s.eventKey(id, "rsvp")).Result()
	if err != nil {
		return nil, fmt.Errorf("count rsvps: %w", err)
	}
	out := map[RSVP]int{}
	for _, v := range all {
		a, _ := parseRSVP(v)
		out[a]++
	}
	return out, nil
}

// fillScript moves people up from the waiting list while there are free
// seats (all of them when the capacity was removed), in the order they
// asked. KEYS: event hash, rsvp hash, wait zset.
// Returns the person keys moved up.
var fillScript = redis.NewScript(`
local ev, rsvp, wait = KEYS[1], KEYS[2], KEYS[3]
if redis.call('EXISTS', ev) == 0 then return {} end
local cap = tonumber(redis.call('HGET', ev, 'capacity') or '0') or 0
local moved = {}
while cap == 0 or tonumber(redis.call('HGET', ev, 'taken') or '0') < cap do
  local first = redis.call('ZRANGE', wait, 0, 0, 'WITHSCORES')
  if #first < 2 then break end
  redis.call('ZREM', wait, first[1])
  redis.call('HSET', rsvp, first[1], 'yes:' .. first[2])
  redis.call('HINCRBY', ev, 'taken', 1)
  moved[#moved + 1] = first[1]
end
return moved
`)

// FillSeats gives free seats of event id to the waiting list, first come
// first served, after the capacity was raised or removed; it returns who
// moved up.
func (s *Store) FillSeats(ctx context.Context, id string) ([]bot.User, error) {
	keys := []string{s.eventKey(id, "event"), s.eventKey(id, "rsvp"), s.eventKey(id, "wait")}
	moved, err := fillScript.Run(ctx, s.rdb, keys).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("fill seats: %w", err)
	}
	out := make([]bot.User, len(moved))
	for i, k := range moved {
		out[i] = userFromKey(k)
	}
	return out, nil
}
