// Package schedulertest runs broadcasts to their end in tests, as a
// replica's worker does.
package schedulertest

import (
	"context"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/scheduler"
)

// Finish sends broadcast id with bs until it no longer runs, waiting out
// the lease of a process that died holding a recipient.
func Finish(t testing.TB, bs *scheduler.Broadcasts, id string) {
	t.Helper()
	ctx := context.Background()
	for {
		if err := bs.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		b, err := bs.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if b.Status != scheduler.StatusRunning {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
