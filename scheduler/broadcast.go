package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// Broadcast is one message to many people: an invitation, a reminder or a
// notice. Its recipients are fixed when it starts.
type Broadcast struct {
	ID    string
	Kind  string
	Event string
	Arg   string
	// Status is running, done or cancelled.
	Status                                string
	Total, Sent, Failed, Blocked, Skipped int
	// Retried counts recipients claimed again after their claimer died.
	Retried int
	// Remaining is how many are neither sent nor given up.
	Remaining int
	Created   time.Time
}

// The states of a broadcast.
const (
	StatusRunning   = "running"
	StatusDone      = "done"
	StatusCancelled = "cancelled"
)

// Renderer builds the message for one recipient. ok false skips them (they
// turned invitations off or deleted their data meanwhile).
type Renderer func(ctx context.Context, b Broadcast, to bot.User) (m bot.Message, ok bool, err error)

// Broadcasts keeps broadcasts in Redis and sends them.
//
// Delivery: each recipient is claimed (moved from the todo list into the
// in-flight set with a lease, renewed while the message is being sent)
// before the message is sent, and confirmed after, by the claim's holder
// only. A process killed between claiming and confirming leaves one
// recipient in flight per sending process; when the lease ends, any process
// claims them again and sends. So the one message that was in flight at
// the moment of a crash is sent again: if the platform had already
// accepted it, that person gets it twice. No one else can: confirmed
// recipients are never claimed again, and unclaimed ones were never sent.
type Broadcasts struct {
	st     *store.Store
	rdb    redis.UniversalClient
	out    bot.Sender
	render Renderer
	now    func() time.Time
	log    *slog.Logger
	lease  time.Duration
	limit  *rate.Limiter
	poll   time.Duration
	keep   time.Duration
	// observe hears of each message tried (BroadcastOptions.Observe).
	observe func(job string, err error)
}

// BroadcastOptions tune sending.
type BroadcastOptions struct {
	Now func() time.Time
	Log *slog.Logger
	// Lease is how long a claimed recipient stays reserved for a sender
	// that stopped renewing it, one that died (default 1 minute).
	Lease time.Duration
	// Rate limits messages per second from this process (default 29, below
	// Telegram's 30 per second; negative: no limit).
	Rate float64
	// Poll is how often Run looks for work (default 1 second).
	Poll time.Duration
	// Observe, when set, hears of every recipient this process sent a
	// broadcast's message to, as job "broadcast:KIND", with the error
	// when the message could not be rendered or sent or its outcome not
	// recorded; a recipient blocked or skipped is no error. For the
	// metrics.
	Observe func(job string, err error)
}

