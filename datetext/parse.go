package datetext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Patterns of single tokens, after lower-casing. They are never modified.
var (
	reClock      = regexp.MustCompile(`^(\d{1,2}):(\d{2})(uhr)?$`)              // 18:30, 18:30uhr
	reHourUhr    = regexp.MustCompile(`^(\d{1,2})(?:\.(\d{2}))?(uhr)?$`)        // 18 (uhr), 18.30 (uhr), 18uhr
	reDate       = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?$`) // 12.12., 12.12.26, 12.12.2026
	reDayDot     = regexp.MustCompile(`^(\d{1,2})\.$`)                          // 12. (before a month name)
	reISODate    = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)              // 2026-12-12
	reAmbiguous  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})$`)                 // 12.12 or 19.30
	reYear       = regexp.MustCompile(`^\d{4}$`)
	reSeparators = strings.NewReplacer(",", " ", ";", " ", "|", " ")
)

// reading is what the words of a text say, before it is resolved against
// now: at most one date (absolute, relative or a weekday, possibly both a
// date and the matching weekday) and at most one time of day.
type reading struct {
	hasDate      bool
	day, year    int // year 0: not given
	month        time.Month
	hasRel       bool
	rel          int
	hasWeekday   bool
	weekday      time.Weekday
	next         bool
	nextWeek     bool // "nächste Woche Dienstag"
	hasTime      bool
	hour, minute int
	afternoon    bool
	ambiguous    []pair // "12.12" or "19.30": a date or a time
}

// pair is a word "a.b" without a trailing dot, which may be a date or a time.
type pair struct {
	a, b   int
	timeOK bool // b has two digits, as minutes always do
}

// Parse reads a start date and time written the way Germans do, for example
// "12.12. 18:30", "12.12.2026 18:30", "12.12.26 18 Uhr", "18:30 12.12.",
// "morgen 19 Uhr", "übermorgen 19:30", "heute 20 Uhr", "Freitag 19 Uhr",
// "nächsten Freitag 19.30 Uhr", "Fr., 11.12.2026, 18:30 Uhr" or
// "12. Dezember 19 Uhr", "in 2 Wochen 19 Uhr", "nächste Woche Dienstag
// 18 Uhr" or "Freitag halb acht abends", and returns the instant in loc.
//
// The rules, relative to now:
//   - A date without a year is the next occurrence of that day: this year,
//     or next year if the day has already passed this year.
//   - A weekday is the next day with that name, today included if the time
//     is still ahead; "nächsten Freitag" said on a Friday means a week later.
//   - "nächsten Dienstag" said on a Monday (or on any day of the week
//     before a Tuesday) may mean tomorrow or the Tuesday of next week: the
//     error wraps ErrAmbiguous, and an *AmbiguousError names both days.
//   - "nächste Woche Dienstag" is the Tuesday of the next calendar week
//     (weeks begin on Monday).
//   - "in 3 Tagen", "in 2 Wochen", "in einer Woche" count days from today.
//   - "halb acht" is 7:30, "viertel nach acht" 8:15, "viertel vor acht"
//     7:45, "viertel acht" 7:15, "dreiviertel acht" 7:45; "um acht" and
//     "acht Uhr" are 8:00.
//   - "heute", "morgen", "übermorgen" count days from today in loc.
//   - A time without a date means today.
//   - "abends" and "nachmittags" move an hour before 12 into the afternoon.
//   - "a.b" without a trailing dot is a time if the time is still missing
//     ("Freitag 19.30"), otherwise a date ("12.12 18:30"); write "12.12."
//     for a date.
//
// A moment before now (to the minute) is an error wrapping ErrPast; text that
// cannot be read wraps ErrUnparseable (ErrMissingTime if only the time of day
// is missing). The errors are *ParseError values.
func Parse(s string, now time.Time, loc *time.Location) (time.Time, error) {
	r, perr := read(s)
	if perr != nil {
		return time.Time{}, perr
	}
	if !r.hasTime {
		if r.hasDate || r.hasRel || r.hasWeekday {
			return time.Time{}, &ParseError{Input: s, Err: ErrMissingTime}
		}
		return time.Time{}, &ParseError{Input: s, Err: ErrUnparseable, Detail: "no date or time found"}
	}
	t, perr := r.resolve(now.In(loc), loc)
	if perr != nil {
		perr.Input = s
		return time.Time{}, perr
	}
	if t.Before(now.Truncate(time.Minute)) {
		return time.Time{}, &ParseError{Input: s, Err: ErrPast,
			Detail: fmt.Sprintf("%s is before %s", t.Format(time.RFC3339), now.In(loc).Format(time.RFC3339))}
	}
	return t, nil
}

