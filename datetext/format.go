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