// NewBroadcasts returns the broadcasts of the store's community, sent
// through out and rendered by render.
func NewBroadcasts(st *store.Store, out bot.Sender, render Renderer, o BroadcastOptions) *Broadcasts {
	b := &Broadcasts{st: st, rdb: st.Client(), out: out, render: render, now: o.Now, log: o.Log,
		lease: o.Lease, poll: o.Poll, keep: 30 * 24 * time.Hour, observe: o.Observe}
	if b.now == nil {
		b.now = time.Now
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.lease <= 0 {
		b.lease = time.Minute
	}
	if b.poll <= 0 {
		b.poll = time.Second
	}
	switch {
	case o.Rate == 0:
		b.limit = rate.NewLimiter(29, 1)
	case o.Rate > 0:
		b.limit = rate.NewLimiter(rate.Limit(o.Rate), 1)
	}
	return b
}

func (bs *Broadcasts) key(id, part string) string { return bs.st.TaggedKey("bc:"+id, part) }

func (bs *Broadcasts) keys(id string) (meta, todo, inflight string) {
	return bs.key(id, "meta"), bs.key(id, "todo"), bs.key(id, "inflight")
}

// holders names who claimed each recipient in flight.
func (bs *Broadcasts) holders(id string) string { return bs.key(id, "holder") }

// startScript creates a broadcast once: a second start with the same id
// (a redelivered update, a second process) changes nothing. ARGV: kind,
// event, arg, created, then the recipients.
var startScript = redis.NewScript(`
local meta, todo = KEYS[1], KEYS[2]
if redis.call('EXISTS', meta) == 1 then return 0 end
for i = 5, #ARGV do redis.call('RPUSH', todo, ARGV[i]) end
local n = #ARGV - 4
local status = 'running'
if n == 0 then status = 'done' end
redis.call('HSET', meta, 'kind', ARGV[1], 'event', ARGV[2], 'arg', ARGV[3], 'created', ARGV[4],
  'status', status, 'total', n, 'sent', 0, 'failed', 0, 'blocked', 0, 'skipped', 0, 'retried', 0)
return 1
`)

// Start creates broadcast b (by its ID) to recipients and reports whether
// it was new. Starting an existing broadcast changes nothing.
func (bs *Broadcasts) Start(ctx context.Context, b Broadcast, recipients []bot.User) (bool, error) {
	meta, todo, _ := bs.keys(b.ID)
	args := []any{b.Kind, b.Event, b.Arg, ms(bs.now())}
	for _, u := range recipients {
		args = append(args, u.Key())
	}
	n, err := startScript.Run(ctx, bs.rdb, []string{meta, todo}, args...).Int()
	if err != nil {
		return false, fmt.Errorf("start broadcast %s: %w", b.ID, err)
	}
	// Indexed whether new or not: a start whose indexing failed is
	// repeated (a redelivered update) and must not leave the broadcast
	// where nobody sends or lists it.
	index := redis.Z{Score: float64(bs.now().UnixMilli()), Member: b.ID}
	if err := bs.rdb.ZAddNX(ctx, bs.st.Key("broadcasts"), index).Err(); err != nil {
		return n == 1, fmt.Errorf("index broadcast %s: %w", b.ID, err)
	}
	return n == 1, nil
}

// Get reads a broadcast and its progress; store.ErrNotFound when there is
// none.
func (bs *Broadcasts) Get(ctx context.Context, id string) (Broadcast, error) {
	meta, todo, inflight := bs.keys(id)
	pipe := bs.rdb.Pipeline()
	m := pipe.HGetAll(ctx, meta)
	nt := pipe.LLen(ctx, todo)
	ni := pipe.ZCard(ctx, inflight)
	if _, err := pipe.Exec(ctx); err != nil {
		return Broadcast{}, fmt.Errorf("read broadcast %s: %w", id, err)
	}
	v := m.Val()
	if len(v) == 0 {
		return Broadcast{}, store.ErrNotFound
	}
	num := func(k string) int { n, _ := strconv.Atoi(v[k]); return n }
	created, _ := strconv.ParseInt(v["created"], 10, 64)
	b := Broadcast{
		ID: id, Kind: v["kind"], Event: v["event"], Arg: v["arg"], Status: v["status"],
		Total: num("total"), Sent: num("sent"), Failed: num("failed"), Blocked: num("blocked"),
		Skipped: num("skipped"), Retried: num("retried"), Created: time.UnixMilli(created),
	}
	if b.Status == StatusRunning {
		b.Remaining = int(nt.Val() + ni.Val())
	}
	return b, nil
}

// List returns the broadcasts, newest first.
func (bs *Broadcasts) List(ctx context.Context) ([]Broadcast, error) {
	ids, err := bs.rdb.ZRevRange(ctx, bs.st.Key("broadcasts"), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list broadcasts: %w", err)
	}
	var out []Broadcast
	for _, id := range ids {
		b, err := bs.Get(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			// Expired after it ended.
			bs.rdb.ZRem(ctx, bs.st.Key("broadcasts"), id)
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// Cancel stops a running broadcast: no further message is sent; one in
// flight may still arrive.
func (bs *Broadcasts) Cancel(ctx context.Context, id string) error {
	meta, todo, inflight := bs.keys(id)
	b, err := bs.Get(ctx, id)
	if err != nil {
		return err
	}
	if b.Status != StatusRunning {
		return nil
	}
	_, err = bs.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, meta, "status", StatusCancelled)
		p.Del(ctx, todo, inflight, bs.holders(id))
		bs.expire(ctx, p, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("cancel broadcast %s: %w", id, err)
	}
	return nil
}

func (bs *Broadcasts) expire(ctx context.Context, p redis.Pipeliner, id string) {
	meta, todo, inflight := bs.keys(id)
	for _, k := range []string{meta, todo, inflight, bs.holders(id)} {
		p.Expire(ctx, k, bs.keep)
	}
}

// Forget removes a person from every broadcast still to send, for
// /loeschen.
func (bs *Broadcasts) Forget(ctx context.Context, u bot.User) error {
	ids, err := bs.rdb.ZRange(ctx, bs.st.Key("broadcasts"), 0, -1).Result()
	if err != nil {
		return fmt.Errorf("list broadcasts: %w", err)
	}
	for _, id := range ids {
		_, todo, inflight := bs.keys(id)
		if err := bs.rdb.LRem(ctx, todo, 0, u.Key()).Err(); err != nil {
			return fmt.Errorf("forget in broadcast %s: %w", id, err)
		}
		if err := bs.rdb.ZRem(ctx, inflight, u.Key()).Err(); err != nil {
			return fmt.Errorf("forget in broadcast %s: %w", id, err)
		}
		if err := bs.rdb.HDel(ctx, bs.holders(id), u.Key()).Err(); err != nil {
			return fmt.Errorf("forget in broadcast %s: %w", id, err)
		}
	}
	return nil
}
