// Package backoff spaces out the retries of calls to a platform: waits
// that double up to a bound, with jitter so that several replicas meeting
// the same failure do not retry in step, and a wait that ends with its
// context.
package backoff

import (
	"context"
	"math/rand/v2"
	"time"
)

// Wait is the wait before retry n (from 0): base doubled n times, at most
// max, and of that between half and all.
func Wait(n int, base, max time.Duration) time.Duration {
	d := base
	for range n {
		if d >= max {
			break
		}
		d *= 2
	}
	d = min(d, max)
	return d/2 + rand.N(d/2+1)
}

// Sleep waits d, or until ctx ends and then returns its error.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
