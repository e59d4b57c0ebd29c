package datetext

import (
	"errors"
	"testing"
	"time"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := Berlin()
	if err != nil {
		t.Fatalf("Berlin: %v", err)
	}
	return loc
}

func TestParse(t *testing.T) {
	loc := berlin(t)
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, loc) }
	// Wednesday, 9 December 2026, 10:00.
	wed := at(2026, 12, 9, 10, 0)

	tests := []struct {
		in   string
		now  time.Time
		want time.Time
	}{
		{"12.12. 18:30", wed, at(2026, 12, 12, 18, 30)},
		{"12.12.2026 18:30", wed, at(2026, 12, 12, 18, 30)},
		{"12.12.26 18:30", wed, at(2026, 12, 12, 18, 30)},
		{"12.12. 18 Uhr", wed, at(2026, 12, 12, 18, 0)},
		{"18:30 12.12.", wed, at(2026, 12, 12, 18, 30)},
		{"18:30 Uhr, 12.12.", wed, at(2026, 12, 12, 18, 30)},
		{"am 12.12. um 19", wed, at(2026, 12, 12, 19, 0)},
		{"12.12 18:30", wed, at(2026, 12, 12, 18, 30)},
		{"12.12 18.30", wed, at(2026, 12, 12, 18, 30)},
		{"12.12. 19.30", wed, at(2026, 12, 12, 19, 30)},
		{"2026-12-12 18:30", wed, at(2026, 12, 12, 18, 30)},
		{"12. Dezember 19 Uhr", wed, at(2026, 12, 12, 19, 0)},
		{"12. Dez. 2026, 19 Uhr", wed, at(2026, 12, 12, 19, 0)},
		{"5.1. 19 Uhr", wed, at(2027, 1, 5, 19, 0)},   // next occurrence: next year
		{"9.12. 11 Uhr", wed, at(2026, 12, 9, 11, 0)}, // today, still ahead
		{"morgen 19 Uhr", wed, at(2026, 12, 10, 19, 0)},
		{"Morgen um 19:00", wed, at(2026, 12, 10, 19, 0)},
		{"19Uhr morgen", wed, at(2026, 12, 10, 19, 0)},
		{"morgen abend 8 Uhr", wed, at(2026, 12, 10, 20, 0)},
		{"übermorgen 19:30", wed, at(2026, 12, 11, 19, 30)},
		{"uebermorgen 19:30", wed, at(2026, 12, 11, 19, 30)},
		{"heute 20 Uhr", wed, at(2026, 12, 9, 20, 0)},
		{"Freitag 19 Uhr", wed, at(2026, 12, 11, 19, 0)},
		{"diesen Freitag 19 Uhr", wed, at(2026, 12, 11, 19, 0)}, // "nächsten Freitag": TestParseAsksWhichDay
		{"Fr 19.30", wed, at(2026, 12, 11, 19, 30)},
		{"Fr., 11.12.2026, 18:30 Uhr", wed, at(2026, 12, 11, 18, 30)},
		{"Sa 12.12. 18:30", wed, at(2026, 12, 12, 18, 30)},
		{"Mittwoch 19 Uhr", wed, at(2026, 12, 9, 19, 0)},           // today, still ahead
		{"Mittwoch 9 Uhr", wed, at(2026, 12, 16, 9, 0)},            // today, passed: next week
		{"nächsten Mittwoch 19 Uhr", wed, at(2026, 12, 16, 19, 0)}, // "nächsten" skips today
		{"Sonntag 11 Uhr", wed, at(2026, 12, 13, 11, 0)},
		{"19.30 Uhr", wed, at(2026, 12, 9, 19, 30)},
		{"19.30", wed, at(2026, 12, 9, 19, 30)},
		{"10:00", wed, at(2026, 12, 9, 10, 0)}, // now, to the minute, is not past
		{"31.12. 23:59", wed, at(2026, 12, 31, 23, 59)},
		{"1.1. 0:00", wed, at(2027, 1, 1, 0, 0)},
		{"29.02. 12 Uhr", at(2028, 1, 1, 0, 0), at(2028, 2, 29, 12, 0)},

		// Clocks go forward on 29.03.2026: 02:00–02:59 does not exist and is
		// moved forward by the hour of the gap.
		{"29.03. 02:30", at(2026, 3, 25, 10, 0), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"29.03.2026 2 Uhr", at(2026, 3, 25, 10, 0), time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)},
		{"29.03.2026 01:59", at(2026, 3, 25, 10, 0), time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC)},
		{"29.03.2026 03:00", at(2026, 3, 25, 10, 0), time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)},
		{"morgen 2:30", at(2026, 3, 28, 10, 0), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		// Clocks go back on 25.10.2026: 02:00–02:59 happens twice; the first
		// (CEST) is meant.
		{"25.10.2026 02:30", at(2026, 10, 20, 10, 0), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"Sonntag 2:30 Uhr", at(2026, 10, 20, 10, 0), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"25.10.2026 01:59", at(2026, 10, 20, 10, 0), time.Date(2026, 10, 24, 23, 59, 0, 0, time.UTC)},
		{"25.10.2026 03:00", at(2026, 10, 20, 10, 0), time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, tt.now, loc)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want.In(loc))
			}
			if got.Location() != loc {
				t.Errorf("Parse(%q) location = %v, want %v", tt.in, got.Location(), loc)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	loc := berlin(t)
	now := time.Date(2026, 12, 9, 10, 0, 0, 0, loc)

	tests := []struct {
		in   string
		want error
	}{
		{"", ErrUnparseable},
		{"irgendwann", ErrUnparseable},
		{"Freitag", ErrMissingTime},
		{"12.12.", ErrMissingTime},
		{"morgen", ErrMissingTime},
		{"31.02. 18 Uhr", ErrUnparseable},
		{"29.02.2027 18 Uhr", ErrUnparseable},
		{"25:00", ErrUnparseable},
		{"18:60", ErrUnparseable},
		{"Fr 12.12. 18 Uhr", ErrUnparseable}, // 12.12.2026 is a Saturday
		{"morgen Freitag 18 Uhr", ErrUnparseable},
		{"19 Uhr 20 Uhr", ErrUnparseable},
		{"12.12. 13.12. 18 Uhr", ErrUnparseable},
		{"morgen 12.12. 18 Uhr", ErrUnparseable},
		{"Uhr", ErrUnparseable},
		{"12.13. 18 Uhr", ErrUnparseable},
		{"heute 9 Uhr", ErrPast},
		{"9:59", ErrPast},
		{"9.12. 9 Uhr", ErrPast}, // today, passed: not next year
		{"1.1.2026 18 Uhr", ErrPast},
		{"8.12.2026 18 Uhr", ErrPast},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, now, loc)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) = %v, %v; want error %v", tt.in, got, err, tt.want)
			}
			var perr *ParseError
			if !errors.As(err, &perr) || perr.Input != tt.in {
				t.Errorf("Parse(%q) error %#v is not a *ParseError with the input", tt.in, err)
			}
		})
	}
}

