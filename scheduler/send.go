package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// claimRecipient takes the next recipient of a running broadcast: first one
// whose claimer's lease ran out, else the next on the todo list. It marks
// the broadcast done when nobody is left. Returns the recipient with the
// broadcast's kind, event and arg (what a message is rendered from), or
// false when there is nobody to claim now.
var claimRecipient = redis.NewScript(`
local meta, todo, inflight = KEYS[1], KEYS[2], KEYS[3]
local now, leaseEnd = ARGV[1], ARGV[2]
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
local b = redis.call('HMGET', meta, 'kind', 'event', 'arg')
return {who, b[1] or '', b[2] or '', b[3] or ''}
`)

// confirmRecipient records the outcome of one send, once: a confirmation
// for a recipient no longer in flight (cancelled, forgotten) counts nothing.
var confirmRecipient = redis.NewScript(`
local meta, todo, inflight = KEYS[1], KEYS[2], KEYS[3]
if redis.call('ZREM', inflight, ARGV[1]) == 1 then
  redis.call('HINCRBY', meta, ARGV[2], 1)
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
	now := bs.now()
	claim, err := claimRecipient.Run(ctx, bs.rdb, []string{meta, todo, inflight}, ms(now), ms(now.Add(bs.lease))).StringSlice()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim recipient of %s: %w", id, err)
	}
	who := claim[0]
	b := Broadcast{ID: id, Kind: claim[1], Event: claim[2], Arg: claim[3]}
	result, sendErr := bs.send(ctx, b, store.UserFromKey(who))
	if ctx.Err() != nil {
		// Stopping: the recipient stays in flight and is sent after the
		// lease, by this process or another.
		return false, ctx.Err()
	}
	done, err := confirmRecipient.Run(ctx, bs.rdb, []string{meta, todo, inflight}, who, result).Int()
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
