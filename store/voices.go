package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// The states of an opinion.
const (
	OpinionPending  = "pending"
	OpinionApproved = "approved"
	OpinionRejected = "rejected"
)

// ErrDecided is returned when an opinion was already approved or rejected.
var ErrDecided = errors.New("already decided")

// Opinion is a resident's statement on a theme. It is linked to its author
// only by the pseudonymous Ref.
type Opinion struct {
	ID       string `json:"id"`
	Ref      string `json:"-"`
	Theme    string `json:"theme"`
	District string `json:"district,omitempty"`
	Role     string `json:"role,omitempty"`
	Text     string `json:"text"`
	// Next is the author's answer to "what would be a next, realistic
	// step?", if any.
	Next string `json:"next_step,omitempty"`
	// Held names the contact detail found in the text (phone, email,
	// link): such opinions are marked for the organizers.
	Held    string    `json:"held_back_for,omitempty"`
	Status  string    `json:"status"`
	Created time.Time `json:"created"`
	// Agree, Disagree and Pass count the votes on it.
	Agree    int `json:"agree"`
	Disagree int `json:"disagree"`
	Pass     int `json:"pass"`
}

func (s *Store) opinionKey(id string) string { return s.Key("op", id) }

// The fields of an opinion's hash: one letter each, as every opinion has
// them and Redis stores the names with every hash. The Lua scripts below
// spell s, k and e (status, decision token, decided) and the tallies.
const (
	opRef      = "r"
	opTheme    = "t"
	opDistrict = "d"
	opRole     = "o"
	opHeld     = "h"
	opStatus   = "s"
	opCreated  = "c"
	opText     = "x"
	opAgree    = "a"
	opDisagree = "n"
	opPass     = "p"
)

// maxListpackValue is the longest value Redis keeps in a hash's compact
// encoding by default (hash-max-listpack-value).
const maxListpackValue = 64

// opinionTextKey holds an opinion's text and next step apart from its
// hash when they are long: values over 64 bytes would turn the whole hash
// into Redis's large encoding, several times the size. Shorter ones stay
// in the hash (field x), saving a key.
func (s *Store) opinionTextKey(id string) string { return s.Key("op", id, "text") }
func (s *Store) votesKey(id string) string       { return s.Key("votes", id) }
func (s *Store) themeKey(theme string) string    { return s.Key("ops", "theme", theme) }

