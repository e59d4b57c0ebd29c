package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// VorhabenNewsKind is the kind of the broadcasts that tell a Vorhaben's
// followers its new status; the digest counts what they reached.
const VorhabenNewsKind = "vh-news"

// The states of a Vorhaben (a concrete next step someone holds).
const (
	// VorhabenNew has no holder yet, or one who has not accepted.
	VorhabenNew     = "new"
	VorhabenRunning = "running"
	VorhabenStuck   = "stuck"
	VorhabenDone    = "done"
	VorhabenDropped = "dropped"
)

// The answers of a holder asked to hold a Vorhaben.
const (
	HolderAsked    = "asked"
	HolderAccepted = "accepted"
)

// The kinds of history entries besides the statuses.
const (
	VorhabenCreated   = "created"
	VorhabenAccepted  = "accepted"
	VorhabenDeclined  = "declined"
	VorhabenReturned  = "returned"
	VorhabenReassign  = "assigned"
	VorhabenRaisedLog = "raised"
)

// How a person came to be asked to follow a Vorhaben.
const (
	FollowAuthor   = "author"
	FollowAgreed   = "agreed"
	FollowAttended = "attended"
	FollowHelper   = "helper"
	FollowSelf     = "self"
)

// The answers of someone asked to follow.
const (
	FollowAsked = "asked"
	FollowYes   = "yes"
	FollowNo    = "no"
)

// Errors of Vorhaben changes.
var (
	// ErrNotHolder is returned for a change by someone who does not hold
	// the Vorhaben (any more).
	ErrNotHolder = errors.New("not the holder")
	// ErrClosed is returned for a change to a Vorhaben that is done or
	// was given up.
	ErrClosed = errors.New("vorhaben closed")
)

// Vorhaben is a concrete next step: what is to happen, who holds it, until
// when, and what it came from. Holder and Creator are pseudonymous Refs.
type Vorhaben struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	What     string `json:"what,omitempty"`
	Next     string `json:"next_step,omitempty"`
	Theme    string `json:"theme,omitempty"`
	District string `json:"district,omitempty"`
	// Due is zero when no date was set.
	Due time.Time `json:"due,omitzero"`
	// Opinions, Need and Event name what it came from.
	Opinions []string `json:"opinions,omitempty"`
	Need     string   `json:"need,omitempty"`
	Event    string   `json:"event,omitempty"`
	Creator  string   `json:"-"`
	Holder   string   `json:"-"`
	// HolderName is the holder's handle, shown with the Vorhaben once they
	// accepted (their acceptance says so).
	HolderName  string `json:"holder,omitempty"`
	HolderState string `json:"holder_state,omitempty"`
	Status      string `json:"status"`
	// Note is the sentence of the last status: what it waits for, why it
	// was given up.
	Note    string    `json:"note,omitempty"`
	Created time.Time `json:"created"`
	// News is the time of the last status or acceptance.
	News time.Time `json:"news"`
	// Stuck is when it last got stuck; Raised when it was last raised to
	// the organizers.
	Stuck  time.Time `json:"stuck_since,omitzero"`
	Raised time.Time `json:"raised,omitzero"`
	// Seq counts the status changes.
	Seq int `json:"-"`
}

// Open reports whether the Vorhaben still goes on.
func (v Vorhaben) Open() bool { return v.Status != VorhabenDone && v.Status != VorhabenDropped }

// VorhabenEntry is one line of a Vorhaben's history. It names nobody.
type VorhabenEntry struct {
	At   time.Time `json:"at"`
	Kind string    `json:"kind"`
	Note string    `json:"note,omitempty"`
}

func (s *Store) vorhabenKey(id string) string  { return s.Key("vh", id) }
func (s *Store) vorhabenLog(id string) string  { return s.Key("vh", id, "log") }
func (s *Store) followersKey(id string) string { return s.Key("vh", id, "fol") }
func (s *Store) vorhabenIndex() string         { return s.Key("vhs") }

