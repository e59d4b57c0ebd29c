package datetext

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	loc := berlin(t)
	tests := []struct {
		t           time.Time
		de, en, hhm string
	}{
		{time.Date(2026, 12, 11, 18, 30, 0, 0, loc), "Fr., 11.12.2026, 18:30 Uhr", "Fri, 11 Dec 2026, 18:30", "18:30 Uhr"},
		{time.Date(2027, 1, 3, 9, 5, 0, 0, loc), "So., 03.01.2027, 09:05 Uhr", "Sun, 3 Jan 2027, 09:05", "09:05 Uhr"},
		// Formatting uses the time's own location.
		{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC).In(loc), "So., 25.10.2026, 02:30 Uhr", "Sun, 25 Oct 2026, 02:30", "02:30 Uhr"},
	}
	for _, tt := range tests {
		if got := Format(tt.t); got != tt.de {
			t.Errorf("Format(%v) = %q, want %q", tt.t, got, tt.de)
		}
		if got := FormatEnglish(tt.t); got != tt.en {
			t.Errorf("FormatEnglish(%v) = %q, want %q", tt.t, got, tt.en)
		}
		if got := FormatTime(tt.t); got != tt.hhm {
			t.Errorf("FormatTime(%v) = %q, want %q", tt.t, got, tt.hhm)
		}
	}
}

func TestFormatParsesBack(t *testing.T) {
	loc := berlin(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	for _, want := range []time.Time{
		time.Date(2026, 12, 11, 18, 30, 0, 0, loc),
		time.Date(2026, 3, 29, 3, 30, 0, 0, loc),
		time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC).In(loc), // first 02:30
		time.Date(2027, 2, 28, 23, 59, 0, 0, loc),
	} {
		got, err := Parse(Format(want), now, loc)
		if err != nil || !got.Equal(want) {
			t.Errorf("Parse(Format(%v)) = %v, %v", want, got, err)
		}
	}
}

func TestFormatSpoken(t *testing.T) {
	loc := berlin(t)
	now := time.Date(2026, 12, 7, 17, 0, 0, 0, loc)
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 8, 19, 0, 0, 0, loc), "Dienstag, 8. Dezember, um 19 Uhr"},
		{time.Date(2026, 12, 11, 18, 30, 0, 0, loc), "Freitag, 11. Dezember, um 18:30 Uhr"},
		{time.Date(2027, 1, 1, 9, 5, 0, 0, loc), "Freitag, 1. Januar 2027, um 9:05 Uhr"},
	} {
		if got := FormatSpoken(tc.t, now); got != tc.want {
			t.Errorf("FormatSpoken(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}
