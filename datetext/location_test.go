package datetext

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	loc := berlin(t)
	utc := func(mo time.Month, d, h, mi int) time.Time { return time.Date(2026, mo, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		name             string
		mo               time.Month
		d, h, mi         int
		want             time.Time
		wantAbbr         string
		wantAmbiguousOut bool
	}{
		{"winter", time.January, 15, 12, 0, utc(1, 15, 11, 0), "CET", false},
		{"summer", time.July, 15, 12, 0, utc(7, 15, 10, 0), "CEST", false},
		{"before the gap", time.March, 29, 1, 59, utc(3, 29, 0, 59), "CET", false},
		{"in the gap: moved forward", time.March, 29, 2, 30, utc(3, 29, 1, 30), "CEST", false},
		{"gap start: moved forward", time.March, 29, 2, 0, utc(3, 29, 1, 0), "CEST", false},
		{"after the gap", time.March, 29, 3, 0, utc(3, 29, 1, 0), "CEST", false},
		{"before the overlap", time.October, 25, 1, 59, utc(10, 24, 23, 59), "CEST", false},
		{"overlap: first occurrence", time.October, 25, 2, 0, utc(10, 25, 0, 0), "CEST", true},
		{"overlap middle: first occurrence", time.October, 25, 2, 30, utc(10, 25, 0, 30), "CEST", true},
		{"after the overlap", time.October, 25, 3, 0, utc(10, 25, 2, 0), "CET", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Date(2026, tt.mo, tt.d, tt.h, tt.mi, loc)
			if !got.Equal(tt.want) {
				t.Errorf("Date = %v, want %v", got, tt.want)
			}
			if abbr, _ := got.Zone(); abbr != tt.wantAbbr {
				t.Errorf("Date zone = %s, want %s", abbr, tt.wantAbbr)
			}
			if a := Ambiguous(got); a != tt.wantAmbiguousOut {
				t.Errorf("Ambiguous(%v) = %v, want %v", got, a, tt.wantAmbiguousOut)
			}
		})
	}
}

func TestAmbiguousSecondOccurrence(t *testing.T) {
	loc := berlin(t)
	second := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC).In(loc) // 02:30 CET
	if !Ambiguous(second) {
		t.Errorf("Ambiguous(%v) = false, want true", second)
	}
	if Ambiguous(second.In(time.UTC)) {
		t.Error("a UTC time is never ambiguous")
	}
}