// What a person's index lists of Vorhaben.
const (
	mineHolds   = "vh" // Vorhaben the person was asked to hold or holds
	mineFollows = "vf" // Vorhaben the person was asked to follow or follows
	mineCreated = "vc" // Vorhaben the person (an organizer) created
)

func unix(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.Unix(), 10)
}

func fromUnix(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || s == "" {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}

func vorhabenFrom(id string, m map[string]string) Vorhaben {
	seq, _ := strconv.Atoi(m["seq"])
	return Vorhaben{
		ID: id, Title: m["title"], What: m["what"], Next: m["next"], Theme: m["theme"], District: m["dist"],
		Due: fromUnix(m["due"]), Opinions: splitList(m["ops"]), Need: m["need"], Event: m["event"],
		Creator: m["creator"], Holder: m["holder"], HolderName: m["hname"], HolderState: m["hstate"],
		Status: m["status"], Note: m["note"], Created: fromUnix(m["created"]), News: fromUnix(m["news"]),
		Stuck: fromUnix(m["stuck"]), Raised: fromUnix(m["raised"]), Seq: seq,
	}
}

func entryJSON(e VorhabenEntry) string {
	b, _ := json.Marshal(e)
	return string(b)
}

// addVorhaben creates a Vorhaben once. KEYS: vh, log, index, creator's
// index, holder's index (may equal the creator's); ARGV: id, created,
// history entry, holder, then field pairs.
var addVorhaben = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[4], 'vc:' .. ARGV[1], '')
if ARGV[4] ~= '' then redis.call('HSET', KEYS[5], 'vh:' .. ARGV[1], '') end
return 1`)

// AddVorhaben stores a new Vorhaben, its holder asked (or none), and
// reports false when one with its id exists already (a redelivered
// update).
func (s *Store) AddVorhaben(ctx context.Context, v Vorhaben) (bool, error) {
	hstate := ""
	if v.Holder != "" {
		hstate = HolderAsked
	}
	fields := []any{"title", v.Title, "status", VorhabenNew, "created", unix(v.Created), "news", unix(v.Created),
		"creator", v.Creator, "seq", 0}
	for _, f := range [][2]string{{"what", v.What}, {"next", v.Next}, {"theme", v.Theme}, {"dist", v.District},
		{"due", unix(v.Due)}, {"ops", joinList(v.Opinions)}, {"need", v.Need}, {"event", v.Event},
		{"holder", v.Holder}, {"hname", v.HolderName}, {"hstate", hstate}} {
		if f[1] != "" {
			fields = append(fields, f[0], f[1])
		}
	}
	entry := entryJSON(VorhabenEntry{At: v.Created, Kind: VorhabenCreated})
	args := append([]any{v.ID, v.Created.UnixMilli(), entry, v.Holder}, fields...)
	holderKey := s.mineKey(v.Creator)
	if v.Holder != "" {
		holderKey = s.mineKey(v.Holder)
	}
	keys := []string{s.vorhabenKey(v.ID), s.vorhabenLog(v.ID), s.vorhabenIndex(), s.mineKey(v.Creator), holderKey}
	n, err := addVorhaben.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return false, fmt.Errorf("add vorhaben: %w", err)
	}
	return n == 1, nil
}

// Vorhaben reads one; ErrNotFound when there is none.
func (s *Store) Vorhaben(ctx context.Context, id string) (Vorhaben, error) {
	list, err := readHashes(ctx, s, []string{id}, s.vorhabenKey, vorhabenFrom, "vorhaben")
	if err != nil {
		return Vorhaben{}, err
	}
	if len(list) == 0 {
		return Vorhaben{}, ErrNotFound
	}
	return list[0], nil
}

// AllVorhaben returns every Vorhaben, oldest first.
func (s *Store) AllVorhaben(ctx context.Context) ([]Vorhaben, error) {
	ids, err := s.rdb.ZRange(ctx, s.vorhabenIndex(), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list vorhaben: %w", err)
	}
	return s.vorhabenList(ctx, ids)
}

func (s *Store) vorhabenList(ctx context.Context, ids []string) ([]Vorhaben, error) {
	out, err := readHashes(ctx, s, ids, s.vorhabenKey, vorhabenFrom, "vorhaben")
	slices.SortStableFunc(out, func(a, b Vorhaben) int { return a.Created.Compare(b.Created) })
	return out, err
}

// History returns a Vorhaben's history, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]VorhabenEntry, error) {
	raw, err := s.rdb.LRange(ctx, s.vorhabenLog(id), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	out := make([]VorhabenEntry, 0, len(raw))
	for _, r := range raw {
		var e VorhabenEntry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("decode history entry: %w", err)
		}
		out = append(out, e)
	}
	return out, nil
}

// assignHolder asks a new holder, in place of one who declined or left.
// KEYS: vh, log, the new holder's index; ARGV: id, ref, name, entry.
var assignHolder = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'gone' end
if st == 'done' or st == 'dropped' then return 'closed' end
if redis.call('HGET', KEYS[1], 'hstate') == 'accepted' then return 'held' end
if redis.call('HGET', KEYS[1], 'holder') == ARGV[2] then return 'ok' end
redis.call('HSET', KEYS[1], 'holder', ARGV[2], 'hname', ARGV[3], 'hstate', 'asked')
redis.call('HSET', KEYS[3], 'vh:' .. ARGV[1], '')
redis.call('RPUSH', KEYS[2], ARGV[4])
return 'ok'`)

