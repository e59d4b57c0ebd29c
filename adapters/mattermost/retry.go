package mattermost

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/backoff"
)

// APIError is a failed call to the Mattermost API: its HTTP status (0 when
// the server was not reached) and, for 429, how long the server asked to
// wait.
type APIError struct {
	Op         string
	Status     int
	RetryAfter time.Duration
	Err        error
}

func (e *APIError) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("mattermost %s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("mattermost %s: status %d: %v", e.Op, e.Status, e.Err)
}

func (e *APIError) Unwrap() error { return e.Err }

// temporary reports whether trying again may help: rate limits, server
// errors and network failures.
func (e *APIError) temporary() bool {
	return e.Status == 0 || e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// retryPolicy bounds the retries of one call and counts them.
type retryPolicy struct {
	attempts int
	base     time.Duration
	max      time.Duration
	sleep    func(ctx context.Context, d time.Duration) error
	counts   *retryCounts
}

// retryCounts are the 429 answers waited out and the retries made, for
// the metrics.
type retryCounts struct {
	rateLimited, retried atomic.Int64
}

// Throttling reports the 429 answers waited out and all retries made
// (after 429s, server and network errors), for the metrics: the same
// figures the Telegram adapter reports.
func (a *Adapter) Throttling() (rateLimited, retried int64) {
	c := a.retry.counts
	return c.rateLimited.Load(), c.retried.Load()
}

// call runs fn until it succeeds, fails for good, or the attempts are used
// up. A 429 waits as long as the server asks (Retry-After, else
// X-Ratelimit-Reset); server and network errors wait with exponential
// backoff, jittered so that replicas do not retry in step.
func (p retryPolicy) call(ctx context.Context, op string, fn func(ctx context.Context) (*model.Response, error)) error {
	var last *APIError
	for attempt := range p.attempts {
		resp, err := fn(ctx)
		if err == nil {
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("mattermost %s: %w", op, ctxErr)
		}
		last = apiError(op, resp, err)
		if last.Status == http.StatusTooManyRequests && p.counts != nil {
			p.counts.rateLimited.Add(1)
		}
		if !last.temporary() || attempt == p.attempts-1 {
			break
		}
		if p.counts != nil {
			p.counts.retried.Add(1)
		}
		wait := last.RetryAfter
		if wait <= 0 {
			wait = backoff.Wait(attempt, p.base, p.max)
		}
		if err := p.sleep(ctx, wait); err != nil {
			return fmt.Errorf("mattermost %s: %w", op, err)
		}
	}
	return last
}

func apiError(op string, resp *model.Response, err error) *APIError {
	e := &APIError{Op: op, Err: err}
	if resp == nil {
		return e
	}
	e.Status = resp.StatusCode
	if e.Status == http.StatusTooManyRequests {
		e.RetryAfter = retryAfter(resp.Header)
	}
	return e
}

// retryAfter reads how long a rate-limited client must wait. Mattermost
// sends both headers in whole seconds.
func retryAfter(h http.Header) time.Duration {
	for _, name := range []string{"Retry-After", "X-Ratelimit-Reset"} {
		if n, err := strconv.Atoi(h.Get(name)); err == nil && n >= 0 {
			return max(time.Duration(n)*time.Second, time.Second)
		}
	}
	return time.Second
}

// isStatus reports whether err is an APIError with one of the statuses.
func isStatus(err error, statuses ...int) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	for _, s := range statuses {
		if ae.Status == s {
			return true
		}
	}
	return false
}
