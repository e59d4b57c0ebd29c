package datetext

import (
	"errors"
	"testing"
	"time"
)

// Phrases said rather than written: counted days and weeks, next week's
// days, and times of day in words.
func TestParseSpokenPhrases(t *testing.T) {
	loc := berlin(t)
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, loc) }
	wed := at(2026, 12, 9, 10, 0) // a Wednesday
	mon := at(2026, 12, 7, 10, 0) // a Monday
	sun := at(2026, 12, 13, 10, 0)

	tests := []struct {
		in   string
		now  time.Time
		want time.Time
	}{
		{"in 2 Wochen 19 Uhr", wed, at(2026, 12, 23, 19, 0)},
		{"in zwei Wochen um 19:30", wed, at(2026, 12, 23, 19, 30)},
		{"in einer Woche 18 Uhr", wed, at(2026, 12, 16, 18, 0)},
		{"in 3 Tagen 18 Uhr", wed, at(2026, 12, 12, 18, 0)},
		{"19 Uhr in 2 Wochen", wed, at(2026, 12, 23, 19, 0)},
		{"übermorgen 19 Uhr", wed, at(2026, 12, 11, 19, 0)},
		{"nächste Woche Dienstag 18 Uhr", wed, at(2026, 12, 15, 18, 0)},
		{"nächste Woche Dienstag 18 Uhr", mon, at(2026, 12, 15, 18, 0)},
		{"nächste Woche Montag 18 Uhr", sun, at(2026, 12, 14, 18, 0)},
		{"Dienstag nächste Woche 18 Uhr", mon, at(2026, 12, 15, 18, 0)},
		{"naechste Woche am Sonntag um 11", wed, at(2026, 12, 20, 11, 0)},
		{"morgen halb acht", wed, at(2026, 12, 10, 7, 30)},
		{"morgen halb acht abends", wed, at(2026, 12, 10, 19, 30)},
		{"Freitag halb 8 abends", wed, at(2026, 12, 11, 19, 30)},
		{"morgen halb eins", wed, at(2026, 12, 10, 12, 30)},
		{"morgen viertel nach acht", wed, at(2026, 12, 10, 8, 15)},
		{"morgen viertel vor acht abends", wed, at(2026, 12, 10, 19, 45)},
		{"morgen viertel acht", wed, at(2026, 12, 10, 7, 15)},
		{"morgen dreiviertel acht", wed, at(2026, 12, 10, 7, 45)},
		{"morgen um acht", wed, at(2026, 12, 10, 8, 0)},
		{"morgen acht Uhr abends", wed, at(2026, 12, 10, 20, 0)},
		{"halb 20", wed, at(2026, 12, 9, 19, 30)},
		// "nächsten" with the day still to come next week, or today, is clear.
		{"nächsten Dienstag 18 Uhr", wed, at(2026, 12, 15, 18, 0)},
		{"nächsten Mittwoch 18 Uhr", wed, at(2026, 12, 16, 18, 0)},
		{"nächsten Montag 18 Uhr", sun, at(2026, 12, 14, 18, 0)},
		// A plain weekday is the next one.
		{"Dienstag 18 Uhr", mon, at(2026, 12, 8, 18, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, tt.now, loc)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAsksWhichDay(t *testing.T) {
	loc := berlin(t)
	at := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, loc) }
	mon, wed, sat := at(7, 10), at(9, 10), at(12, 10)
	tests := []struct {
		in   string
		now  time.Time
		want []time.Time
	}{
		{"nächsten Dienstag 19 Uhr", mon, []time.Time{at(8, 19), at(15, 19)}},
		{"nächsten Freitag 19 Uhr", wed, []time.Time{at(11, 19), at(18, 19)}},
		{"nächsten Sonntag 11 Uhr", mon, []time.Time{at(13, 11), at(20, 11)}},
		{"nächsten Sonntag 11 Uhr", sat, []time.Time{at(13, 11), at(20, 11)}},
	}
	for _, tt := range tests {
		t.Run(tt.in+" "+tt.now.Weekday().String(), func(t *testing.T) {
			_, err := Parse(tt.in, tt.now, loc)
			if !errors.Is(err, ErrAmbiguous) {
				t.Fatalf("Parse(%q) error = %v, want ErrAmbiguous", tt.in, err)
			}
			var amb *AmbiguousError
			if !errors.As(err, &amb) {
				t.Fatalf("Parse(%q) error %v carries no *AmbiguousError", tt.in, err)
			}
			var perr *ParseError
			if !errors.As(err, &perr) || perr.Input != tt.in {
				t.Errorf("Parse(%q) error %#v is not a *ParseError with the input", tt.in, err)
			}
			if len(amb.Candidates) != len(tt.want) {
				t.Fatalf("candidates %v, want %v", amb.Candidates, tt.want)
			}
			for i := range tt.want {
				if !amb.Candidates[i].Equal(tt.want[i]) || amb.Candidates[i].Location() != loc {
					t.Errorf("candidate %d = %v, want %v", i, amb.Candidates[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseSpokenPhraseErrors(t *testing.T) {
	loc := berlin(t)
	wed := time.Date(2026, 12, 9, 10, 0, 0, 0, loc)
	tests := []struct {
		in   string
		want error
	}{
		{"in 2 Wochen", ErrMissingTime},
		{"nächste Woche Dienstag", ErrMissingTime},
		{"nächste Woche 19 Uhr", ErrUnparseable},
		{"nächste Woche 12.12. 19 Uhr", ErrUnparseable},
		{"in 2 Wochen morgen 19 Uhr", ErrUnparseable},
		{"in viele Wochen 19 Uhr", ErrUnparseable},
		{"in 0 Tagen 19 Uhr", ErrUnparseable},
		{"halb", ErrUnparseable},
		{"morgen halb", ErrUnparseable},
		{"morgen halb 0", ErrUnparseable},
		{"morgen viertel nach", ErrUnparseable},
		{"morgen halb acht 19 Uhr", ErrUnparseable},
		{"heute halb acht", ErrPast},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, wed, loc)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) = %v, %v; want error %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseEndAsksWhichDay(t *testing.T) {
	loc := berlin(t)
	start := time.Date(2026, 12, 7, 18, 0, 0, 0, loc) // a Monday
	_, err := ParseEnd("bis nächsten Dienstag 12 Uhr", start)
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("ParseEnd error = %v, want an *AmbiguousError with two days", err)
	}
	got, err := ParseEnd("bis übermorgen halb acht abends", start)
	if want := time.Date(2026, 12, 9, 19, 30, 0, 0, loc); err != nil || !got.Equal(want) {
		t.Errorf("ParseEnd = %v, %v; want %v", got, err, want)
	}
}