// ErrHeld is returned when a Vorhaben that somebody holds is given to
// another.
var ErrHeld = errors.New("vorhaben held")

// AssignHolder asks a person to hold a Vorhaben that has nobody holding
// it. Asking the same person again changes nothing.
func (s *Store) AssignHolder(ctx context.Context, id, ref, name string, now time.Time) error {
	keys := []string{s.vorhabenKey(id), s.vorhabenLog(id), s.mineKey(ref)}
	entry := entryJSON(VorhabenEntry{At: now, Kind: VorhabenReassign})
	res, err := assignHolder.Run(ctx, s.rdb, keys, id, ref, name, entry).Text()
	if err != nil {
		return fmt.Errorf("assign holder: %w", err)
	}
	return vorhabenResult(res)
}

func vorhabenResult(res string) error {
	switch res {
	case "gone":
		return ErrNotFound
	case "closed":
		return ErrClosed
	case "notholder":
		return ErrNotHolder
	case "held":
		return ErrHeld
	}
	return nil
}

// answerHolder records a holder's yes or no. KEYS: vh, log, holder's
// index; ARGV: id, ref, yes (1/0), entry, now.
var answerHolder = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'gone' end
if redis.call('HGET', KEYS[1], 'holder') ~= ARGV[2] then return 'notholder' end
local hs = redis.call('HGET', KEYS[1], 'hstate')
if ARGV[3] == '1' then
  if hs == 'accepted' then return 'same' end
  if st == 'done' or st == 'dropped' then return 'closed' end
  redis.call('HSET', KEYS[1], 'hstate', 'accepted', 'news', ARGV[5])
  redis.call('RPUSH', KEYS[2], ARGV[4])
  return 'ok'
