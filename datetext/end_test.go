package datetext

import (
	"errors"
	"testing"
	"time"
)

func TestParseEnd(t *testing.T) {
	loc := berlin(t)
	at := func(mo time.Month, d, h, mi int) time.Time { return time.Date(2026, mo, d, h, mi, 0, 0, loc) }
	evening := at(12, 12, 18, 30)
	late := at(12, 12, 22, 0)

	tests := []struct {
		in    string
		start time.Time
		want  time.Time
	}{
		{"bis 20 Uhr", evening, at(12, 12, 20, 0)},
		{"20:00", evening, at(12, 12, 20, 0)},
		{"Bis 20", evening, at(12, 12, 20, 0)},
		{"bis 21.30 Uhr", evening, at(12, 12, 21, 30)},
		{"- 21:30", evening, at(12, 12, 21, 30)},
		{"2 Stunden", evening, at(12, 12, 20, 30)},
		{"1,5 h", evening, at(12, 12, 20, 0)},
		{"90 min", evening, at(12, 12, 20, 0)},
		{"bis 2 Uhr", late, at(12, 13, 2, 0)}, // past midnight
		{"bis 13.12. 2 Uhr", late, at(12, 13, 2, 0)},
		{"bis morgen 10 Uhr", late, at(12, 13, 10, 0)},
		// Over the nights the clocks change, the end is a wall-clock time
		// and the event lasts the real hours between.
		{"bis 4 Uhr", at(3, 29, 1, 0), time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC)},
		{"3 Stunden", at(3, 29, 1, 0), time.Date(2026, 3, 29, 3, 0, 0, 0, time.UTC)},
		{"bis 3 Uhr", at(10, 25, 1, 0), time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC)},
		{"bis 2:30", at(10, 25, 1, 0), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseEnd(tt.in, tt.start)
			if err != nil {
				t.Fatalf("ParseEnd(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseEnd(%q) = %v, want %v", tt.in, got, tt.want.In(loc))
			}
		})
	}
}

func TestParseEndErrors(t *testing.T) {
	loc := berlin(t)
	start := time.Date(2026, 12, 12, 18, 30, 0, 0, loc)
	tests := []struct {
		in   string
		want error
	}{
		{"bis 18 Uhr", ErrEndBeforeStart}, // the next day would be 23.5 hours
		{"18:30", ErrEndBeforeStart},      // same as the start
		{"bis 7 Uhr", ErrEndBeforeStart},  // the next day would be 12.5 hours
		{"bis 12.12. 17 Uhr", ErrEndBeforeStart},
		{"0 Stunden", ErrUnparseable},
		{"bald", ErrUnparseable},
		{"bis morgen", ErrMissingTime},
		{"", ErrUnparseable},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseEnd(tt.in, start)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseEnd(%q) = %v, %v; want error %v", tt.in, got, err, tt.want)
			}
		})
	}
}
