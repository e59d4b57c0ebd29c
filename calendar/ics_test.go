package calendar

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// parse reads a file back with the library's parser and returns the
// calendar and its only event.
func parse(t *testing.T, data []byte) (*ics.Calendar, *ics.VEvent) {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ParseCalendar: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1\n%s", len(events), data)
	}
	return cal, events[0]
}

func prop(c *ics.ComponentBase, p ics.ComponentProperty) string {
	if v := c.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func calProp(cal *ics.Calendar, p ics.Property) string {
	for _, cp := range cal.CalendarProperties {
		if cp.IANAToken == string(p) {
			return cp.Value
		}
	}
	return ""
}

func sampleEvent(loc *time.Location) Event {
	return Event{
		UID:   UID("ev_42", "Ballenstedt"),
		Title: "Stadtgespräch: Wege, Plätze; Bänke",
		Description: "Wir reden über den Marktplatz, die Bänke; und was fehlt.\n" +
			"Zweite Zeile mit Umlauten äöüÄÖÜß und einem Backslash \\ sowie \"Anführungszeichen\".\r\n" +
			"Dritte Zeile: ein sehr langer Satz, damit die Zeile sicher über fünfundsiebzig Oktette hinausgeht und gefaltet wird.",
		Location:  "Rathaus, Saal 1; Rathausplatz 12, 06493 Ballenstedt",
		URL:       "https://t.me/heimatbot?start=ev_42",
		Start:     time.Date(2026, 12, 11, 18, 30, 0, 0, loc),
		End:       time.Date(2026, 12, 11, 20, 0, 0, 0, loc),
		Organizer: Organizer{Name: "Stadt Ballenstedt, Bürgerbüro", URI: "mailto:buergerbuero@example.org"},
		Sequence:  3,
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	loc := berlin(t)
	ev := sampleEvent(loc)
	stamp := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	data, err := Marshal(ev, stamp)
	if err != nil {
		t.Fatal(err)
	}
	cal, got := parse(t, data)

	if m := calProp(cal, ics.PropertyMethod); m != "PUBLISH" {
		t.Errorf("METHOD = %q, want PUBLISH", m)
	}
	if v := calProp(cal, ics.PropertyVersion); v != "2.0" {
		t.Errorf("VERSION = %q", v)
	}
	if got.Id() != "ev_42@ballenstedt.heimatbot" {
		t.Errorf("UID = %q", got.Id())
	}
	wantText := map[ics.ComponentProperty]string{
		ics.ComponentPropertySummary:     ev.Title,
		ics.ComponentPropertyDescription: strings.ReplaceAll(ev.Description, "\r\n", "\n"),
		ics.ComponentPropertyLocation:    ev.Location,
		ics.ComponentPropertyUrl:         ev.URL,
		ics.ComponentPropertySequence:    "3",
		ics.ComponentPropertyStatus:      "CONFIRMED",
		ics.ComponentPropertyOrganizer:   "mailto:buergerbuero@example.org",
	}
	for p, want := range wantText {
		if v := prop(&got.ComponentBase, p); v != want {
			t.Errorf("%s = %q, want %q", p, v, want)
		}
	}
	if cn := got.GetProperty(ics.ComponentPropertyOrganizer).ICalParameters["CN"]; len(cn) != 1 || cn[0] != "Stadt Ballenstedt Bürgerbüro" {
		t.Errorf("ORGANIZER CN = %q", cn)
	}
	if s, err := got.GetStartAt(); err != nil || !s.Equal(ev.Start) {
		t.Errorf("DTSTART = %v, %v; want %v", s, err, ev.Start)
	}
	if e, err := got.GetEndAt(); err != nil || !e.Equal(ev.End) {
		t.Errorf("DTEND = %v, %v; want %v", e, err, ev.End)
	}
	if s, err := got.GetDtStampTime(); err != nil || !s.Equal(stamp) {
		t.Errorf("DTSTAMP = %v, %v; want %v", s, err, stamp)
	}
	if tzid := got.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tzid) != 1 || tzid[0] != "Europe/Berlin" {
		t.Errorf("DTSTART TZID = %q", tzid)
	}

	tzs := cal.Timezones()
	if len(tzs) != 1 || prop(&tzs[0].ComponentBase, ics.ComponentPropertyTzid) != "Europe/Berlin" {
		t.Fatalf("VTIMEZONE Europe/Berlin missing: %d timezones", len(tzs))
	}
	rules := map[string]string{}
	for _, c := range tzs[0].SubComponents() {
		switch c := c.(type) {
		case *ics.Standard:
			rules["STANDARD"] = prop(&c.ComponentBase, ics.ComponentPropertyRrule)
		case *ics.Daylight:
			rules["DAYLIGHT"] = prop(&c.ComponentBase, ics.ComponentPropertyRrule)
		}
	}
	if rules["DAYLIGHT"] != "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" || rules["STANDARD"] != "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" {
		t.Errorf("VTIMEZONE rules = %q", rules)
	}
}

func TestMarshalWireFormat(t *testing.T) {
	loc := berlin(t)
	data, err := Marshal(sampleEvent(loc), time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") {
		t.Errorf("file does not end with END:VCALENDAR CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	folded := 0
	for i, line := range lines {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, more than 75: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no folded lines, though the description is long")
	}
	unfolded := strings.ReplaceAll(s, "\r\n ", "")
	for _, want := range []string{
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n",
		"DTSTART;TZID=Europe/Berlin:20261211T183000\r\n",
		"DTEND;TZID=Europe/Berlin:20261211T200000\r\n",
		"DTSTAMP:20261125T090000Z\r\n",
		`SUMMARY:Stadtgespräch: Wege\, Plätze\; Bänke` + "\r\n",
		`und was fehlt.\nZweite Zeile`,
		`Backslash \\ sowie "Anführungszeichen".\nDritte`,
		`LOCATION:Rathaus\, Saal 1\; Rathausplatz 12\, 06493 Ballenstedt` + "\r\n",
		"UID:ev_42@ballenstedt.heimatbot\r\n",
		"SEQUENCE:3\r\n",
		"METHOD:PUBLISH\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("file lacks %q:\n%s", want, s)
		}
	}
}

func TestMarshalCancelled(t *testing.T) {
	loc := berlin(t)
	ev := sampleEvent(loc)
	ev.Cancelled = true
	ev.Sequence = 4
	data, err := Marshal(ev, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	cal, got := parse(t, data)
	if m := calProp(cal, ics.PropertyMethod); m != "CANCEL" {
		t.Errorf("METHOD = %q, want CANCEL", m)
	}
	if s := prop(&got.ComponentBase, ics.ComponentPropertyStatus); s != "CANCELLED" {
		t.Errorf("STATUS = %q, want CANCELLED", s)
	}
	if s := prop(&got.ComponentBase, ics.ComponentPropertySequence); s != "4" {
		t.Errorf("SEQUENCE = %q, want 4", s)
	}
	if got.Id() != ev.UID {
		t.Errorf("UID = %q, want %q", got.Id(), ev.UID)
	}
}

// TestMarshalDSTNights checks that events on the nights the clocks change
// come back as the same instants.
func TestMarshalDSTNights(t *testing.T) {
	loc := berlin(t)
	utc := func(mo time.Month, d, h, mi int) time.Time { return time.Date(2026, mo, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		name          string
		start, end    time.Time
		wantStartLine string
	}{
		{"spring: 01:30 CET to 03:30 CEST", utc(3, 29, 0, 30), utc(3, 29, 1, 30), "DTSTART;TZID=Europe/Berlin:20260329T013000"},
		{"spring: right after the gap", utc(3, 29, 1, 0), utc(3, 29, 2, 0), "DTSTART;TZID=Europe/Berlin:20260329T030000"},
		{"autumn: 01:30 CEST to 03:30 CET", utc(10, 24, 23, 30), utc(10, 25, 2, 30), "DTSTART;TZID=Europe/Berlin:20261025T013000"},
		{"autumn: first 02:30 (CEST)", utc(10, 25, 0, 30), utc(10, 25, 1, 30), "DTSTART:20261025T003000Z"},
		{"autumn: second 02:30 (CET)", utc(10, 25, 1, 30), utc(10, 25, 3, 0), "DTSTART:20261025T013000Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := sampleEvent(loc)
			ev.Start, ev.End = tt.start.In(loc), tt.end.In(loc)
			data, err := Marshal(ev, utc(3, 1, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(tt.wantStartLine+"\r\n")) {
				t.Errorf("file lacks %q", tt.wantStartLine)
			}
			_, got := parse(t, data)
			if s, err := got.GetStartAt(); err != nil || !s.Equal(tt.start) {
				t.Errorf("DTSTART = %v, %v; want %v", s, err, tt.start)
			}
			if e, err := got.GetEndAt(); err != nil || !e.Equal(tt.end) {
				t.Errorf("DTEND = %v, %v; want %v", e, err, tt.end)
			}
		})
	}
}

func TestMarshalWithoutOptionalFields(t *testing.T) {
	loc := berlin(t)
	ev := Event{UID: "1@x.heimatbot", Title: "Treffen", Start: time.Date(2026, 7, 1, 19, 0, 0, 0, loc)}
	data, err := Marshal(ev, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, got := parse(t, data)
	for _, p := range []ics.ComponentProperty{ics.ComponentPropertyDtEnd, ics.ComponentPropertyDescription,
		ics.ComponentPropertyLocation, ics.ComponentPropertyUrl, ics.ComponentPropertyOrganizer} {
		if got.GetProperty(p) != nil {
			t.Errorf("%s written though empty", p)
		}
	}
	if s := prop(&got.ComponentBase, ics.ComponentPropertySequence); s != "0" {
		t.Errorf("SEQUENCE = %q, want 0", s)
	}
}

func TestMarshalInvalid(t *testing.T) {
	loc := berlin(t)
	tests := map[string]func(*Event){
		"no UID":          func(e *Event) { e.UID = " " },
		"UID line break":  func(e *Event) { e.UID = "a\r\nb" },
		"no title":        func(e *Event) { e.Title = "" },
		"no start":        func(e *Event) { e.Start = time.Time{} },
		"end before":      func(e *Event) { e.End = e.Start.Add(-time.Hour) },
		"end at start":    func(e *Event) { e.End = e.Start },
		"negative seq":    func(e *Event) { e.Sequence = -1 },
		"bad URL":         func(e *Event) { e.URL = "javascript:alert(1)" },
		"relative URL":    func(e *Event) { e.URL = "/ev/1" },
		"bad organizer":   func(e *Event) { e.Organizer.URI = "nobody" },
		"organizer break": func(e *Event) { e.Organizer.URI = "mailto:a@b\r\nX:1" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			ev := sampleEvent(loc)
			mutate(&ev)
			if _, err := Marshal(ev, time.Now()); !errors.Is(err, ErrInvalidEvent) {
				t.Errorf("Marshal error = %v, want ErrInvalidEvent", err)
			}
		})
	}
}

func TestUID(t *testing.T) {
	tests := []struct{ id, community, want string }{
		{"ev_42", "Ballenstedt", "ev_42@ballenstedt.heimatbot"},
		{"7", "Bad Gänsedorf", "7@bad-gaensedorf.heimatbot"},
		{"a b/c", " Harz (Kreis) ", "a-b-c@harz-kreis.heimatbot"},
	}
	for _, tt := range tests {
		if got := UID(tt.id, tt.community); got != tt.want {
			t.Errorf("UID(%q, %q) = %q, want %q", tt.id, tt.community, got, tt.want)
		}
	}
}
