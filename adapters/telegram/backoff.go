package telegram

import (
	"math/rand/v2"
	"time"
)

// backoff is the wait before retry n (from 0): doubling from half a
// second up to half a minute, with jitter so replicas do not retry in step.
func backoff(n int) time.Duration {
	d := 500 * time.Millisecond << min(n, 6)
	d = min(d, 30*time.Second)
	return d/2 + rand.N(d/2+1)
}
