package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// The values of a vote.
const (
	Agree    int8 = 1
	Disagree int8 = -1
	Pass     int8 = 0
)

// Vote is one resident's answer to one approved opinion (a statement),
// with the voter's district and role when they voted: the raw material of
// the opinion map.
type Vote struct {
	Statement string    `json:"statement"`
	Voter     string    `json:"-"`
	Value     int8      `json:"value"`
	District  string    `json:"district,omitempty"`
	Role      string    `json:"role,omitempty"`
	At        time.Time `json:"at"`
}

// encodeVote writes the value of a voter's field in a statement's votes
// hash: "VALUE|DISTRICT|ROLE|UNIXTIME", such as "-1|badeborn|verein|1764061200".
func encodeVote(v Vote) string {
	return strconv.Itoa(int(v.Value)) + "|" + v.District + "|" + v.Role + "|" + strconv.FormatInt(v.At.Unix(), 10)
}

func decodeVote(statement, voter, s string) (Vote, error) {
	f := strings.SplitN(s, "|", 4)
	if len(f) != 4 {
		return Vote{}, fmt.Errorf("vote %q on %s: want 4 fields", s, statement)
	}
	val, err := strconv.Atoi(f[0])
	if err != nil || val < -1 || val > 1 {
		return Vote{}, fmt.Errorf("vote %q on %s: bad value", s, statement)
	}
	at, err := strconv.ParseInt(f[3], 10, 64)
	if err != nil {
		return Vote{}, fmt.Errorf("vote %q on %s: bad time", s, statement)
	}
	return Vote{Statement: statement, Voter: voter, Value: int8(val), District: f[1], Role: f[2], At: time.Unix(at, 0).UTC()}, nil
}

func tallyField(v int8) string {
	switch v {
	case Agree:
		return opAgree
	case Disagree:
		return opDisagree
	}
	return opPass
}

// castVote records a vote once: the statement's votes hash, its count in
// the theme's sorted set, its tally, and the voter's index change
// together. A repeated vote changes nothing.
var castVote = redis.NewScript(`
if redis.call('HGET', KEYS[1], 's') ~= 'approved' then return 0 end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 1 then
  redis.call('ZINCRBY', KEYS[3], 1, ARGV[1])
  redis.call('HINCRBY', KEYS[1], ARGV[4], 1)
end
redis.call('HSET', KEYS[4], 'v:' .. ARGV[1], '')
return 1`)

