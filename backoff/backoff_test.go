package backoff_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/backoff"
)

func TestWaitDoublesUpToItsBoundWithJitter(t *testing.T) {
	const base, max = 500 * time.Millisecond, 30 * time.Second
	tests := []struct {
		n      int
		lo, hi time.Duration
	}{
		{0, 250 * time.Millisecond, 500 * time.Millisecond},
		{1, 500 * time.Millisecond, time.Second},
		{3, 2 * time.Second, 4 * time.Second},
		{6, 15 * time.Second, 30 * time.Second},
		{60, 15 * time.Second, 30 * time.Second}, // no overflow
	}
	for _, tt := range tests {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := backoff.Wait(tt.n, base, max)
			if d < tt.lo || d > tt.hi {
				t.Fatalf("Wait(%d) = %s, want %s – %s", tt.n, d, tt.lo, tt.hi)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("Wait(%d) always %v: no jitter", tt.n, seen)
		}
	}
}

func TestSleepEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := backoff.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep on an ended context = %v", err)
	}
	if err := backoff.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
}