// read splits s into words and records what each says.
func read(s string) (*reading, *ParseError) {
	fail := func(format string, args ...any) (*reading, *ParseError) {
		return nil, &ParseError{Input: s, Err: ErrUnparseable, Detail: fmt.Sprintf(format, args...)}
	}
	words := strings.Fields(reSeparators.Replace(strings.ToLower(s)))
	r := &reading{}
	setTime := func(h, m int) error {
		if r.hasTime {
			return fmt.Errorf("two times of day")
		}
		if h > 23 || m > 59 {
			return fmt.Errorf("no such time %02d:%02d", h, m)
		}
		r.hasTime, r.hour, r.minute = true, h, m
		return nil
	}
	setDate := func(d int, m time.Month, y int) error {
		if r.hasDate || r.hasRel {
			return fmt.Errorf("two dates")
		}
		r.hasDate, r.day, r.month, r.year = true, d, m, y
		return nil
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		uhrNext := i+1 < len(words) && words[i+1] == "uhr"
		afterUm := i > 0 && words[i-1] == "um" // "um 19" needs no "Uhr"
		bare := strings.TrimSuffix(w, ".")
		var err error
		switch {
		case fillerWords[w] || fillerWords[bare]:
		case afternoonWords[w]:
			r.afternoon = true
		case nextWords[w] && i+1 < len(words) && words[i+1] == "woche":
			if r.nextWeek {
				return fail("next week twice")
			}
			r.nextWeek = true
			i++
		case nextWords[w]:
			r.next = true
		case w == "in" && i+2 < len(words) && hasKey(spanDays, words[i+2]):
			n, ok := count(words[i+1])
			if !ok {
				return fail("%q is no count of days or weeks", words[i+1])
			}
			if r.hasDate || r.hasRel {
				return fail("two dates")
			}
			r.hasRel, r.rel = true, n*spanDays[words[i+2]]
			i += 2
		case clockWords[w]:
			n, h, m, ok := readClockWords(words[i:])
			if !ok {
				return fail("%q without an hour after it", w)
			}
			err = setTime(h, m)
			i += n - 1
		case hasKey(numberWords, w) && (uhrNext || afterUm):
			err = setTime(numberWords[w], 0)
			if uhrNext {
				i++
			}
		case w == "uhr":
			return fail("%q without a time before it", w)
		case hasKey(relativeDays, w):
			if r.hasDate || r.hasRel {
				return fail("two dates")
			}
			r.hasRel, r.rel = true, relativeDays[w]
		case hasKey(weekdays, bare):
			if r.hasWeekday {
				return fail("two weekdays")
			}
			r.hasWeekday, r.weekday = true, weekdays[bare]
		case reClock.MatchString(w):
			m := reClock.FindStringSubmatch(w)
			err = setTime(atoi(m[1]), atoi(m[2]))
			if uhrNext {
				i++
			}
		case reHourUhr.MatchString(w) && (uhrNext || afterUm || strings.HasSuffix(w, "uhr")):
			m := reHourUhr.FindStringSubmatch(w)
			err = setTime(atoi(m[1]), atoi(m[2]))
			if uhrNext {
				i++
			}
		case reDate.MatchString(w):
			m := reDate.FindStringSubmatch(w)
			err = setDate(atoi(m[1]), time.Month(atoi(m[2])), fullYear(m[3]))
		case reISODate.MatchString(w):
			m := reISODate.FindStringSubmatch(w)
			err = setDate(atoi(m[3]), time.Month(atoi(m[2])), atoi(m[1]))
		case reDayDot.MatchString(w) && i+1 < len(words) && hasKey(months, strings.TrimSuffix(words[i+1], ".")):
			day := atoi(reDayDot.FindStringSubmatch(w)[1])
			month := months[strings.TrimSuffix(words[i+1], ".")]
			i++
			year := 0
			if i+1 < len(words) && reYear.MatchString(words[i+1]) {
				year = atoi(words[i+1])
				i++
			}
			err = setDate(day, month, year)
		case reAmbiguous.MatchString(w):
			m := reAmbiguous.FindStringSubmatch(w)
			r.ambiguous = append(r.ambiguous, pair{atoi(m[1]), atoi(m[2]), len(m[2]) == 2})
		default:
			return fail("unknown word %q", w)
		}
		if err != nil {
			return fail("%v", err)
		}
	}
	if err := r.settleAmbiguous(); err != nil {
		return fail("%v", err)
	}
	if r.nextWeek && (r.hasDate || r.hasRel) {
		return fail("next week and a date")
	}
	if r.afternoon && r.hasTime && r.hour < 12 {
		r.hour += 12
	}
	return r, nil
}

