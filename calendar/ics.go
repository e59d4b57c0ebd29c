package calendar

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // the binary carries the zone database it needs

	ics "github.com/arran4/golang-ical"

	"github.com/heimatbot/heimatbot/datetext"
)

// ContentType is the MIME type of the files Marshal writes.
const ContentType = "text/calendar; charset=utf-8"

// prodID names the program that wrote a file.
const prodID = "-//heimatbot//heimatbot//DE"

// Marshal returns ev as an iCalendar file: METHOD:PUBLISH (METHOD:CANCEL
// if ev is cancelled), the Europe/Berlin VTIMEZONE and one VEVENT. stamp is
// the DTSTAMP, the moment the file is made (usually now). Lines end in CRLF
// and are folded at 75 octets; text is escaped as RFC 5545 requires.
//
// An event that cannot be written is reported with an error wrapping
// ErrInvalidEvent.
func Marshal(ev Event, stamp time.Time) ([]byte, error) {
	if err := ev.validate(); err != nil {
		return nil, err
	}
	loc, err := datetext.Berlin()
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}

	cal := ics.NewCalendar()
	cal.SetProductId(prodID)
	cal.SetCalscale("GREGORIAN")
	method, status := ics.MethodPublish, ics.ObjectStatusConfirmed
	if ev.Cancelled {
		method, status = ics.MethodCancel, ics.ObjectStatusCancelled
	}
	cal.SetMethod(method)
	cal.AddVTimezone(berlinTimezone())

	ve := cal.AddEvent(ev.UID)
	ve.SetDtStampTime(stamp)
	ve.SetSequence(ev.Sequence)
	setTime(ve, ics.ComponentPropertyDtStart, ev.Start, loc)
	if !ev.End.IsZero() {
		setTime(ve, ics.ComponentPropertyDtEnd, ev.End, loc)
	}
	ve.SetSummary(text(ev.Title))
	if ev.Description != "" {
		ve.SetDescription(text(ev.Description))
	}
	if ev.Location != "" {
		ve.SetLocation(text(ev.Location))
	}
	if ev.URL != "" {
		ve.SetURL(ev.URL)
	}
	if ev.Organizer.URI != "" {
		var params []ics.PropertyParameter
		if name := paramText(ev.Organizer.Name); name != "" {
			params = append(params, ics.WithCN(name))
		}
		ve.SetProperty(ics.ComponentPropertyOrganizer, ev.Organizer.URI, params...)
	}
	ve.SetStatus(status)

	var b strings.Builder
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	return []byte(b.String()), nil
}

// setTime writes t as a local time in loc with TZID, or in UTC when that
// local time occurs twice (the hour the clocks go back): RFC 5545 reads such
// a local time as its first occurrence, other readers (Go's time.Date among
// them) as the second, and a UTC time is read the same by all.
func setTime(ve *ics.VEvent, prop ics.ComponentProperty, t time.Time, loc *time.Location) {
	local := t.In(loc)
	if datetext.Ambiguous(local) {
		ve.SetProperty(prop, t.UTC().Format("20060102T150405Z"))
		return
	}
	ve.SetProperty(prop, local.Format("20060102T150405"), ics.WithTZID(tzid))
}

// text prepares a value for a TEXT property: line breaks become "\n" (the
// library escapes them), other control characters, which RFC 5545 forbids,
// are dropped.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// paramNoise are characters a parameter value (such as CN) cannot carry
// unquoted, and which the library would escape with backslashes, which
// RFC 5545 does not know. They are replaced by spaces, an apostrophe by
// the typographic one.
var paramNoise = strings.NewReplacer(`"`, " ", ",", " ", ";", " ", ":", " ", "\\", " ", "\n", " ", "'", "’")

// paramText prepares a value for a property parameter.
func paramText(s string) string {
	return strings.Join(strings.Fields(paramNoise.Replace(text(s))), " ")
}