func TestMissingTimeIsUnparseable(t *testing.T) {
	if !errors.Is(ErrMissingTime, ErrUnparseable) {
		t.Error("ErrMissingTime does not wrap ErrUnparseable")
	}
	_, err := Parse("morgen", time.Now(), berlin(t))
	if !errors.Is(err, ErrUnparseable) || errors.Is(err, ErrPast) {
		t.Errorf("Parse(morgen) error = %v", err)
	}
}

func TestParseInOtherLocation(t *testing.T) {
	// The location is the caller's choice; nothing assumes Berlin.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 9, 10, 0, 0, 0, ny)
	got, err := Parse("morgen 19 Uhr", now, ny)
	if want := time.Date(2026, 12, 10, 19, 0, 0, 0, ny); err != nil || !got.Equal(want) {
		t.Errorf("Parse = %v, %v; want %v", got, err, want)
	}
	// "now" given in another location is converted: 23:30 UTC is already
	// the next day in Berlin.
	loc := berlin(t)
	got, err = Parse("heute 20 Uhr", time.Date(2026, 12, 9, 23, 30, 0, 0, time.UTC), loc)
	if want := time.Date(2026, 12, 10, 20, 0, 0, 0, loc); err != nil || !got.Equal(want) {
		t.Errorf("Parse = %v, %v; want %v", got, err, want)
	}
}
