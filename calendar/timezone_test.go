package calendar

import (
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/datetext"
)

// TestBerlinTimezoneMatchesTZData checks the fixed VTIMEZONE rules (summer
// time from the last Sunday of March, 01:00 UTC, to the last Sunday of
// October, 01:00 UTC) against Go's time zone database.
func TestBerlinTimezoneMatchesTZData(t *testing.T) {
	loc, err := datetext.Berlin()
	if err != nil {
		t.Fatal(err)
	}
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC) // last day of m, 01:00 UTC
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	offset := func(t time.Time) int { _, o := t.In(loc).Zone(); return o }
	for y := 2024; y <= 2040; y++ {
		for _, c := range []struct {
			at           time.Time
			before, from int
		}{
			{lastSunday(y, time.March), 3600, 7200},
			{lastSunday(y, time.October), 7200, 3600},
		} {
			if b, a := offset(c.at.Add(-time.Second)), offset(c.at); b != c.before || a != c.from {
				t.Errorf("%v: offsets %d then %d, want %d then %d", c.at, b, a, c.before, c.from)
			}
		}
	}
}
