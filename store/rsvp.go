package store

import (
	"context"
	"fmt"
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
// set, not a toggle: the same answer twice changes nothing.
//
// KEYS: event hash, rsvp hash, yes zset, wait zset, seq counter.
// ARGV: person key, answer ("" removes the person).
// Returns {status, position, promoted person key}.
var rsvpScript = redis.NewScript(`
local ev, rsvp, yes, wait, seq = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local who, want = ARGV[1], ARGV[2]
if redis.call('EXISTS', ev) == 0 then return redis.error_reply('no event') end
local cap = tonumber(redis.call('HGET', ev, 'capacity') or '0') or 0
local old = redis.call('HGET', rsvp, who) or ''
local function position()
  local r = redis.call('ZRANK', wait, who)
  if r then return r + 1 end
  return 0
end
if want == 'yes' then
  if old == 'yes' or old == 'wait' then return {old, position(), ''} end
  local n = redis.call('INCR', seq)
  if cap > 0 and redis.call('ZCARD', yes) >= cap then
    redis.call('ZADD', wait, n, who)
    redis.call('HSET', rsvp, who, 'wait')
    return {'wait', position(), ''}
  end
  redis.call('ZADD', yes, n, who)
  redis.call('HSET', rsvp, who, 'yes')
  return {'yes', 0, ''}
end
if old == want then return {old, 0, ''} end
redis.call('ZREM', yes, who)
redis.call('ZREM', wait, who)
if want == '' then
  redis.call('HDEL', rsvp, who)
else
  redis.call('HSET', rsvp, who, want)
end
local promoted = ''
if old == 'yes' and cap > 0 and redis.call('ZCARD', yes) < cap then
  local first = redis.call('ZRANGE', wait, 0, 0, 'WITHSCORES')
  if #first == 2 then
    redis.call('ZREM', wait, first[1])
    redis.call('ZADD', yes, first[2], first[1])
    redis.call('HSET', rsvp, first[1], 'yes')
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
	keys := []string{
		s.eventKey(id, "event"), s.eventKey(id, "rsvp"), s.eventKey(id, "yes"),
		s.eventKey(id, "wait"), s.eventKey(id, "seq"),
	}
	v, err := rsvpScript.Run(ctx, s.rdb, keys, who, string(answer)).Slice()
	if err != nil {
		if strings.Contains(err.Error(), "no event") {
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
	return RSVP(v), nil
}

// Attendees returns the people with one of the given answers; yes-sayers
// and the waiting list come in the order they answered.
func (s *Store) Attendees(ctx context.Context, id string, answers ...RSVP) ([]bot.User, error) {
	var out []bot.User
	for _, a := range answers {
		var keys []string
		var err error
		switch a {
		case RSVPYes:
			keys, err = s.rdb.ZRange(ctx, s.eventKey(id, "yes"), 0, -1).Result()
		case RSVPWaiting:
			keys, err = s.rdb.ZRange(ctx, s.eventKey(id, "wait"), 0, -1).Result()
		default:
			var all map[string]string
			all, err = s.rdb.HGetAll(ctx, s.eventKey(id, "rsvp")).Result()
			for k, v := range all {
				if RSVP(v) == a {
					keys = append(keys, k)
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("read attendees: %w", err)
		}
		for _, k := range keys {
			out = append(out, userFromKey(k))
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
		out[RSVP(v)]++
	}
	return out, nil
}

// fillScript moves people up from the waiting list while there are free
// seats (all of them when the capacity was removed), in the order they
// asked. KEYS: event hash, rsvp hash, yes zset, wait zset.
// Returns the person keys moved up.
var fillScript = redis.NewScript(`
local ev, rsvp, yes, wait = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('EXISTS', ev) == 0 then return {} end
local cap = tonumber(redis.call('HGET', ev, 'capacity') or '0') or 0
local moved = {}
while cap == 0 or redis.call('ZCARD', yes) < cap do
  local first = redis.call('ZRANGE', wait, 0, 0, 'WITHSCORES')
  if #first < 2 then break end
  redis.call('ZREM', wait, first[1])
  redis.call('ZADD', yes, first[2], first[1])
  redis.call('HSET', rsvp, first[1], 'yes')
  moved[#moved + 1] = first[1]
end
return moved
`)

// FillSeats gives free seats of event id to the waiting list, first come
// first served, after the capacity was raised or removed; it returns who
// moved up.
func (s *Store) FillSeats(ctx context.Context, id string) ([]bot.User, error) {
	keys := []string{s.eventKey(id, "event"), s.eventKey(id, "rsvp"), s.eventKey(id, "yes"), s.eventKey(id, "wait")}
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