// addOpinion creates an opinion once: a redelivered update finds it there
// and changes nothing.
var addOpinion = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
if ARGV[3] ~= '' then redis.call('SET', KEYS[4], ARGV[3]) end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], 'o:' .. ARGV[1], '')
return 1`)

// opinionText is what the text key holds.
type opinionText struct {
	Text string `json:"t"`
	Next string `json:"n,omitempty"`
}

// AddOpinion stores a new opinion as pending. It reports false when an
// opinion with its id exists already.
func (s *Store) AddOpinion(ctx context.Context, o Opinion) (bool, error) {
	text, err := json.Marshal(opinionText{Text: o.Text, Next: o.Next})
	if err != nil {
		return false, fmt.Errorf("encode opinion text: %w", err)
	}
	long, inline := text, []any{}
	if len(text) <= maxListpackValue {
		long, inline = nil, []any{opText, text}
	}
	args := append([]any{o.ID, o.Created.Unix(), long}, inline...)
	args = append(args, opRef, o.Ref, opTheme, o.Theme, opStatus, OpinionPending, opCreated, o.Created.Unix())
	// Empty fields and zero tallies are left out: they read back as such.
	for _, f := range [][2]string{{opDistrict, o.District}, {opRole, o.Role}, {opHeld, o.Held}} {
		if f[1] != "" {
			args = append(args, f[0], f[1])
		}
	}
	keys := []string{s.opinionKey(o.ID), s.Key("ops", "pending"), s.mineKey(o.Ref), s.opinionTextKey(o.ID)}
	n, err := addOpinion.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return false, fmt.Errorf("add opinion: %w", err)
	}
	return n == 1, nil
}

// Opinion reads one opinion; ErrNotFound when there is none.
func (s *Store) Opinion(ctx context.Context, id string) (Opinion, error) {
	list, err := s.opinions(ctx, []string{id})
	if err != nil {
		return Opinion{}, err
	}
	if len(list) == 0 {
		return Opinion{}, ErrNotFound
	}
	return list[0], nil
}

func opinionFrom(id string, m map[string]string, text string) Opinion {
	n := func(f string) int { v, _ := strconv.Atoi(m[f]); return v }
	if text == "" {
		text = m[opText]
	}
	var t opinionText
	_ = json.Unmarshal([]byte(text), &t)
	return Opinion{
		ID: id, Ref: m[opRef], Theme: m[opTheme], District: m[opDistrict], Role: m[opRole],
		Text: t.Text, Next: t.Next, Held: m[opHeld], Status: m[opStatus],
		Created: time.Unix(int64(n(opCreated)), 0).UTC(),
		Agree:   n(opAgree), Disagree: n(opDisagree), Pass: n(opPass),
	}
}

// opinions reads the opinions with ids in one round trip, skipping those
// that are gone.
func (s *Store) opinions(ctx context.Context, ids []string) ([]Opinion, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	pipe := s.rdb.Pipeline()
	cmds := make([]*redis.MapStringStringCmd, len(ids))
	texts := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.HGetAll(ctx, s.opinionKey(id))
		texts[i] = pipe.Get(ctx, s.opinionTextKey(id))
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read opinions: %w", err)
	}
	out := make([]Opinion, 0, len(ids))
	for i, c := range cmds {
		if m := c.Val(); len(m) > 0 {
			out = append(out, opinionFrom(ids[i], m, texts[i].Val()))
		}
	}
	return out, nil
}

// NextPending returns the oldest opinion waiting for moderation that comes
// after the one with id after in the queue's order ("" for the very
// oldest); ErrNotFound when none waits.
func (s *Store) NextPending(ctx context.Context, after string) (Opinion, error) {
	key := s.Key("ops", "pending")
	from, min := 0.0, "-inf"
	if after != "" {
		o, err := s.Opinion(ctx, after)
		if err != nil {
			return Opinion{}, err
		}
		// Decided meanwhile or not: its creation time orders it.
		from = float64(o.Created.Unix())
		min = strconv.FormatFloat(from, 'f', -1, 64)
	}
	// Opinions of the same millisecond are ordered by id, as the sorted
	// set orders them.
	for offset := int64(0); ; offset += 100 {
		zs, err := s.rdb.ZRangeByScoreWithScores(ctx, key, &redis.ZRangeBy{
			Min: min, Max: "+inf", Offset: offset, Count: 100,
		}).Result()
		if err != nil {
			return Opinion{}, fmt.Errorf("read moderation queue: %w", err)
		}
		if len(zs) == 0 {
			return Opinion{}, ErrNotFound
		}
		for _, z := range zs {
			id := z.Member.(string)
			if after == "" || z.Score > from || id > after {
				return s.Opinion(ctx, id)
			}
		}
	}
}

// PendingCount is how many opinions wait for moderation.
func (s *Store) PendingCount(ctx context.Context) (int64, error) {
	return s.rdb.ZCard(ctx, s.Key("ops", "pending")).Result()
}

// decideOpinion approves or rejects a pending opinion once. The same
// decision token (from the update) repeated is no second decision.
var decideOpinion = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 's')
if not st then return 'gone' end
if st ~= 'pending' then
  if redis.call('HGET', KEYS[1], 'k') == ARGV[2] then return 'ok' end
  return st
end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'k', ARGV[2], 'e', ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[4])
if ARGV[1] == 'approved' then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  redis.call('ZADD', KEYS[4], 'NX', 0, ARGV[4])
end
return 'ok'`)

// DecideOpinion approves or rejects a pending opinion. token identifies
// the decision (the update's id), so a redelivered update is no second
// decision. It returns the opinion as decided, ErrNotFound when it is
// gone, or the opinion with ErrDecided when someone decided before.
func (s *Store) DecideOpinion(ctx context.Context, id string, approve bool, token string, now time.Time) (Opinion, error) {
	theme, err := s.rdb.HGet(ctx, s.opinionKey(id), opTheme).Result()
	if errors.Is(err, redis.Nil) {
		return Opinion{}, ErrNotFound
	}
	if err != nil {
		return Opinion{}, fmt.Errorf("read opinion: %w", err)
	}
	status := OpinionRejected
	if approve {
		status = OpinionApproved
	}
	keys := []string{s.opinionKey(id), s.Key("ops", "pending"), s.Key("ops", "approved"), s.themeKey(theme)}
	res, err := decideOpinion.Run(ctx, s.rdb, keys, status, token, now.Unix(), id).Text()
	if err != nil {
		return Opinion{}, fmt.Errorf("decide opinion: %w", err)
	}
	if res == "gone" {
		return Opinion{}, ErrNotFound
	}
	o, err := s.Opinion(ctx, id)
	if err != nil {
		return Opinion{}, err
	}
	if res != "ok" {
		return o, ErrDecided
	}
	return o, nil
}

// ApprovedOpinions returns every approved opinion, oldest approval first:
// what others may see and digests may quote.
func (s *Store) ApprovedOpinions(ctx context.Context) ([]Opinion, error) {
	ids, err := s.rdb.ZRange(ctx, s.Key("ops", "approved"), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list approved opinions: %w", err)
	}
	return s.opinions(ctx, ids)
}

// OpinionsBy returns the opinions a person wrote, for /meinedaten.
func (s *Store) OpinionsBy(ctx context.Context, ref string) ([]Opinion, error) {
	ids, err := s.mine(ctx, s.rdb, ref, mineWrote)
	if err != nil {
		return nil, err
	}
	return s.opinions(ctx, ids)
}
