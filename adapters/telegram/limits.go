package telegram

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are flood limits: messages per second in total, per private chat
// and per group, each with a burst. rate.Inf switches one off.
type Limits struct {
	Total        rate.Limit
	TotalBurst   int
	Private      rate.Limit
	PrivateBurst int
	Group        rate.Limit
	GroupBurst   int
}

// TelegramLimits keep a little below what Telegram documents: about 30
// messages per second in total, one per second per private chat with
// short bursts, 20 per minute per group.
func TelegramLimits() Limits {
	return Limits{
		Total: 28, TotalBurst: 20,
		Private: 1, PrivateBurst: 3,
		Group: rate.Every(3 * time.Second), GroupBurst: 3,
	}
}

// Unlimited switches every limit off, for benchmarks against a fake.
func Unlimited() Limits {
	return Limits{Total: rate.Inf, Private: rate.Inf, Group: rate.Inf}
}

// limiter makes senders wait their turn. Waiting goes through the
// injected clock and sleep, so tests need not wait.
type limiter struct {
	l     Limits
	now   func() time.Time
	sleep func(context.Context, time.Duration) error

	mu    sync.Mutex
	total *rate.Limiter
	chats map[int64]*rate.Limiter
	prune int
}

// pruneAt is how many chat limiters are kept before idle ones are dropped.
const pruneAt = 10_000

func newLimiter(l Limits, now func() time.Time, sleep func(context.Context, time.Duration) error) *limiter {
	return &limiter{
		l: l, now: now, sleep: sleep,
		total: rate.NewLimiter(l.Total, max(l.TotalBurst, 1)),
		chats: map[int64]*rate.Limiter{},
		prune: pruneAt,
	}
}

// wait returns when a message to chat may go out: first the chat's turn,
// then the total's, so no total capacity is held while a chat waits.
func (l *limiter) wait(ctx context.Context, chat int64) error {
	if err := l.take(ctx, l.chat(chat)); err != nil {
		return err
	}
	return l.take(ctx, l.total)
}

func (l *limiter) take(ctx context.Context, lim *rate.Limiter) error {
	// The clock is read under the lock, so the limiter sees time in
	// order: a reservation at an older time would hand out extra tokens.
	l.mu.Lock()
	now := l.now()
	r := lim.ReserveN(now, 1)
	l.mu.Unlock()
	if !r.OK() {
		return nil // a burst of zero means no limit was configured
	}
	if d := r.DelayFrom(now); d > 0 {
		if err := l.sleep(ctx, d); err != nil {
			r.CancelAt(l.now())
			return err
		}
	}
	return nil
}

// chat returns the limiter of a chat: users have positive ids, groups
// negative ones.
func (l *limiter) chat(id int64) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lim, ok := l.chats[id]; ok {
		return lim
	}
	if len(l.chats) >= l.prune {
		now := l.now()
		for k, lim := range l.chats {
			if lim.TokensAt(now) >= float64(lim.Burst()) {
				delete(l.chats, k)
			}
		}
		l.prune = max(pruneAt, 2*len(l.chats))
	}
	lim := rate.NewLimiter(l.l.Private, max(l.l.PrivateBurst, 1))
	if id < 0 {
		lim = rate.NewLimiter(l.l.Group, max(l.l.GroupBurst, 1))
	}
	l.chats[id] = lim
	return lim
}
