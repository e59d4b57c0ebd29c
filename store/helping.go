package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Offer is a person's offer of help. A person has at most one.
type Offer struct {
	Ref        string   `json:"-"`
	Categories []string `json:"categories"`
	Text       string   `json:"text,omitempty"`
	// Time is how much time: once, month (a few hours a month) or regular.
	Time      string   `json:"time"`
	Districts []string `json:"districts"`
	// ShowName lets organizers and need authors see the username;
	// otherwise they reach the helper only through the bot.
	ShowName bool      `json:"show_name"`
	Updated  time.Time `json:"updated"`
}

// The states of a need and of a helper's match to it.
const (
	NeedOpen        = "open"
	NeedFilled      = "filled"
	MatchOffered    = "offered"
	MatchInterested = "interested"
	MatchDeclined   = "declined"
)

// offerUpdateRetry is how often a concurrent change of an offer is
// retried.
const offerUpdateRetry = 5

// ErrNeedFilled is returned for an answer to a need that was closed.
var ErrNeedFilled = errors.New("need filled")

// Need is a request for help posted by an association or an organizer.
type Need struct {
	ID         string    `json:"id"`
	Ref        string    `json:"-"`
	Title      string    `json:"title"`
	Text       string    `json:"text"`
	Categories []string  `json:"categories"`
	District   string    `json:"district"`
	When       string    `json:"when"`
	Status     string    `json:"status"`
	Created    time.Time `json:"created"`
}

// offerTextKey holds the text of an offer too long for the person's
// index hash (see maxListpackValue); shorter ones are a field there.
func (s *Store) offerTextKey(ref string) string { return s.Key("offer", ref, "text") }

// The fields of an offer in the person's index (mine:REF), short as
// every helper has them.
const (
	offerCats      = "f.cats"
	offerText      = "f.text"
	offerTime      = "f.time"
	offerDistricts = "f.dists"
	offerShowName  = "f.show"
	offerUpdated   = "f.upd"
)

var offerFields = []string{offerCats, offerText, offerTime, offerDistricts, offerShowName, offerUpdated}

func (s *Store) offerIndexKey(category, district string) string {
	return s.Key("offers", category, district)
}
func (s *Store) needKey(id string) string    { return s.Key("need", id) }
func (s *Store) matchKey(need string) string { return s.Key("match", need) }

func joinList(l []string) string { return strings.Join(l, ",") }
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// Offer reads a person's offer; ErrNotFound when they have none.
func (s *Store) Offer(ctx context.Context, ref string) (Offer, error) {
	return s.offer(ctx, s.rdb, ref)
}

func (s *Store) offer(ctx context.Context, c redis.Cmdable, ref string) (Offer, error) {
	pipe := c.Pipeline()
	fields := pipe.HMGet(ctx, s.mineKey(ref), offerFields...)
	long := pipe.Get(ctx, s.offerTextKey(ref))
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return Offer{}, fmt.Errorf("read offer: %w", err)
	}
	m := map[string]string{}
	for i, v := range fields.Val() {
		if v, ok := v.(string); ok {
			m[offerFields[i]] = v
		}
	}
	if m[offerCats] == "" {
		return Offer{}, ErrNotFound
	}
	text := m[offerText]
	if text == "" {
		text = long.Val()
	}
	t, _ := strconv.ParseInt(m[offerUpdated], 10, 64)
	return Offer{
		Ref: ref, Categories: splitList(m[offerCats]), Text: text, Time: m[offerTime],
		Districts: splitList(m[offerDistricts]), ShowName: m[offerShowName] == "1",
		Updated: time.Unix(t, 0).UTC(),
	}, nil
}

// SaveOffer replaces a person's offer and its entries in the matching
// index (one set of Refs per category and district) in one transaction.
// Saving the same offer again changes nothing.
func (s *Store) SaveOffer(ctx context.Context, o Offer) error {
	return s.replaceOffer(ctx, o.Ref, &o)
}

// WithdrawOffer removes a person's offer and its index entries.
func (s *Store) WithdrawOffer(ctx context.Context, ref string) error {
	return s.replaceOffer(ctx, ref, nil)
}

