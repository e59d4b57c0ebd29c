// Package store keeps heimatbot's data in Redis.
//
// Every key starts with "hb:" and carries its community, so one deployment
// can serve several communities. Keys that change together share a Redis
// Cluster hash tag (the part in braces). The key schema:
//
// Per person, hash tag {COMMUNITY:PLATFORM:USERID} (written P below). Every
// key a person owns starts with "hb:P:", so all of them are found from the
// person and removed together by /loeschen:
//
//	hb:P:conv          string: the ids of the person's last 12 handled updates
//	                   (space-separated, 8 characters of a hash each), a line break, and
//	                   the open conversation as JSON bot.State (empty when none):
//	                   so a redelivered update is handled once, at no key of its
//	                   own; expires (default 24 h) after the last update
//	hb:P:profile       string, a bot.Profile as compact JSON (storedProfile): only
//	                   after consent
//	hb:P:pending       hash update id -> JSON []bot.Message: replies of a handled
//	                   update not yet confirmed as sent; expires after 24 h
//	hb:P:lock          string, the id of the update being handled: one update of a
//	                   person at a time across processes; expires 6 s (bot.LockTTL)
//	                   after its holder last renewed it
//
// Per community, hash tag {COMMUNITY}:
//
//	hb:{C}:people:B    hash PLATFORM:USERID -> Ref of everyone who consented, for
//	                   audiences and statistics, spread over 1,024 buckets B
//	                   (by FNV-1a of the field) so each stays a compact listpack
//	hb:{C}:refs:B      hash Ref -> PLATFORM:USERID, bucketed the same way, to
//	                   reach the person behind a pseudonymous reference (a
//	                   helper matched to a need)
//	hb:{C}:active      sorted set of hashed person keys with an open question,
//	                   scored by expiry, for the active-conversations metric
//	hb:{C}:telegram:offset     string, the id of the last Telegram update handled and
//	                           confirmed (long polling)
//	hb:{C}:telegram:button:ID  string, a button payload too long for Telegram's
//	                           callback_data, by the hash of it; expires (30 days)
//	hb:{C}:whatsapp:button:ID  the same for WhatsApp's list row ids (200 bytes)
//	hb:{C}:mattermost:seen     hash channel id -> creation time (ms) of the last post
//	                           handled there, for the catch-up after a reconnect;
//	                           ~init (caught up before) and ~last (the newest post
//	                           handled anywhere). /loeschen removes the field of the
//	                           person's direct channel
//	hb:{C}:mattermost:consumer string, the process holding the lease on the
//	                           Mattermost WebSocket; expires unless renewed
//
//	hb:{C}:events      zset event id -> start (Unix seconds) of every event not
//	                   cancelled, for /termine
//	hb:{C}:events:all  set of the ids of every event ever created, where
//	                   /meinedaten and /loeschen look for a person's answers
//
// Per event, hash tag {ev:ID} (keys hb:C:{ev:ID}:PART), changed together by
// one Lua script so capacity and waiting list hold under concurrent answers:
//
//	event              hash: data (JSON store.Event), capacity (0 = none), taken
//	                   (confirmed seats), seq (the last arrival number given)
//	rsvp               hash PLATFORM:USERID -> yes:ARRIVAL|maybe|no|wait
//	wait               zset PLATFORM:USERID by arrival number: the waiting list
//	feedback           hash Ref -> JSON store.Feedback ("Wie war's?")
//
// Durable jobs (package scheduler), hash tag {C}:
//
//	hb:{C}:jobs        zset job id -> due time (Unix ms): one-off jobs waiting
//	hb:{C}:jobs:data   hash job id -> JSON scheduler.Job
//	hb:{C}:jobs:lease  zset job id -> lease end (Unix ms): claimed, not yet done;
//	                   renewed while the job runs; an expired lease puts the
//	                   job back (its claimer died)
//	hb:{C}:jobs:holder hash job id -> the claim's holder (only it renews or
//	                   finishes the job)
//	hb:{C}:cron:NAME:done   string: scheduled time (Unix s) of the recurring
//	                        job's last successful run
//	hb:{C}:cron:NAME:lease  string: the process making a run, expiring a
//	                        minute after its last renewal
//
// Broadcasts (invitations, reminders, notices), hash tag {bc:ID}
// (keys hb:C:{bc:ID}:PART), and their index:
//
//	hb:{C}:broadcasts  zset broadcast id -> creation time (Unix ms)
//	meta               hash: kind, event, arg, status (running|done|cancelled), total,
//	                   sent, failed, blocked, skipped, retried, created
//	todo               list PLATFORM:USERID: recipients fixed at the start, not yet
//	                   claimed
//	inflight           zset PLATFORM:USERID -> lease end (Unix ms): claimed before
//	                   sending, renewed while sending, removed when the send is
//	                   confirmed
//	holder             hash PLATFORM:USERID -> the claim's holder (only it
//	                   renews or confirms the send)
//
// Voices and helping hands, hash tag {COMMUNITY} as well, since an opinion,
// its votes, the vote counts and the voter's index change together
// (Lua scripts). REF is a profile's pseudonymous Ref; ID an opinion's or
// need's id (hex, derived from the update that created it):
//
//	hb:{C}:op:ID            hash, one-letter fields: r (ref) t (theme) d (district)
//	                        o (role) h (held back for) s (status) c (created)
//	                        e (decided) k (decision token), the vote tallies a
//	                        (agree) n (disagree) p (pass), and x, the text (JSON
//	                        {t: text, n: next step}) when that is 64 bytes at most;
//	                        empty fields and zero tallies are left out
//	hb:{C}:op:ID:text       string, that JSON when longer: apart from the hash, whose
//	                        compact encoding allows only values up to 64 bytes
//	hb:{C}:ops:pending      zset ID -> created (s): the moderation queue, oldest first
//	hb:{C}:ops:approved     zset ID -> approval time (s): what others see and digests read
//	hb:{C}:ops:theme:THEME  zset ID -> number of votes, approved only: /stimmen shows
//	                        the lowest score first
//	hb:{C}:votes:ID         hash REF -> "VALUE|DISTRICT|ROLE|UNIXTIME" (VALUE 1, -1 or 0;
//	                        district and role at vote time): one field per vote, so
//	                        1,000,000 votes are about 100,000 small hashes, read with
//	                        pipelined HGETALL over hb:{C}:ops:approved (Store.EachVote)
//	hb:{C}:mine:REF         hash "KIND:ID" -> "": a person's index, what they
//	                        voted on (v), wrote (o), posted as a need (n) and
//	                        were matched to as a helper (m); and their offer of
//	                        help: f.cats f.dists (categories and districts, comma
//	                        lists) f.text f.time f.show (show name) f.upd (updated).
//	                        One small hash rather than a set per kind and a hash
//	                        for the offer, as Redis keeps short hashes compact,
//	                        sets of non-integers never, and each key costs
//	hb:{C}:offer:REF:text   string, an offer's text when longer than 64 bytes
//	hb:{C}:offers:CAT:DIST  set of REF: the matching index, one set per help
//	                        category and district
//	hb:{C}:need:ID          hash: ref title text cats district when status created
//	hb:{C}:needs:open       zset ID -> created (ms)
//	hb:{C}:match:ID         hash helper REF -> offered | interested | declined
//
// Vorhaben (concrete next steps with a holder), hash tag {COMMUNITY} as
// well, since a Vorhaben, its followers and the people's indexes change
// together (Lua scripts):
//
//	hb:{C}:vh:ID            hash: title what next theme dist due (s) ops (opinion ids,
//	                        comma list) need event creator (REF) holder (REF) hname
//	                        (the holder's handle) hstate (asked|accepted) status
//	                        (new|running|stuck|done|dropped) note created news stuck
//	                        raised (s) seq (status changes) tok (the last change's
//	                        token, so a redelivered update changes nothing)
//	hb:{C}:vh:ID:log        list of JSON store.VorhabenEntry: the history, naming nobody
//	hb:{C}:vh:ID:fol        hash REF -> "ANSWER|RELATION" (asked|yes|no, and author|
//	                        agreed|attended|helper|self): who was asked to follow and
//	                        who follows
//	hb:{C}:vhs              zset ID -> created (ms)
//	hb:{C}:mine:REF         also "vh:ID" (asked to hold or holds), "vf:ID" (asked to
//	                        follow or follows), "vc:ID" (created, an organizer)
//
// /loeschen removes a follower's entry, the creator's Ref, and hands a
// Vorhaben its holder leaves back to the organizers (Store.ForgetVorhaben).
//
// A person's key (PLATFORM:USERID) appears in no other key or value than
// the hb:P: keys, the people and refs hashes and the event and broadcast
// keys that list who answered or is still to be written to; their Ref only
// there and in the voices and feedback keys named with or holding REF.
// /loeschen removes all of it: the person's voices (Store.ForgetVoices,
// Store.ForgetHelping: their opinions with the votes on them, their votes,
// offer, needs and matches; vote counts and tallies that name nobody stay),
// their answers, feedback and broadcast entries, their fields in both
// hashes and every hb:P: key, so no trace of the person is left.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store is the Redis persistence of one community.
type Store struct {
	rdb          redis.UniversalClient
	community    string
	convTTL      time.Duration
	waitReplicas int
	waitTimeout  time.Duration
}

