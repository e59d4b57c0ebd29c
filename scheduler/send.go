package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/lease"
	"github.com/heimatbot/heimatbot/store"
)

// claimRecipient takes the next recipient of a running broadcast for
// holder ARGV[3]: first one whose claimer's lease ran out, else the next
// on the todo list. It marks the broadcast done when nobody is left.
// Returns the recipient with the broadcast's kind, event and arg (what a
// message is rendered from), or false when there is nobody to claim now.
var claimRecipient = redis.NewScript(`
local meta, todo, inflight, holders = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now, leaseEnd, holder = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', meta, 'status') ~= 'running' then return false end
local who
local exp = redis.call('ZRANGEBYSCORE', inflight, '-inf', now, 'LIMIT', 0, 1)
if #exp > 0 then
  who = exp[1]
  redis.call('HINCRBY', meta, 'retried', 1)
else
  who = redis.call('LPOP', todo)
  if not who then
    if redis.call('ZCARD', inflight) == 0 then redis.call('HSET', meta, 'status', 'done') end
    return false
  end
end
redis.call('ZADD', inflight, leaseEnd, who)
redis.call('HSET', holders, who, holder)
local b = redis.call('HMGET', meta, 'kind', 'event', 'arg')
return {who, b[1] or '', b[2] or '', b[3] or ''}
`)

// renewRecipient moves the end of the lease on recipient ARGV[1] to
// ARGV[3] if holder ARGV[2] still has them in flight.
var renewRecipient = redis.NewScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
return 1
`)

// confirmRecipient records the outcome of one send, once, by the holder
// (ARGV[3]) of the recipient's claim: a confirmation for a recipient no
// longer in flight (cancelled, forgotten) or claimed by another process
// after the lease ran out counts nothing.
var confirmRecipient = redis.NewScript(`
local meta, todo, inflight, holders = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('HGET', holders, ARGV[1]) == ARGV[3] then
  redis.call('HDEL', holders, ARGV[1])
  if redis.call('ZREM', inflight, ARGV[1]) == 1 then
    redis.call('HINCRBY', meta, ARGV[2], 1)
  end
end
if redis.call('HGET', meta, 'status') == 'running' and redis.call('LLEN', todo) == 0
  and redis.call('ZCARD', inflight) == 0 then
  redis.call('HSET', meta, 'status', 'done')
  return 1
end
return 0
`)

// Step sends one message of any running broadcast and reports whether it
// found one to send. The index keeps finished broadcasts for a while:
// their status is read for all in one round trip, and only running ones
// are tried.
func (bs *Broadcasts) Step(ctx context.Context) (bool, error) {
	ids, err := bs.rdb.ZRange(ctx, bs.st.Key("broadcasts"), 0, -1).Result()
	if err != nil {
		return false, fmt.Errorf("list broadcasts: %w", err)
	}
	status := make([]*redis.StringCmd, len(ids))
	_, err = bs.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			meta, _, _ := bs.keys(id)
			status[i] = p.HGet(ctx, meta, "status")
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("read broadcasts' status: %w", err)
	}
	for i, id := range ids {
		if status[i].Val() != StatusRunning {
			continue
		}
		sent, err := bs.stepOne(ctx, id)
		if err != nil || sent {
			return sent, err
		}
	}
	return false, nil
}

func (bs *Broadcasts) stepOne(ctx context.Context, id string) (bool, error) {
	meta, todo, inflight := bs.keys(id)
	keys := []string{meta, todo, inflight, bs.holders(id)}
	holder, since, now := lease.NewHolder(), time.Now(), bs.now()
	claim, err := claimRecipient.Run(ctx, bs.rdb, keys, ms(now), ms(now.Add(bs.lease)), holder).StringSlice()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim recipient of %s: %w", id, err)
	}
	who := claim[0]
	b := Broadcast{ID: id, Kind: claim[1], Event: claim[2], Arg: claim[3]}
	renew := func(ctx context.Context) (bool, error) {
		held, err := renewRecipient.Run(ctx, bs.rdb, []string{inflight, bs.holders(id)}, who, holder, ms(bs.now().Add(bs.lease))).Bool()
		if err != nil {
			return false, fmt.Errorf("renew recipient of %s: %w", id, err)
		}
		return held, nil
	}
	var result string
	sendErr := lease.While(ctx, bs.lease, since, renew, func(ctx context.Context) error {
		var err error
		result, err = bs.send(ctx, b, store.UserFromKey(who))
		return err
	})
	if ctx.Err() != nil {
		// Stopping: the recipient stays in flight and is sent after the
		// lease, by this process or another.
		return false, ctx.Err()
	}
	if errors.Is(sendErr, lease.ErrLost) {
		// Claimed by another process meanwhile, which sends and records.
		bs.log.Warn("broadcast recipient's lease lost", "broadcast", id, "err", sendErr)
		bs.observeSend(b, sendErr)
		return true, nil
	}
	done, err := confirmRecipient.Run(ctx, bs.rdb, keys, who, result, holder).Int()
	if err != nil {
		err = fmt.Errorf("confirm recipient of %s: %w", id, err)
		bs.observeSend(b, errors.Join(sendErr, err))
		return true, err
	}
	bs.observeSend(b, sendErr)
	if done == 1 {
		_, err := bs.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			bs.expire(ctx, p, id)
			return nil
		})
		if err != nil {
			bs.log.Warn("expire finished broadcast", "broadcast", id, "err", err)
		}
		bs.log.Info("broadcast finished", "broadcast", id, "kind", b.Kind)
	}
	return true, nil
}

func (bs *Broadcasts) observeSend(b Broadcast, err error) {
	if bs.observe != nil {
		bs.observe("broadcast:"+b.Kind, err)
	}
}

// send renders and sends one message and names the counter it adds to;
// for "failed" it returns why.
func (bs *Broadcasts) send(ctx context.Context, b Broadcast, to bot.User) (string, error) {
	m, ok, err := bs.render(ctx, b, to)
	if err != nil {
		bs.log.Warn("render broadcast message", "broadcast", b.ID, "err", err)
		return "failed", fmt.Errorf("render broadcast %s: %w", b.ID, err)
	}
	if !ok {
		return "skipped", nil
	}
	if bs.limit != nil {
		if err := bs.limit.Wait(ctx); err != nil {
			return "failed", err
		}
	}
	switch err := bs.out.Send(ctx, m); {
	case err == nil:
		return "sent", nil
	case errors.Is(err, bot.ErrUnreachable):
		// Noted in the profile whatever the platform, so no further
		// broadcast is tried until they write again.
		if err := bs.st.MarkUnreachable(ctx, to); err != nil {
			bs.log.Warn("mark unreachable", "broadcast", b.ID, "err", err)
		}
		return "blocked", nil
	default:
		bs.log.Warn("send broadcast message", "broadcast", b.ID, "err", err)
		return "failed", fmt.Errorf("send broadcast %s: %w", b.ID, err)
	}
}

// Drain sends until no running broadcast has anyone left to claim now.
// Recipients in flight elsewhere are not waited for.
func (bs *Broadcasts) Drain(ctx context.Context) error {
	for {
		sent, err := bs.Step(ctx)
		if err != nil || !sent {
			return err
		}
	}
}

// Run sends broadcasts until ctx ends.
func (bs *Broadcasts) Run(ctx context.Context) error {
	t := time.NewTicker(bs.poll)
	defer t.Stop()
	for {
		if err := bs.Drain(ctx); err != nil && ctx.Err() == nil {
			bs.log.Warn("send broadcasts", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
