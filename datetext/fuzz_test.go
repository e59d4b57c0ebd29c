package datetext_test

import (
	"errors"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/datetext"
)

var fuzzNow = time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC)

// An organizer's start date, and an event's end, as typed.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"12.12. 18:30", "12.12.2026 18:30", "12.12.26 18 Uhr", "18:30 12.12.", "morgen 19 Uhr",
		"übermorgen 19:30", "heute 20 Uhr", "Freitag 19 Uhr", "nächsten Freitag 19.30 Uhr", "Fr., 11.12.2026, 18:30 Uhr",
		"12. Dezember 19 Uhr", "29.2. 10 Uhr", "31.4. 10:00", "2026-12-12 18:00", "abends 7", "12.12", "99:99", "0.0.0000 0 uhr",
		"29.03.2026 02:30", "25.10.2026 02:30", "bis 20 Uhr", "bis 21.30 Uhr", "bis 2 Uhr", "2 Stunden", "1,5 h", "90 min",
		"bis 13.12. 2 Uhr", "- 21", "– 23:59", "999 min", "0 h", "bis",
		"in 2 Wochen 19 Uhr", "in einer Woche 18:30", "in 3 Tagen", "übermorgen halb acht", "nächste Woche Dienstag 18 Uhr",
		"Dienstag nächste Woche 9.30", "nächsten Dienstag 19 Uhr", "halb acht", "halb acht abends", "halb 0", "viertel nach zwölf",
		"viertel vor eins abends", "dreiviertel acht", "um acht", "elf uhr", "in in 2 wochen", "nächste woche woche"} {
		f.Add(s)
	}
	loc, err := datetext.Berlin()
	if err != nil {
		f.Fatal(err)
	}
	start := time.Date(2026, 12, 12, 19, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, s string) {
		if end, err := datetext.ParseEnd(s, start); err == nil && !end.After(start) {
			t.Fatalf("%q: end %v is not after the start %v", s, end, start)
		}
		got, err := datetext.Parse(s, fuzzNow, loc)
		if err != nil {
			var pe *datetext.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%q: error %v is no *ParseError", s, err)
			}
			return
		}
		if got.Location() != loc {
			t.Fatalf("%q: %v not in Berlin time", s, got)
		}
		if got.Before(fuzzNow.Truncate(time.Minute)) {
			t.Fatalf("%q: %v lies in the past", s, got)
		}
		// What the bot shows reads back as the same moment.
		if !datetext.Ambiguous(got) {
			back, err := datetext.Parse(datetext.Format(got), fuzzNow, loc)
			if err != nil || !back.Equal(got) {
				t.Fatalf("%q: %v shown as %q reads back as %v, %v", s, got, datetext.Format(got), back, err)
			}
		}
	})
}