// settleAmbiguous decides for each "a.b" without a trailing dot whether it is
// a date or a time: a time if the time of day is still missing and it can be
// one ("19.30", "Freitag 19.30", "12.12. 19.30"), otherwise a date
// ("12.12 18:30"); with two such words, the first is the date
// ("12.12 18.30").
func (r *reading) settleAmbiguous() error {
	switch len(r.ambiguous) {
	case 0:
		return nil
	case 1:
		a := r.ambiguous[0]
		if a.timeOK && !r.hasTime {
			return r.ambiguousAsTime(a)
		}
		return r.ambiguousAsDate(a)
	case 2:
		if err := r.ambiguousAsDate(r.ambiguous[0]); err != nil {
			return err
		}
		return r.ambiguousAsTime(r.ambiguous[1])
	default:
		return fmt.Errorf("too many numbers")
	}
}

func (r *reading) ambiguousAsTime(p pair) error {
	if r.hasTime {
		return fmt.Errorf("two times of day")
	}
	if !p.timeOK || p.a > 23 || p.b > 59 {
		return fmt.Errorf("no such time %d.%d", p.a, p.b)
	}
	r.hasTime, r.hour, r.minute = true, p.a, p.b
	return nil
}

func (r *reading) ambiguousAsDate(p pair) error {
	if r.hasDate || r.hasRel {
		return fmt.Errorf("two dates")
	}
	r.hasDate, r.day, r.month = true, p.a, time.Month(p.b)
	return nil
}

