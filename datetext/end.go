package datetext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// reLength matches a length such as "2 Stunden", "1,5 h", "90 min".
var reLength = regexp.MustCompile(`^(\d{1,3}(?:[.,]\d{1,2})?) ?(h|std\.?|stunden?|min\.?|minuten?)$`)

// reBareHour matches an hour without "Uhr", which after "bis" is clear.
var reBareHour = regexp.MustCompile(`^\d{1,2}$`)

// maxOvernight is how far past midnight an end time may reach when only its
// time of day is given: "22 Uhr bis 2 Uhr" ends the next night, but
// "19 Uhr bis 18 Uhr" is a mistake rather than an event of 23 hours.
const maxOvernight = 12 * time.Hour

// ParseEnd reads the end of an event that begins at start, in start's
// location. It understands:
//   - a time of day, optionally after "bis": "bis 20 Uhr", "20:00",
//     "bis 21.30 Uhr", meaning the same day as the start; if that is not
//     after the start but the next day is at most 12 hours after it, the
//     next day ("22 Uhr" to "bis 2 Uhr");
//   - a length: "2 Stunden", "1,5 h", "90 min";
//   - a full date and time as understood by [Parse]: "bis 13.12. 2 Uhr".
//
// An end that is not after start is an error wrapping ErrEndBeforeStart;
// text that cannot be read wraps ErrUnparseable.
func ParseEnd(s string, start time.Time) (time.Time, error) {
	text := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	for _, prefix := range []string{"bis ", "-", "–"} {
		text = strings.TrimSpace(strings.TrimPrefix(text, prefix))
	}
	if m := reLength.FindStringSubmatch(text); m != nil {
		n, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		unit := time.Hour
		if strings.HasPrefix(m[2], "min") {
			unit = time.Minute
		}
		d := time.Duration(n * float64(unit))
		if err != nil || d <= 0 {
			return time.Time{}, &ParseError{Input: s, Err: ErrUnparseable, Detail: "no length of time"}
		}
		return start.Add(d), nil
	}

	if reBareHour.MatchString(text) {
		text += " uhr" // "bis 20"
	}
	r, perr := read(text)
	if perr != nil {
		perr.Input = s
		return time.Time{}, perr
	}
	if !r.hasTime {
		return time.Time{}, &ParseError{Input: s, Err: ErrMissingTime}
	}
	loc := start.Location()
	if r.hasDate || r.hasRel || r.hasWeekday {
		end, perr := r.resolve(start, loc)
		if perr != nil {
			perr.Input = s
			return time.Time{}, perr
		}
		return checkEnd(s, start, end)
	}
	y, m, d := start.Date()
	end := Date(y, m, d, r.hour, r.minute, loc)
	if !end.After(start) {
		if next := Date(y, m, d+1, r.hour, r.minute, loc); next.Sub(start) <= maxOvernight {
			end = next
		}
	}
	return checkEnd(s, start, end)
}

func checkEnd(input string, start, end time.Time) (time.Time, error) {
	if !end.After(start) {
		return time.Time{}, &ParseError{Input: input, Err: ErrEndBeforeStart,
			Detail: fmt.Sprintf("%s is not after %s", end.Format(time.RFC3339), start.Format(time.RFC3339))}
	}
	return end, nil
}