// CastVote stores a vote on an approved opinion. It returns ErrNotFound
// when the opinion is gone or no longer approved.
func (s *Store) CastVote(ctx context.Context, v Vote) error {
	theme, err := s.rdb.HGet(ctx, s.opinionKey(v.Statement), opTheme).Result()
	if errors.Is(err, redis.Nil) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("read opinion: %w", err)
	}
	keys := []string{s.opinionKey(v.Statement), s.votesKey(v.Statement), s.themeKey(theme), s.mineKey(v.Voter)}
	n, err := castVote.Run(ctx, s.rdb, keys, v.Statement, v.Voter, encodeVote(v), tallyField(v.Value)).Int()
	if err != nil {
		return fmt.Errorf("cast vote: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// nextStatement finds the least-voted approved statement the voter has
// neither written nor answered (by the voter's index, KEYS[1]) nor skipped:
// first among the interest themes (KEYS[2] .. KEYS[1+ARGV[1]]), then among
// the others. Each theme's
// sorted set is walked from its fewest votes until the first statement the
// voter may see, so the work grows with what the voter already answered,
// not with all statements.
var nextStatement = redis.NewScript(`
local skip = {}
for i = 2, #ARGV do skip[ARGV[i]] = true end
local function first(key)
  local start = 0
  while true do
    local batch = redis.call('ZRANGE', key, start, start + 99, 'WITHSCORES')
    if #batch == 0 then return nil end
    for i = 1, #batch, 2 do
      local id = batch[i]
      if not skip[id] and redis.call('HEXISTS', KEYS[1], 'v:' .. id) == 0
        and redis.call('HEXISTS', KEYS[1], 'o:' .. id) == 0 then
        return id, tonumber(batch[i + 1])
      end
    end
    start = start + 100
  end
end
local function best(from, to)
  local bestID, bestScore
  for k = from, to do
    local id, score = first(KEYS[k])
    if id and (not bestScore or score < bestScore) then bestID, bestScore = id, score end
  end
  return bestID
end
local n = tonumber(ARGV[1])
local id = best(2, 1 + n)
if not id then id = best(2 + n, #KEYS) end
return id or false`)

// NextStatement returns the id of the next approved opinion to show the
// voter with Ref ref: never their own, never one they answered, none of
// skip; the one with the fewest votes, within the interest themes first
// and then within the other themes. ErrNotFound when there is none.
func (s *Store) NextStatement(ctx context.Context, ref string, interests, others, skip []string) (string, error) {
	keys := []string{s.mineKey(ref)}
	for _, t := range interests {
		keys = append(keys, s.themeKey(t))
	}
	for _, t := range others {
		keys = append(keys, s.themeKey(t))
	}
	args := []any{len(interests)}
	for _, id := range skip {
		args = append(args, id)
	}
	id, err := nextStatement.Run(ctx, s.rdb, keys, args...).Text()
	if errors.Is(err, redis.Nil) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("pick statement: %w", err)
	}
	return id, nil
}

// EachVote calls fn for every vote on every approved opinion, reading the
// statements' votes hashes in pipelined batches: the digest's way to read
// the whole opinion map.
func (s *Store) EachVote(ctx context.Context, fn func(Vote) error) error {
	ids, err := s.rdb.ZRange(ctx, s.Key("ops", "approved"), 0, -1).Result()
	if err != nil {
		return fmt.Errorf("list approved opinions: %w", err)
	}
	const batch = 256
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		pipe := s.rdb.Pipeline()
		cmds := make([]*redis.MapStringStringCmd, len(part))
		for i, id := range part {
			cmds[i] = pipe.HGetAll(ctx, s.votesKey(id))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return fmt.Errorf("read votes: %w", err)
		}
		for i, c := range cmds {
			for voter, raw := range c.Val() {
				v, err := decodeVote(part[i], voter, raw)
				if err != nil {
					return err
				}
				if err := fn(v); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// VotesBy returns a person's votes, for /meinedaten. Skipped statements
// have no vote.
func (s *Store) VotesBy(ctx context.Context, ref string) ([]Vote, error) {
	ids, err := s.mine(ctx, s.rdb, ref, mineVoted)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	pipe := s.rdb.Pipeline()
	cmds := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.HGet(ctx, s.votesKey(id), ref)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	var out []Vote
	for i, c := range cmds {
		if c.Err() != nil {
			continue
		}
		v, err := decodeVote(ids[i], ref, c.Val())
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ForgetVoices removes a person's opinions (with the votes on them and
// the entries in their voters' indexes, which would otherwise keep the id
// of an opinion that is gone) and their votes on others' opinions. The
// vote counts that order statements and the tallies of other opinions
// stay: they name nobody.
func (s *Store) ForgetVoices(ctx context.Context, ref string) error {
	answered, err := s.mine(ctx, s.rdb, ref, mineVoted)
	if err != nil {
		return err
	}
	own, err := s.OpinionsBy(ctx, ref)
	if err != nil {
		return err
	}
	voters := make([][]string, len(own))
	if len(own) > 0 {
		cmds := make([]*redis.StringSliceCmd, len(own))
		pipe := s.rdb.Pipeline()
		for i, o := range own {
			cmds[i] = pipe.HKeys(ctx, s.votesKey(o.ID))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return fmt.Errorf("read the voters of own opinions: %w", err)
		}
		for i, c := range cmds {
			voters[i] = c.Val()
		}
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range answered {
			p.HDel(ctx, s.votesKey(id), ref)
		}
		for i, o := range own {
			p.Del(ctx, s.opinionKey(o.ID), s.opinionTextKey(o.ID), s.votesKey(o.ID))
			p.ZRem(ctx, s.Key("ops", "pending"), o.ID)
			p.ZRem(ctx, s.Key("ops", "approved"), o.ID)
			p.ZRem(ctx, s.themeKey(o.Theme), o.ID)
			s.forgetMine(ctx, p, ref, mineWrote, []string{o.ID})
			for _, voter := range voters[i] {
				s.forgetMine(ctx, p, voter, mineVoted, []string{o.ID})
			}
		}
		s.forgetMine(ctx, p, ref, mineVoted, answered)
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget opinions and votes: %w", err)
	}
	return nil
}