// Options tune a Store.
type Options struct {
	// ConversationTTL is how long an untouched conversation is kept.
	ConversationTTL time.Duration
	// WaitReplicas is how many replicas must hold an update's effects
	// before the update counts as handled (see replicated); 0 takes the
	// master's word. For a single master with replicas (Sentinel), not a
	// Cluster.
	WaitReplicas int
	// WaitTimeout bounds that wait (default 1 s).
	WaitTimeout time.Duration
}

// New returns the store of community on rdb.
func New(rdb redis.UniversalClient, community string, opt Options) *Store {
	if opt.ConversationTTL <= 0 {
		opt.ConversationTTL = 24 * time.Hour
	}
	if opt.WaitTimeout <= 0 {
		opt.WaitTimeout = time.Second
	}
	return &Store{rdb: rdb, community: community, convTTL: opt.ConversationTTL,
		waitReplicas: opt.WaitReplicas, waitTimeout: opt.WaitTimeout}
}

// Client is the Redis client, for the features' own stores.
func (s *Store) Client() redis.UniversalClient { return s.rdb }

// Community is the community the store serves.
func (s *Store) Community() string { return s.community }

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.rdb.Ping(ctx).Err()
}

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

// Key builds a community key with the community's hash tag:
// hb:{C}:PARTS.
func (s *Store) Key(parts ...string) string {
	return "hb:{" + s.community + "}:" + strings.Join(parts, ":")
}

// TaggedKey builds a community key with its own hash tag, for records
// whose keys change together but apart from the rest:
// hb:C:{TAG}:PARTS.
func (s *Store) TaggedKey(tag string, parts ...string) string {
	return "hb:" + s.community + ":{" + tag + "}:" + strings.Join(parts, ":")
}

// scanKeys calls fn for each key matching pattern on every master, so it
// works on a single node and on a Cluster alike.
func scanKeys(ctx context.Context, rdb redis.UniversalClient, pattern string, fn func(key string) error) error {
	scan := func(ctx context.Context, c redis.Cmdable) error {
		it := c.Scan(ctx, 0, pattern, 500).Iterator()
		for it.Next(ctx) {
			if err := fn(it.Val()); err != nil {
				return err
			}
		}
		return it.Err()
	}
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			return scan(ctx, c)
		})
	}
	if err := scan(ctx, rdb); err != nil {
		return fmt.Errorf("scan %s: %w", pattern, err)
	}
	return nil
}
