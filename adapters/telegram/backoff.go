package telegram

import (
	"time"

	"github.com/heimatbot/heimatbot/backoff"
)

// retryWait is the wait before retry n (from 0) of a call that failed:
// doubling from half a second up to half a minute, with jitter.
func retryWait(n int) time.Duration { return backoff.Wait(n, 500*time.Millisecond, 30*time.Second) }