func (s *Store) replaceOffer(ctx context.Context, ref string, o *Offer) error {
	key := s.mineKey(ref)
	txf := func(tx *redis.Tx) error {
		old, err := s.offer(ctx, tx, ref)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for _, c := range old.Categories {
				for _, d := range old.Districts {
					p.SRem(ctx, s.offerIndexKey(c, d), ref)
				}
			}
			p.HDel(ctx, key, offerFields...)
			p.Del(ctx, s.offerTextKey(ref))
			if o == nil {
				return nil
			}
			show := "0"
			if o.ShowName {
				show = "1"
			}
			text := o.Text
			if len(text) > maxListpackValue {
				p.Set(ctx, s.offerTextKey(ref), text, 0)
				text = ""
			}
			p.HSet(ctx, key, offerCats, joinList(o.Categories), offerText, text, offerTime, o.Time,
				offerDistricts, joinList(o.Districts), offerShowName, show, offerUpdated, o.Updated.Unix())
			for _, c := range o.Categories {
				for _, d := range o.Districts {
					p.SAdd(ctx, s.offerIndexKey(c, d), ref)
				}
			}
			return nil
		})
		return err
	}
	for range offerUpdateRetry {
		err := s.rdb.Watch(ctx, txf, key)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return fmt.Errorf("save offer: %w", err)
		}
		return nil
	}
	return fmt.Errorf("save offer: %w", redis.TxFailedErr)
}

// MatchingOffers returns the Refs of the helpers whose offer shares at
// least one category with categories and covers district.
func (s *Store) MatchingOffers(ctx context.Context, categories []string, district string) ([]string, error) {
	if len(categories) == 0 {
		return nil, nil
	}
	keys := make([]string, len(categories))
	for i, c := range categories {
		keys[i] = s.offerIndexKey(c, district)
	}
	refs, err := s.rdb.SUnion(ctx, keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("match offers: %w", err)
	}
	slices.Sort(refs)
	return refs, nil
}

// addNeed creates a need with its matches once. KEYS: need, open needs,
// author's index, matches, then each helper's index; ARGV: id,
// created, the number of field arguments, the fields, then each helper.
var addNeed = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local nf = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], unpack(ARGV, 4, 3 + nf))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], 'n:' .. ARGV[1], '')
for i = 4 + nf, #ARGV do
  redis.call('HSET', KEYS[4], ARGV[i], 'offered')
  redis.call('HSET', KEYS[5 + i - 4 - nf], 'm:' .. ARGV[1], '')
end
return 1`)

// AddNeed stores a new open need and records each helper as matched to
// it. It reports false when a need with its id exists already.
func (s *Store) AddNeed(ctx context.Context, n Need, helpers []string) (bool, error) {
	fields := []any{"ref", n.Ref, "title", n.Title, "text", n.Text, "cats", joinList(n.Categories),
		"district", n.District, "when", n.When, "status", NeedOpen, "created", n.Created.Unix()}
	args := append([]any{n.ID, n.Created.UnixMilli(), len(fields)}, fields...)
	keys := []string{s.needKey(n.ID), s.Key("needs", "open"), s.mineKey(n.Ref), s.matchKey(n.ID)}
	for _, h := range helpers {
		args = append(args, h)
		keys = append(keys, s.mineKey(h))
	}
	r, err := addNeed.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return false, fmt.Errorf("add need: %w", err)
	}
	return r == 1, nil
}

// Need reads one need; ErrNotFound when there is none.
func (s *Store) Need(ctx context.Context, id string) (Need, error) {
	m, err := s.rdb.HGetAll(ctx, s.needKey(id)).Result()
	if err != nil {
		return Need{}, fmt.Errorf("read need: %w", err)
	}
	if len(m) == 0 {
		return Need{}, ErrNotFound
	}
	return needFrom(id, m), nil
}

func needFrom(id string, m map[string]string) Need {
	t, _ := strconv.ParseInt(m["created"], 10, 64)
	return Need{
		ID: id, Ref: m["ref"], Title: m["title"], Text: m["text"], Categories: splitList(m["cats"]),
		District: m["district"], When: m["when"], Status: m["status"], Created: time.Unix(t, 0).UTC(),
	}
}

// NeedsBy returns the needs a person posted, oldest first.
func (s *Store) NeedsBy(ctx context.Context, ref string) ([]Need, error) {
	ids, err := s.mine(ctx, s.rdb, ref, mineNeed)
	if err != nil {
		return nil, err
	}
	out, err := s.needs(ctx, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Need) int { return a.Created.Compare(b.Created) })
	return out, nil
}

// CloseNeed marks a need of its author as filled; closing it again
// changes nothing. ErrNotFound when the author has no such need.
func (s *Store) CloseNeed(ctx context.Context, id, ref string) error {
	n, err := s.Need(ctx, id)
	if err != nil {
		return err
	}
	if n.Ref != ref {
		return ErrNotFound
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, s.needKey(id), "status", NeedFilled)
		p.ZRem(ctx, s.Key("needs", "open"), id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("close need: %w", err)
	}
	return nil
}

// OpenNeeds returns the needs not yet filled, oldest first.
func (s *Store) OpenNeeds(ctx context.Context) ([]Need, error) {
	ids, err := s.rdb.ZRange(ctx, s.Key("needs", "open"), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list open needs: %w", err)
	}
	return s.needs(ctx, ids)
}

// needs reads the needs with ids in one round trip, in that order,
// skipping those that are gone.
func (s *Store) needs(ctx context.Context, ids []string) ([]Need, error) {
	return readHashes(ctx, s, ids, s.needKey, needFrom, "needs")
}

// Fits reports whether an offer fits the need: it shares at least one
// category and covers the need's district.
func (o Offer) Fits(n Need) bool {
	return slices.Contains(o.Districts, n.District) &&
		slices.ContainsFunc(o.Categories, func(c string) bool { return slices.Contains(n.Categories, c) })
}

// addMatch matches a helper to an open need; an earlier answer stays.
var addMatch = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
redis.call('HSETNX', KEYS[2], ARGV[1], 'offered')
if redis.call('HGET', KEYS[2], ARGV[1]) ~= 'offered' then return 0 end
redis.call('HSET', KEYS[3], 'm:' .. ARGV[2], '')
return 1`)

