package datetext

import (
	"time"
	// The binary carries its own time zone database, so it works on a
	// minimal container image without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// BerlinName is the IANA name of the time zone the bot works in.
const BerlinName = "Europe/Berlin"

// Berlin loads the Europe/Berlin location from the time zone database that
// is embedded in the binary. Load it once at start-up and pass it on.
func Berlin() (*time.Location, error) {
	return time.LoadLocation(BerlinName)
}

// Date returns the instant at which clocks in loc show the given date and
// time, with the rules for daylight saving time described in the package
// documentation: a time in the gap when clocks go forward is moved forward by
// the length of the gap, and a time that occurs twice when clocks go back
// means the first occurrence. Unlike time.Date, the result does not depend on
// unspecified behaviour. Out-of-range values are normalised as by time.Date.
func Date(year int, month time.Month, day, hour, minute int, loc *time.Location) time.Time {
	// The wall time read as if it were UTC; an instant with offset o shows
	// this wall time exactly when it equals wall - o.
	wall := time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
	offsets := offsetsAround(wall, loc)

	var first time.Time
	found := false
	for _, o := range offsets {
		c := wall.Add(-time.Duration(o) * time.Second).In(loc)
		if _, co := c.Zone(); co != o {
			continue
		}
		if !found || c.Before(first) {
			first, found = c, true
		}
	}
	if found {
		return first
	}
	// A gap: read the wall time with the smallest offset nearby (the one
	// before clocks went forward), which lands after the gap.
	smallest := offsets[0]
	for _, o := range offsets[1:] {
		smallest = min(smallest, o)
	}
	return wall.Add(-time.Duration(smallest) * time.Second).In(loc)
}

// offsetsAround returns the distinct UTC offsets (in seconds) that loc uses
// within a day either side of the instant t.
func offsetsAround(t time.Time, loc *time.Location) []int {
	var offsets []int
	for h := -24; h <= 24; h += 6 {
		_, o := t.Add(time.Duration(h) * time.Hour).In(loc).Zone()
		seen := false
		for _, x := range offsets {
			seen = seen || x == o
		}
		if !seen {
			offsets = append(offsets, o)
		}
	}
	return offsets
}

// Ambiguous reports whether the wall-clock time of t (in t's location) occurs
// twice, because the clocks were set back around it. A local time such as
// "20261025T023000" in Europe/Berlin names such a moment only by convention.
func Ambiguous(t time.Time) bool {
	loc := t.Location()
	y, mo, d := t.Date()
	wall := time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	n := 0
	for _, o := range offsetsAround(wall, loc) {
		c := wall.Add(-time.Duration(o) * time.Second).In(loc)
		if _, co := c.Zone(); co == o {
			n++
		}
	}
	return n > 1
}
