package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// personKey builds a key owned by a person: hb:{C:PLATFORM:ID}:PARTS.
func (s *Store) personKey(u bot.User, parts ...string) string {
	return "hb:{" + s.community + ":" + u.Key() + "}:" + strings.Join(parts, ":")
}

// PersonKey builds a key owned by a person for a feature's data, so that
// /loeschen finds and removes it with the rest.
func (s *Store) PersonKey(u bot.User, parts ...string) string {
	return s.personKey(u, parts...)
}

// Load reads the conversation, the profile and whether the update was
// handled before, in one round trip, and takes the person's lock for the
// update. When it fails after taking the lock it releases it again.
func (s *Store) Load(ctx context.Context, u bot.User, updateID string) (snap bot.Snapshot, err error) {
	pipe := s.rdb.Pipeline()
	var lock *redis.StatusCmd
	if updateID != "" {
		lock = pipe.SetArgs(ctx, s.personKey(u, "lock"), updateID, redis.SetArgs{Mode: "NX", TTL: bot.LockTTL})
	}
	conv := pipe.Get(ctx, s.personKey(u, "conv"))
	prof := pipe.Get(ctx, s.personKey(u, "profile"))
	var pending *redis.StringCmd
	if updateID != "" {
		pending = pipe.HGet(ctx, s.personKey(u, "pending"), updateID)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return snap, fmt.Errorf("load %s: %w", u.Platform, err)
	}
	if lock != nil && errors.Is(lock.Err(), redis.Nil) {
		return snap, bot.ErrBusy
	}
	if lock != nil {
		defer func() {
			if err != nil {
				_ = s.Unlock(ctx, u, updateID)
			}
		}()
	}
	handled, st, err := decodeConv(conv.Val())
	if err != nil {
		return snap, err
	}
	snap.State, snap.Handled = st, handled
	if snap.Profile, err = readProfile(u, prof); err != nil {
		return snap, err
	}
	if updateID != "" && slices.Contains(strings.Fields(handled), handledID(updateID)) {
		// Its commit may not have reached the replicas (that may be why
		// it comes again): it counts as handled only once they have it.
		// WAIT needs a write of its own connection to wait for; renewing
		// the lock is one that changes nothing else.
		if s.waitReplicas > 0 {
			err := s.replicated(ctx, func(c redis.Cmdable) error {
				return c.PExpire(ctx, s.personKey(u, "lock"), bot.LockTTL).Err()
			})
			if err != nil {
				return snap, fmt.Errorf("load %s: %w", u.Platform, err)
			}
		}
		snap.Seen = true
		if v := pending.Val(); v != "" {
			if err := json.Unmarshal([]byte(v), &snap.Pending); err != nil {
				return snap, fmt.Errorf("decode pending replies: %w", err)
			}
		}
	}
	return snap, nil
}

// Commit writes what handling an update changed in one transaction: state,
// profile and the handled marker with the replies still to send.
func (s *Store) Commit(ctx context.Context, u bot.User, updateID string, ch bot.Change) error {
	if ch.Erase {
		return s.erase(ctx, u)
	}
	var pending []byte
	if updateID != "" && len(ch.Replies) > 0 {
		var err error
		if pending, err = json.Marshal(ch.Replies); err != nil {
			return fmt.Errorf("encode replies: %w", err)
		}
	}
	var state, profile []byte
	var err error
	if ch.State != nil {
		if state, err = json.Marshal(ch.State); err != nil {
			return fmt.Errorf("encode state: %w", err)
		}
	}
	if ch.ProfileChanged && ch.Profile != nil {
		if profile, err = encodeProfile(u, ch.Profile); err != nil {
			return err
		}
	}
	person := func(p redis.Pipeliner) {
		// The person's lock, held since Load, keeps the conversation
		// as read: it is written whole, without a script.
		if v := convValue(ch.Handled, handledID(updateID), state); v != "" {
			p.Set(ctx, s.personKey(u, "conv"), v, s.convTTL)
		} else {
			p.Del(ctx, s.personKey(u, "conv"))
		}
		if ch.ProfileChanged {
			if profile != nil {
				p.Set(ctx, s.personKey(u, "profile"), profile, 0)
			} else {
				p.Del(ctx, s.personKey(u, "profile"))
			}
		}
		s.keepPending(ctx, p, u, updateID, pending)
	}
	var index func(p redis.Pipeliner)
	if ch.ProfileChanged || ch.ActiveChanged {
		index = func(p redis.Pipeliner) {
			if ch.ProfileChanged && profile != nil {
				p.HSet(ctx, s.peopleKey(u.Key()), u.Key(), ch.Profile.Ref)
				p.HSet(ctx, s.refsKey(ch.Profile.Ref), ch.Profile.Ref, u.Key())
			} else if ch.ProfileChanged {
				p.HDel(ctx, s.peopleKey(u.Key()), u.Key())
			}
			if ch.ActiveChanged && ch.State != nil && ch.State.Flow != "" {
				p.ZAdd(ctx, s.Key("active"), redis.Z{Score: float64(time.Now().Add(s.convTTL).Unix()), Member: s.activeMember(u)})
			} else if ch.ActiveChanged {
				p.ZRem(ctx, s.Key("active"), s.activeMember(u))
			}
		}
	}
	if err := s.transact(ctx, person, index); err != nil {
		return fmt.Errorf("commit %s: %w", u.Platform, err)
	}
	return nil
}