// AddMatch matches a helper whose new or changed offer fits an open need.
// It reports whether the helper is to be asked: false when the need is no
// longer open or the helper answered it already, true when they have not
// answered yet (so a redelivered update asks again).
func (s *Store) AddMatch(ctx context.Context, needID, helper string) (bool, error) {
	keys := []string{s.needKey(needID), s.matchKey(needID), s.mineKey(helper)}
	n, err := addMatch.Run(ctx, s.rdb, keys, helper, needID).Int()
	if err != nil {
		return false, fmt.Errorf("add match: %w", err)
	}
	return n == 1, nil
}

// answerMatch sets a matched helper's answer to an open need.
var answerMatch = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 'status')
local prev = redis.call('HGET', KEYS[2], ARGV[1])
if not st or not prev then return 'gone' end
if st ~= 'open' then return 'filled' end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return prev`)

// AnswerMatch stores a helper's answer (MatchInterested or MatchDeclined)
// to a need they were matched to, and returns the answer before.
// ErrNotFound when the need is gone or the helper was not matched;
// ErrNeedFilled when it was closed.
func (s *Store) AnswerMatch(ctx context.Context, needID, helper, answer string) (string, error) {
	res, err := answerMatch.Run(ctx, s.rdb, []string{s.needKey(needID), s.matchKey(needID)}, helper, answer).Text()
	if err != nil {
		return "", fmt.Errorf("answer match: %w", err)
	}
	switch res {
	case "gone":
		return "", ErrNotFound
	case "filled":
		return "", ErrNeedFilled
	}
	return res, nil
}

// Matches returns the helpers matched to a need with their answers.
func (s *Store) Matches(ctx context.Context, needID string) (map[string]string, error) {
	m, err := s.rdb.HGetAll(ctx, s.matchKey(needID)).Result()
	if err != nil {
		return nil, fmt.Errorf("read matches: %w", err)
	}
	return m, nil
}

// MatchesOf returns the needs a helper was matched to with their answer,
// for /meinedaten.
func (s *Store) MatchesOf(ctx context.Context, helper string) (map[string]string, error) {
	ids, err := s.mine(ctx, s.rdb, helper, mineMatched)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	pipe := s.rdb.Pipeline()
	cmds := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.HGet(ctx, s.matchKey(id), helper)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read matches: %w", err)
	}
	for i, c := range cmds {
		if c.Err() == nil {
			out[ids[i]] = c.Val()
		}
	}
	return out, nil
}

// ForgetHelping removes a person's offer, the needs they posted (with
// their matches) and their answers to needs of others.
func (s *Store) ForgetHelping(ctx context.Context, ref string) error {
	if err := s.WithdrawOffer(ctx, ref); err != nil {
		return err
	}
	needs, err := s.mine(ctx, s.rdb, ref, mineNeed)
	if err != nil {
		return err
	}
	matched, err := s.mine(ctx, s.rdb, ref, mineMatched)
	if err != nil {
		return err
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range needs {
			p.Del(ctx, s.needKey(id), s.matchKey(id))
			p.ZRem(ctx, s.Key("needs", "open"), id)
		}
		for _, id := range matched {
			p.HDel(ctx, s.matchKey(id), ref)
		}
		s.forgetMine(ctx, p, ref, mineNeed, needs)
		s.forgetMine(ctx, p, ref, mineMatched, matched)
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget needs and matches: %w", err)
	}
	return nil
}
