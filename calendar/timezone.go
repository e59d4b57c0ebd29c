package calendar

import (
	ics "github.com/arran4/golang-ical"

	"github.com/heimatbot/heimatbot/datetext"
)

// tzid is the time zone every file is written in.
const tzid = datetext.BerlinName

// berlinTimezone returns the VTIMEZONE for Europe/Berlin: Central European
// Time, with summer time from the last Sunday of March, 02:00, to the last
// Sunday of October, 03:00 local time (the EU rule since 1996; the tests
// check it against Go's time zone database).
func berlinTimezone() *ics.VTimezone {
	tz := ics.NewTimezone(tzid)

	daylight := &ics.Daylight{}
	daylight.AddProperty("TZOFFSETFROM", "+0100")
	daylight.AddProperty("TZOFFSETTO", "+0200")
	daylight.AddProperty("TZNAME", "CEST")
	daylight.AddProperty(ics.ComponentPropertyDtStart, "19700329T020000")
	daylight.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, daylight)

	standard := tz.AddStandard()
	standard.AddProperty("TZOFFSETFROM", "+0200")
	standard.AddProperty("TZOFFSETTO", "+0100")
	standard.AddProperty("TZNAME", "CET")
	standard.AddProperty(ics.ComponentPropertyDtStart, "19701025T030000")
	standard.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	return tz
}
