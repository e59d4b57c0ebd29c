package datetext

import "time"

// weekdays maps the German names and usual abbreviations of weekdays, in
// lower case and without a trailing dot, to time.Weekday.
var weekdays = map[string]time.Weekday{
	"montag": time.Monday, "mo": time.Monday, "mon": time.Monday,
	"dienstag": time.Tuesday, "di": time.Tuesday, "die": time.Tuesday,
	"mittwoch": time.Wednesday, "mi": time.Wednesday, "mit": time.Wednesday,
	"donnerstag": time.Thursday, "do": time.Thursday, "don": time.Thursday,
	"freitag": time.Friday, "fr": time.Friday, "fre": time.Friday,
	"samstag": time.Saturday, "sa": time.Saturday, "sam": time.Saturday, "sonnabend": time.Saturday,
	"sonntag": time.Sunday, "so": time.Sunday, "son": time.Sunday,
}

// months maps German month names and abbreviations, in lower case and
// without a trailing dot, to time.Month.
var months = map[string]time.Month{
	"januar": time.January, "jan": time.January, "jänner": time.January,
	"februar": time.February, "feb": time.February,
	"märz": time.March, "maerz": time.March, "mär": time.March, "mrz": time.March,
	"april": time.April, "apr": time.April,
	"mai":  time.May,
	"juni": time.June, "jun": time.June,
	"juli": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"oktober": time.October, "okt": time.October,
	"november": time.November, "nov": time.November,
	"dezember": time.December, "dez": time.December,
}

// relativeDays maps words for days relative to today to their distance.
var relativeDays = map[string]int{
	"heute":       0,
	"morgen":      1,
	"übermorgen":  2,
	"uebermorgen": 2,
}

// nextWords ask for the next occurrence of a weekday that is not today.
var nextWords = map[string]bool{
	"nächsten": true, "nächster": true, "nächste": true,
	"naechsten": true, "naechster": true, "naechste": true,
}

// fillerWords carry no information about the date and are skipped.
var fillerWords = map[string]bool{
	"am": true, "um": true, "ab": true, "den": true, "dem": true, "der": true,
	"diesen": true, "dieser": true, "diese": true,
	"kommenden": true, "kommender": true, "kommende": true,
	"morgens": true, "vormittags": true, "vormittag": true, "früh": true, "frueh": true,
}

// afternoonWords move an hour before noon into the afternoon or evening:
// "8 Uhr abends" is 20:00.
var afternoonWords = map[string]bool{
	"abends": true, "abend": true, "nachmittags": true, "nachmittag": true,
}

// numberWords are the numbers written out that name an hour ("halb acht",
// "um acht Uhr") or a count ("in zwei Wochen", "in einer Woche").
var numberWords = map[string]int{
	"ein": 1, "eins": 1, "eine": 1, "einer": 1, "einem": 1,
	"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6, "sieben": 7,
	"acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12,
}

// spanDays maps the units of "in 3 Tagen", "in 2 Wochen" to days.
var spanDays = map[string]int{
	"tag": 1, "tage": 1, "tagen": 1,
	"woche": 7, "wochen": 7,
}
