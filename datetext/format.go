package datetext

import (
	"fmt"
	"time"
)

// germanWeekdays are the usual abbreviations, indexed by time.Weekday.
var germanWeekdays = [7]string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."}

// Format writes t, in its own location, the way German readers expect:
// "Fr., 11.12.2026, 18:30 Uhr". [Parse] reads the result back.
func Format(t time.Time) string {
	return fmt.Sprintf("%s, %s Uhr", germanWeekdays[t.Weekday()], t.Format("02.01.2006, 15:04"))
}

// FormatEnglish writes t, in its own location, for English readers with a
// 24-hour clock: "Fri, 11 Dec 2026, 18:30".
func FormatEnglish(t time.Time) string {
	return t.Format("Mon, 2 Jan 2006, 15:04")
}

// FormatTime writes only the time of day of t in German: "18:30 Uhr", for an
// end on the same day as the start.
func FormatTime(t time.Time) string {
	return t.Format("15:04") + " Uhr"
}

// spokenWeekdays and spokenMonths are written out, for plain language.
var (
	spokenWeekdays = [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	spokenMonths   = [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
		"September", "Oktober", "November", "Dezember"}
)

// FormatSpoken writes t the way it is said, with nothing abbreviated, for
// readers of plain language: "Dienstag, 8. Dezember, um 19 Uhr",
// "Freitag, 1. Januar 2027, um 18:30 Uhr". The year is written only when
// it is not the year of now.
func FormatSpoken(t, now time.Time) string {
	day := fmt.Sprintf("%s, %d. %s", spokenWeekdays[t.Weekday()], t.Day(), spokenMonths[t.Month()-1])
	if t.Year() != now.In(t.Location()).Year() {
		day += fmt.Sprintf(" %d", t.Year())
	}
	return day + ", um " + FormatHour(t)
}

// FormatHour writes the time of day as it is said: "19 Uhr", "18:30 Uhr".
func FormatHour(t time.Time) string {
	if t.Minute() == 0 {
		return fmt.Sprintf("%d Uhr", t.Hour())
	}
	return fmt.Sprintf("%d:%02d Uhr", t.Hour(), t.Minute())
}