end
if hs == 'accepted' then return 'held' end
redis.call('HDEL', KEYS[1], 'holder', 'hname', 'hstate')
redis.call('HDEL', KEYS[3], 'vh:' .. ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[4])
return 'ok'`)

// AnswerHolder records whether the person asked to hold a Vorhaben
// accepts. It reports false when the same answer was recorded before (a
// second press). ErrNotHolder when someone else was asked (or nobody);
// ErrHeld for a no after a yes.
func (s *Store) AnswerHolder(ctx context.Context, id, ref string, accept bool, now time.Time) (bool, error) {
	kind, yes := VorhabenDeclined, "0"
	if accept {
		kind, yes = VorhabenAccepted, "1"
	}
	keys := []string{s.vorhabenKey(id), s.vorhabenLog(id), s.mineKey(ref)}
	entry := entryJSON(VorhabenEntry{At: now, Kind: kind})
	res, err := answerHolder.Run(ctx, s.rdb, keys, id, ref, yes, entry, unix(now)).Text()
	if err != nil {
		return false, fmt.Errorf("answer holder: %w", err)
	}
	if res == "same" {
		return false, nil
	}
	return true, vorhabenResult(res)
}

// setStatus records a status once per token. KEYS: vh, log; ARGV: ref
// (empty: an organizer), status, note, now, token, entry.
var setStatus = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'gone' end
if redis.call('HGET', KEYS[1], 'tok') == ARGV[5] then return 'same' end
if ARGV[1] ~= '' and (redis.call('HGET', KEYS[1], 'holder') ~= ARGV[1]
    or redis.call('HGET', KEYS[1], 'hstate') ~= 'accepted') then return 'notholder' end
if st == 'done' or st == 'dropped' then return 'closed' end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'news', ARGV[4], 'tok', ARGV[5])
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], 'note') else redis.call('HSET', KEYS[1], 'note', ARGV[3]) end
if ARGV[2] == 'stuck' then
  if st ~= 'stuck' then redis.call('HSET', KEYS[1], 'stuck', ARGV[4]) end
else
  redis.call('HDEL', KEYS[1], 'stuck')
end
redis.call('HDEL', KEYS[1], 'raised')
redis.call('RPUSH', KEYS[2], ARGV[6])
return 'n' .. redis.call('HINCRBY', KEYS[1], 'seq', 1)`)

// SetStatus records a new status with its optional sentence, by the
// holder (ref) or, with ref empty, by an organizer. token names the
// change (the update's id): the same token again is no second change and
// returns changed false with the Vorhaben as it stands.
func (s *Store) SetStatus(ctx context.Context, id, ref, status, note, token string, now time.Time) (v Vorhaben, changed bool, err error) {
	keys := []string{s.vorhabenKey(id), s.vorhabenLog(id)}
	entry := entryJSON(VorhabenEntry{At: now, Kind: status, Note: note})
	res, err := setStatus.Run(ctx, s.rdb, keys, ref, status, note, unix(now), token, entry).Text()
	if err != nil {
		return Vorhaben{}, false, fmt.Errorf("set status: %w", err)
	}
	if err := vorhabenResult(res); err != nil {
		return Vorhaben{}, false, err
	}
	v, err = s.Vorhaben(ctx, id)
	return v, strings.HasPrefix(res, "n"), err
}

// MarkRaised records that a Vorhaben was raised to the organizers.
func (s *Store) MarkRaised(ctx context.Context, id string, now time.Time) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, s.vorhabenKey(id), "raised", unix(now))
		p.RPush(ctx, s.vorhabenLog(id), entryJSON(VorhabenEntry{At: now, Kind: VorhabenRaisedLog}))
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark raised: %w", err)
	}
	return nil
}

// askFollowers records who is asked to follow, once each. KEYS:
// followers, then each candidate's index; ARGV: id, then ref, relation
// pairs. Returns the refs newly asked.
var askFollowers = redis.NewScript(`
local out = {}
for i = 2, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], 'asked|' .. ARGV[i + 1]) == 1 then
    redis.call('HSET', KEYS[2 + (i - 2) / 2], 'vf:' .. ARGV[1], '')
    table.insert(out, ARGV[i])
  end
end
return out`)

