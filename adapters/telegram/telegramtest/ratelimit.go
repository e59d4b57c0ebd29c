package telegramtest

import (
	"math"
	"strings"
	"time"
)

// RateLimits models Telegram's flood limits on sending messages. A zero
// rate disables that limit.
type RateLimits struct {
	GlobalPerSecond float64 // messages per second over all chats
	GlobalBurst     int
	PrivatePerSec   float64 // messages per second to one private chat
	PrivateBurst    int
	GroupPerMinute  float64 // messages per minute to one group
	GroupBurst      int
}

// TelegramRateLimits are the limits Telegram documents: about 30 messages
// per second overall, 1 per second per private chat (with a small burst)
// and 20 per minute per group.
func TelegramRateLimits() RateLimits {
	return RateLimits{
		GlobalPerSecond: 30, GlobalBurst: 30,
		PrivatePerSec: 1, PrivateBurst: 3,
		GroupPerMinute: 20, GroupBurst: 20,
	}
}

// isSend reports whether a method sends a message and so counts towards
// the flood limits (chat actions do not).
func isSend(method string) bool {
	return strings.HasPrefix(method, "send") && method != "sendChatAction" ||
		method == "copyMessage" || method == "forwardMessage"
}

// bucket is a token bucket refilled continuously.
type bucket struct {
	tokens float64
	last   time.Time
	rate   float64 // tokens per second
	burst  float64
}

func newBucket(rate float64, burst int, now time.Time) *bucket {
	return &bucket{tokens: float64(max(burst, 1)), last: now, rate: rate, burst: float64(max(burst, 1))}
}

// wait refills the bucket and returns how long until a token is available.
func (b *bucket) wait(now time.Time) time.Duration {
	if b == nil || b.rate <= 0 {
		return 0
	}
	if now.After(b.last) {
		b.tokens = math.Min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

func (b *bucket) take() {
	if b != nil && b.rate > 0 {
		b.tokens--
	}
}

// limiter holds the global bucket and one per chat.
type limiter struct {
	limits RateLimits
	global *bucket
	chats  map[int64]*bucket
}

func newLimiter(l RateLimits) *limiter {
	return &limiter{limits: l, chats: map[int64]*bucket{}}
}

// take consumes a token for a message to chatID, or returns the whole
// seconds to wait (Telegram's retry_after) without consuming any.
func (l *limiter) take(chatID int64, now time.Time) int {
	if l.global == nil {
		l.global = newBucket(l.limits.GlobalPerSecond, l.limits.GlobalBurst, now)
	}
	c, ok := l.chats[chatID]
	if !ok {
		if chatID > 0 {
			c = newBucket(l.limits.PrivatePerSec, l.limits.PrivateBurst, now)
		} else {
			c = newBucket(l.limits.GroupPerMinute/60, l.limits.GroupBurst, now)
		}
		l.chats[chatID] = c
	}
	wait := max(l.global.wait(now), c.wait(now))
	if wait > 0 {
		return int(math.Ceil(wait.Seconds()))
	}
	l.global.take()
	c.take()
	return 0
}
