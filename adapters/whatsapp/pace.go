package whatsapp

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// Pace is how fast the adapter sends: messages per second for the phone
// number (shared by every replica) and, per recipient, one message every
// PairEvery after a burst of PairBurst.
type Pace struct {
	PerSecond float64
	Burst     int
	PairEvery time.Duration
	PairBurst int
}

// DefaultPace is PaceFor Meta's default throughput of 80 messages per
// second.
func DefaultPace() Pace { return PaceFor(80) }

// PaceFor keeps 2.5 % below a number's throughput (messages per second,
// counted by Meta over any second), evenly spaced without bursts, so that
// jitter on the way cannot put a 81st message into Meta's second; and,
// per recipient, Meta's pair rate of about one message every 6 seconds
// after a short burst, as a conversation needs.
func PaceFor(throughput float64) Pace {
	return Pace{PerSecond: throughput * 0.975, Burst: 1, PairEvery: 6 * time.Second, PairBurst: 20}
}

// pacer hands out sending slots through Redis, so all replicas keep one
// pace: each slot is a moment no earlier than the last slot plus the
// interval, allowed to lag behind now by the burst.
type pacer struct {
	st     *store.Store
	p      Pace
	secret []byte
	sleep  func(context.Context, time.Duration) error
}

func newPacer(st *store.Store, p Pace, secret string, sleep func(context.Context, time.Duration) error) *pacer {
	return &pacer{st: st, p: p, secret: []byte(secret), sleep: sleep}
}

// pairKey is a recipient's pace, named by a keyed hash of their number:
// it outlives /loeschen by the two minutes it lasts (the goodbye is paced
// too), so it must not hold the number.
func (p *pacer) pairKey(u bot.User) string {
	mac := hmac.New(sha256.New, p.secret)
	mac.Write([]byte(u.ID))
	return p.st.Key("whatsapp", "pace", hex.EncodeToString(mac.Sum(nil)[:12]))
}

// slot reserves the next slot on KEYS[1] and returns how many
// microseconds to wait for it. ARGV: interval and burst, in µs. The
// clock is Redis's, the same for every replica.
var slot = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
if next < now - burst then next = now - burst end
redis.call('SET', KEYS[1], next + interval, 'PX', math.floor((burst + interval) / 1000) + 1000)
if next > now then return next - now end
return 0`)

// wait returns when a message to u may go: first u's turn, then the
// number's, so no total capacity is held while one person waits.
func (p *pacer) wait(ctx context.Context, u bot.User) error {
	if p.p.PairEvery > 0 {
		if err := p.take(ctx, p.pairKey(u), p.p.PairEvery, p.p.PairBurst); err != nil {
			return err
		}
	}
	if p.p.PerSecond > 0 {
		return p.take(ctx, p.st.Key("whatsapp", "pace"), time.Duration(float64(time.Second)/p.p.PerSecond), p.p.Burst)
	}
	return nil
}

func (p *pacer) take(ctx context.Context, key string, interval time.Duration, burst int) error {
	us, err := slot.Run(ctx, p.st.Client(), []string{key},
		interval.Microseconds(), int64(max(burst-1, 0))*interval.Microseconds()).Int64()
	if err != nil {
		return fmt.Errorf("whatsapp pace: %w", err)
	}
	if us > 0 {
		return p.sleep(ctx, time.Duration(us)*time.Microsecond)
	}
	return nil
}
