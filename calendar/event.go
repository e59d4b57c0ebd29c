package calendar

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ErrInvalidEvent is wrapped by the errors that report an Event that cannot
// be written.
var ErrInvalidEvent = errors.New("calendar: invalid event")

// Event is what a calendar file says about one event.
type Event struct {
	// UID identifies the event for ever, across edits; see [UID].
	UID         string
	Title       string
	Description string
	Location    string
	// URL links to the event, for example the bot's deep link.
	URL   string
	Start time.Time
	// End may be zero for an event without a set length.
	End       time.Time
	Organizer Organizer
	// Sequence counts the edits that attendees should see; raise it by one
	// on each, cancelling included.
	Sequence  int
	Cancelled bool
}

// Organizer is who runs an event. It is written only if URI is set: a
// calendar address such as "mailto:rathaus@example.org" or a web address.
type Organizer struct {
	Name string
	URI  string
}

// UID returns a stable, globally unique event UID of the form
// "<eventID>@<community>.heimatbot". Characters other than ASCII letters,
// digits, '.', '_' and '-' are replaced, German umlauts spelled out.
func UID(eventID, community string) string {
	return clean(eventID, false) + "@" + clean(community, true) + ".heimatbot"
}

var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

// clean keeps ASCII letters, digits, '.', '_' and '-', and turns runs of
// anything else into one '-'. With lower it also lower-cases.
func clean(s string, lower bool) string {
	s = umlauts.Replace(strings.TrimSpace(s))
	if lower {
		s = strings.ToLower(s)
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// validate reports the first problem that keeps e from being written.
func (e Event) validate() error {
	invalid := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidEvent, fmt.Sprintf(format, args...))
	}
	switch {
	case strings.TrimSpace(e.UID) == "":
		return invalid("no UID")
	case strings.ContainsAny(e.UID, "\r\n"):
		return invalid("UID %q has a line break", e.UID)
	case strings.TrimSpace(e.Title) == "":
		return invalid("no title")
	case e.Start.IsZero():
		return invalid("no start")
	case !e.End.IsZero() && !e.End.After(e.Start):
		return invalid("end %v is not after start %v", e.End, e.Start)
	case e.Sequence < 0:
		return invalid("negative sequence %d", e.Sequence)
	}
	if e.URL != "" {
		if u, err := url.Parse(e.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return invalid("URL %q is not an http(s) address", e.URL)
		}
	}
	if e.Organizer.URI != "" {
		if u, err := url.Parse(e.Organizer.URI); err != nil || u.Scheme == "" || strings.ContainsAny(e.Organizer.URI, "\r\n") {
			return invalid("organizer %q is not an address", e.Organizer.URI)
		}
	}
	return nil
}
