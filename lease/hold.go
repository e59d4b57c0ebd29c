package lease

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrLost is the cause a held context ends with when another process
// holds the claim or this one can no longer be sure it does.
var ErrLost = errors.New("lease lost")

// Renew extends a claim if this process still holds it; held false means
// another process has it.
type Renew func(ctx context.Context) (held bool, err error)

// sure is how long after sending a renewal that Redis confirmed a process
// counts on holding a claim of ttl: two thirds of it.
func sure(ttl time.Duration) time.Duration { return ttl - ttl/3 }

// Hold renews a claim of ttl every ttl/3, starting from one taken or
// renewed at since, until ctx ends. It calls lost and returns as soon as
// this process can no longer be sure it holds the claim: when renew says
// another one does, or when sure(ttl) has passed since the last renewal
// Redis confirmed. A renewal that fails is tried again soon (every
// ttl/15) until then; one that hangs does not hold Hold up.
func Hold(ctx context.Context, ttl time.Duration, since time.Time, renew Renew, lost context.CancelCauseFunc) {
	unsure := time.NewTimer(time.Until(since.Add(sure(ttl))))
	defer unsure.Stop()
	next := time.NewTimer(ttl / 3)
	defer next.Stop()
	var (
		result  chan renewal // set while a renewal is under way
		lastErr error
	)
	for {
		select {
		case <-ctx.Done():
			return
		case <-unsure.C:
			cause := fmt.Errorf("%w: no renewal confirmed within %s", ErrLost, sure(ttl))
			if lastErr != nil {
				cause = fmt.Errorf("%w: %w", cause, lastErr)
			}
			lost(cause)
			return
		case <-next.C:
			result = make(chan renewal, 1)
			go func() {
				sent := time.Now()
				held, err := renew(ctx)
				result <- renewal{sent: sent, held: held, err: err}
			}()
		case r := <-result:
			result = nil
			switch {
			case r.err != nil:
				// A short blip of Redis should not end the work.
				lastErr = r.err
				next.Reset(ttl / 15)
			case !r.held:
				lost(ErrLost)
				return
			default:
				since, lastErr = r.sent, nil
				unsure.Reset(time.Until(since.Add(sure(ttl))))
				next.Reset(ttl / 3)
			}
		}
	}
}

// renewal is the outcome of one renewal: whether this process still held
// the claim, and when the request was sent.
type renewal struct {
	sent time.Time
	held bool
	err  error
}

// While runs work under a claim of ttl taken at since, renewing it until
// work returns. work's context ends with cause ErrLost when the claim is
// lost; While then returns work's error joined with that cause, so
// errors.Is(err, ErrLost) tells the caller not to record the work as its
// own.
func While(ctx context.Context, ttl time.Duration, since time.Time, renew Renew, work func(ctx context.Context) error) error {
	held, lose := context.WithCancelCause(ctx)
	defer lose(nil)
	holding, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		Hold(holding, ttl, since, renew, lose)
	}()
	err := work(held)
	stop()
	<-done
	if cause := context.Cause(held); errors.Is(cause, ErrLost) {
		return errors.Join(err, cause)
	}
	return err
}