// AskFollowers records the candidates (Ref to relation: FollowAuthor …)
// as asked and returns those not asked before, sorted.
func (s *Store) AskFollowers(ctx context.Context, id string, candidates map[string]string) ([]string, error) {
	if len(candidates) == 0 {
		return nil, nil
	}
	refs := make([]string, 0, len(candidates))
	for r := range candidates {
		refs = append(refs, r)
	}
	slices.Sort(refs)
	keys := []string{s.followersKey(id)}
	args := []any{id}
	for _, r := range refs {
		keys = append(keys, s.mineKey(r))
		args = append(args, r, candidates[r])
	}
	out, err := askFollowers.Run(ctx, s.rdb, keys, args...).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("ask followers: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// answerFollow records yes or no, keeping how the person came to it.
// KEYS: vh, followers, the person's index; ARGV: id, ref, answer.
var answerFollow = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'gone' end
local prev = redis.call('HGET', KEYS[2], ARGV[2])
local rel = 'self'
local was = ''
if prev then
  local bar = string.find(prev, '|', 1, true)
  was = string.sub(prev, 1, bar - 1)
  rel = string.sub(prev, bar + 1)
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3] .. '|' .. rel)
redis.call('HSET', KEYS[3], 'vf:' .. ARGV[1], '')
return was`)

// Follow records a person's answer (FollowYes or FollowNo) to following a
// Vorhaben, whether they were asked or found it in the list, and returns
// the answer before ("" or FollowAsked when none).
func (s *Store) Follow(ctx context.Context, id, ref, answer string) (string, error) {
	keys := []string{s.vorhabenKey(id), s.followersKey(id), s.mineKey(ref)}
	res, err := answerFollow.Run(ctx, s.rdb, keys, id, ref, answer).Text()
	if err != nil {
		return "", fmt.Errorf("follow: %w", err)
	}
	if res == "gone" {
		return "", ErrNotFound
	}
	return res, nil
}

// Follower is one entry of a Vorhaben's followers: how they came to it and
// their answer.
type Follower struct {
	Ref      string `json:"-"`
	Relation string `json:"relation"`
	Answer   string `json:"answer"`
}

func followerFrom(ref, v string) Follower {
	answer, rel, _ := strings.Cut(v, "|")
	return Follower{Ref: ref, Relation: rel, Answer: answer}
}

// Followers returns everyone asked to follow a Vorhaben or following it,
// by Ref.
func (s *Store) Followers(ctx context.Context, id string) (map[string]Follower, error) {
	m, err := s.rdb.HGetAll(ctx, s.followersKey(id)).Result()
	if err != nil {
		return nil, fmt.Errorf("read followers: %w", err)
	}
	out := make(map[string]Follower, len(m))
	for ref, v := range m {
		out[ref] = followerFrom(ref, v)
	}
	return out, nil
}

// FollowerOf reads one person's entry; ok false when they have none.
func (s *Store) FollowerOf(ctx context.Context, id, ref string) (Follower, bool, error) {
	v, err := s.rdb.HGet(ctx, s.followersKey(id), ref).Result()
	if errors.Is(err, redis.Nil) {
		return Follower{}, false, nil
	}
	if err != nil {
		return Follower{}, false, fmt.Errorf("read follower: %w", err)
	}
	return followerFrom(ref, v), true, nil
}

// PersonVorhaben is a person's share of the Vorhaben, for /meinedaten.
type PersonVorhaben struct {
	Holds   []Vorhaben          `json:"holds"`
	Follows map[string]Follower `json:"follows"`
	Created []string            `json:"created"`
}

// VorhabenOf returns what a person holds, follows (or was asked to) and
// created.
func (s *Store) VorhabenOf(ctx context.Context, ref string) (PersonVorhaben, error) {
	var d PersonVorhaben
	holds, err := s.mine(ctx, s.rdb, ref, mineHolds)
	if err != nil {
		return d, err
	}
	all, err := s.vorhabenList(ctx, holds)
	if err != nil {
		return d, err
	}
	for _, v := range all {
		if v.Holder == ref {
			d.Holds = append(d.Holds, v)
		}
	}
	follows, err := s.mine(ctx, s.rdb, ref, mineFollows)
	if err != nil {
		return d, err
	}
	d.Follows = map[string]Follower{}
	for _, id := range follows {
		f, ok, err := s.FollowerOf(ctx, id, ref)
		if err != nil {
			return d, err
		}
		if ok {
			d.Follows[id] = f
		}
	}
	if d.Created, err = s.mine(ctx, s.rdb, ref, mineCreated); err != nil {
		return d, err
	}
	return d, nil
}

// forgetHolder hands a Vorhaben back when its holder leaves. KEYS: vh,
// log; ARGV: ref, entry. Returns 1 when it was theirs.
var forgetHolder = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'holder') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'holder', 'hname', 'hstate')
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1`)