// transact writes the person's keys and the community's indexes. On one
// server that is one transaction; on a Cluster the two live in different
// slots, so the indexes are written first (they only help to find people)
// and the person's keys, the commit point, after.
func (s *Store) transact(ctx context.Context, person, index func(redis.Pipeliner)) error {
	if _, cluster := s.rdb.(*redis.ClusterClient); cluster && index != nil {
		if _, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { index(p); return nil }); err != nil {
			return err
		}
		index = nil
	}
	tx := func(p redis.Pipeliner) error {
		if index != nil {
			index(p)
		}
		person(p)
		return nil
	}
	return s.replicated(ctx, func(c redis.Cmdable) error {
		_, err := c.TxPipelined(ctx, tx)
		return err
	})
}

// pendingTTL is how long replies not confirmed as sent are kept; a
// platform gives up redelivering an update long before.
const pendingTTL = 24 * time.Hour

// keepPending keeps the replies to the update until they are confirmed as
// sent; the update itself is remembered as handled with the conversation.
func (s *Store) keepPending(ctx context.Context, p redis.Pipeliner, u bot.User, updateID string, pending []byte) {
	if pending != nil {
		p.HSet(ctx, s.personKey(u, "pending"), updateID, pending)
		p.Expire(ctx, s.personKey(u, "pending"), pendingTTL)
	}
}

// Delivered marks the replies to an update as sent and releases the
// person's lock. It never creates a key: after /loeschen there is none,
// and none may appear.
func (s *Store) Delivered(ctx context.Context, u bot.User, updateID string) error {
	keys := []string{s.personKey(u, "pending"), s.personKey(u, "lock")}
	return delivered.Run(ctx, s.rdb, keys, updateID).Err()
}

// Unlock releases the person's lock if this update holds it. It does so
// also when ctx has ended (within unlockTimeout): an update cut off by a
// shutdown would otherwise keep its redelivery waiting until the lock
// expires.
func (s *Store) Unlock(ctx context.Context, u bot.User, updateID string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), unlockTimeout)
	defer cancel()
	return unlock.Run(ctx, s.rdb, []string{s.personKey(u, "lock")}, updateID).Err()
}

// unlockTimeout bounds releasing a lock after the update's context ended.
const unlockTimeout = time.Second

// Extend renews the person's lock for bot.LockTTL if this update holds it.
func (s *Store) Extend(ctx context.Context, u bot.User, updateID string) error {
	return extend.Run(ctx, s.rdb, []string{s.personKey(u, "lock")}, updateID, bot.LockTTL.Milliseconds()).Err()
}

var (
	extend = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0`)
	delivered = redis.NewScript(`
redis.call("HDEL", KEYS[1], ARGV[1])
if redis.call("GET", KEYS[2]) == ARGV[1] then redis.call("DEL", KEYS[2]) end
return 0`)
	unlock = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return 0`)
)

// erase removes every key the person owns and their entries in the
// community's indexes.
func (s *Store) erase(ctx context.Context, u bot.User) error {
	prof, err := readProfile(u, s.rdb.Get(ctx, s.personKey(u, "profile")))
	if err != nil {
		return fmt.Errorf("erase: %w", err)
	}
	keys, err := s.PersonKeys(ctx, u)
	if err != nil {
		return err
	}
	err = s.transact(ctx, func(p redis.Pipeliner) {
		if len(keys) > 0 {
			p.Del(ctx, keys...)
		}
	}, func(p redis.Pipeliner) {
		p.HDel(ctx, s.peopleKey(u.Key()), u.Key())
		p.ZRem(ctx, s.Key("active"), s.activeMember(u))
		if prof != nil && prof.Ref != "" {
			p.HDel(ctx, s.refsKey(prof.Ref), prof.Ref)
		}
	})
	if err != nil {
		return fmt.Errorf("erase: %w", err)
	}
	return nil
}

// Conversation reads a person's conversation state: nil when none is kept.
func (s *Store) Conversation(ctx context.Context, u bot.User) (*bot.State, error) {
	v, err := s.rdb.Get(ctx, s.personKey(u, "conv")).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read conversation: %w", err)
	}
	_, st, err := decodeConv(v)
	return st, err
}

// Profile reads a person's profile; ErrNotFound when they have none.
func (s *Store) Profile(ctx context.Context, u bot.User) (*bot.Profile, error) {
	p, err := readProfile(u, s.rdb.Get(ctx, s.personKey(u, "profile")))
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, ErrNotFound
	}
	return p, nil
}

// PersonKeys lists every key a person owns: what /loeschen removes.
func (s *Store) PersonKeys(ctx context.Context, u bot.User) ([]string, error) {
	var keys []string
	err := scanKeys(ctx, s.rdb, globEscape(s.personKey(u))+"*", func(k string) error {
		keys = append(keys, k)
		return nil
	})
	return keys, err
}

// activeMember names a person in the active-conversations set by a hash,
// so the set holds no id.
func (s *Store) activeMember(u bot.User) string {
	sum := sha256.Sum256([]byte(s.community + "\x00" + u.Key()))
	return hex.EncodeToString(sum[:12])
}

// ActiveConversations counts the conversations with an open question, and
// drops the expired entries.
func (s *Store) ActiveConversations(ctx context.Context) (int64, error) {
	now := strconv.FormatInt(time.Now().Unix(), 10)
	if err := s.rdb.ZRemRangeByScore(ctx, s.Key("active"), "-inf", now).Err(); err != nil {
		return 0, err
	}
	return s.rdb.ZCard(ctx, s.Key("active")).Result()
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`)
	return r.Replace(s)
}