// resolve turns the reading into an instant. now is in loc.
func (r *reading) resolve(now time.Time, loc *time.Location) (time.Time, *ParseError) {
	fail := func(format string, args ...any) (time.Time, *ParseError) {
		return time.Time{}, &ParseError{Err: ErrUnparseable, Detail: fmt.Sprintf(format, args...)}
	}
	y, m, d := now.Date()
	at := func(y int, m time.Month, d int) time.Time { return Date(y, m, d, r.hour, r.minute, loc) }
	var t time.Time
	switch {
	case r.hasDate:
		if r.year == 0 {
			r.year = y
			if civil(r.year, r.month, r.day).Before(civil(y, m, d)) {
				r.year++
			}
		}
		if !validDate(r.year, r.month, r.day) {
			return fail("no such date %02d.%02d.%d", r.day, int(r.month), r.year)
		}
		t = at(r.year, r.month, r.day)
	case r.hasRel:
		t = at(y, m, d+r.rel)
	case r.nextWeek:
		if !r.hasWeekday {
			return fail("which day of next week")
		}
		monday := d - weekIndex(now.Weekday())
		t = at(y, m, monday+7+weekIndex(r.weekday))
	case r.hasWeekday:
		ahead := (int(r.weekday) - int(now.Weekday()) + 7) % 7
		t = at(y, m, d+ahead)
		switch {
		case ahead == 0 && (r.next || t.Before(now.Truncate(time.Minute))):
			t = at(y, m, d+7)
		case r.next && ahead > 0 && weekIndex(now.Weekday())+ahead <= 6:
			// "nächsten Dienstag" said on a Monday: the next Tuesday
			// is still this week, and many mean the one after.
			return time.Time{}, &ParseError{Err: &AmbiguousError{Candidates: []time.Time{t, at(y, m, d+ahead+7)}},
				Detail: "the next one this week, or the one of next week"}
		}
	default:
		t = at(y, m, d)
	}
	if r.hasWeekday && t.Weekday() != r.weekday {
		return fail("%s is a %s, not a %s", t.Format("02.01.2006"), t.Weekday(), r.weekday)
	}
	return t, nil
}

// weekIndex counts the days of a week from Monday (0) to Sunday (6), as
// German calendars do.
func weekIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

// clockWords begin a time of day said in words: "halb acht" (7:30),
// "viertel nach acht" (8:15), "viertel vor acht" (7:45), and as said in the
// east of Germany "viertel acht" (7:15) and "dreiviertel acht" (7:45).
var clockWords = map[string]bool{"halb": true, "viertel": true, "dreiviertel": true}

// readClockWords reads such a time at the start of words and returns how
// many words it took. Half and quarters count towards the hour named:
// "halb eins" is 12:30, as the hour before one is read as noon.
func readClockWords(words []string) (n, hour, minute int, ok bool) {
	before := func(h, m int) (int, int) {
		if h--; h == 0 {
			h = 12
		}
		return h, m
	}
	if len(words) < 2 {
		return 0, 0, 0, false
	}
	if words[0] == "viertel" && len(words) >= 3 && (words[1] == "nach" || words[1] == "vor") {
		h, ok := hourWord(words[2])
		if !ok {
			return 0, 0, 0, false
		}
		if words[1] == "nach" {
			return 3, h % 24, 15, true
		}
		hour, minute = before(h, 45)
		return 3, hour, minute, true
	}
	h, ok := hourWord(words[1])
	if !ok {
		return 0, 0, 0, false
	}
	switch words[0] {
	case "halb":
		hour, minute = before(h, 30)
	case "viertel":
		hour, minute = before(h, 15)
	default: // dreiviertel
		hour, minute = before(h, 45)
	}
	return 2, hour, minute, true
}

// hourWord reads the hour of "halb acht" or "halb 8": 1 to 24.
func hourWord(w string) (int, bool) {
	if h, ok := numberWords[w]; ok {
		return h, true
	}
	if !reBareHour.MatchString(w) {
		return 0, false
	}
	h := atoi(w)
	return h, h >= 1 && h <= 24
}

// count reads the number of "in 3 Tagen" or "in zwei Wochen": 1 to 99.
func count(w string) (int, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	if !reBareHour.MatchString(w) {
		return 0, false
	}
	n := atoi(w)
	return n, n >= 1
}

func civil(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func validDate(y int, m time.Month, d int) bool {
	t := civil(y, m, d)
	return t.Year() == y && t.Month() == m && t.Day() == d
}

// fullYear reads a year of two or four digits; "" is no year (0).
func fullYear(s string) int {
	switch len(s) {
	case 0:
		return 0
	case 2:
		return 2000 + atoi(s)
	default:
		return atoi(s)
	}
}

// atoi converts digits already checked by a pattern; "" is 0.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}