// ForgetVorhaben removes a person from the Vorhaben: as a follower, as the
// creator, and as the holder, which hands it back to the organizers. It
// returns the open Vorhaben handed back, for the organizers to be told.
func (s *Store) ForgetVorhaben(ctx context.Context, ref string, now time.Time) ([]Vorhaben, error) {
	holds, err := s.mine(ctx, s.rdb, ref, mineHolds)
	if err != nil {
		return nil, err
	}
	follows, err := s.mine(ctx, s.rdb, ref, mineFollows)
	if err != nil {
		return nil, err
	}
	created, err := s.mine(ctx, s.rdb, ref, mineCreated)
	if err != nil {
		return nil, err
	}
	var back []Vorhaben
	entry := entryJSON(VorhabenEntry{At: now, Kind: VorhabenReturned})
	for _, id := range holds {
		n, err := forgetHolder.Run(ctx, s.rdb, []string{s.vorhabenKey(id), s.vorhabenLog(id)}, ref, entry).Int()
		if err != nil {
			return nil, fmt.Errorf("hand back vorhaben: %w", err)
		}
		if n == 1 {
			v, err := s.Vorhaben(ctx, id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return nil, err
			}
			if err == nil && v.Open() {
				back = append(back, v)
			}
		}
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range follows {
			p.HDel(ctx, s.followersKey(id), ref)
		}
		s.forgetMine(ctx, p, ref, mineHolds, holds)
		s.forgetMine(ctx, p, ref, mineFollows, follows)
		s.forgetMine(ctx, p, ref, mineCreated, created)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("forget vorhaben: %w", err)
	}
	for _, id := range created {
		if err := forgetCreator.Run(ctx, s.rdb, []string{s.vorhabenKey(id)}, ref).Err(); err != nil && !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("forget creator: %w", err)
		}
	}
	return back, nil
}

// forgetCreator removes the creator's Ref from a Vorhaben they created.
var forgetCreator = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'creator') == ARGV[1] then redis.call('HDEL', KEYS[1], 'creator') end
return 0`)

// Agreed returns the Refs of those who agreed with an opinion, sorted.
func (s *Store) Agreed(ctx context.Context, statement string) ([]string, error) {
	m, err := s.rdb.HGetAll(ctx, s.votesKey(statement)).Result()
	if err != nil {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	var out []string
	for voter, raw := range m {
		if v, err := decodeVote(statement, voter, raw); err == nil && v.Value == Agree {
			out = append(out, voter)
		}
	}
	slices.Sort(out)
	return out, nil
}

// readHashes reads the records with ids, each a hash at key(id), in one
// round trip, in that order, skipping those that are gone.
func readHashes[T any](ctx context.Context, s *Store, ids []string, key func(string) string, from func(string, map[string]string) T, what string) ([]T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.MapStringStringCmd, len(ids))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGetAll(ctx, key(id))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	var out []T
	for i, c := range cmds {
		if m := c.Val(); len(m) > 0 {
			out = append(out, from(ids[i], m))
		}
	}
	return out, nil
}
