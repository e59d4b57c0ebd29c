// Package export turns digest data into tables for organizers: opinions
// (anonymous), offers (contact only where the person allowed it), needs,
// matches and events, as CSV files in a ZIP archive or as one XLSX
// workbook with a sheet per table.
package export

import (
	"time"

	"github.com/heimatbot/heimatbot/digest"
)

// Table is one sheet or CSV file. Header names are stable column keys;
// cells are strings, ints or float64s.
type Table struct {
	Name   string
	Header []string
	Rows   [][]any
}

const (
	dateFormat     = "2006-01-02"
	dateTimeFormat = "2006-01-02 15:04"
)

// Tables returns the tables of d, with configured labels for districts,
// themes, roles and categories. Only approved opinions are exported, and
// without anything that points to their author.
func Tables(d digest.Data) []Table {
	n := d.Community.Labels()
	return []Table{opinions(d, n), offers(d, n), needs(d, n), matches(d), events(d, n), vorhaben(d, n), vorhabenStatus(d)}
}

func opinions(d digest.Data, n digest.Labels) Table {
	t := Table{Name: "opinions", Header: []string{"theme", "district", "role", "date", "agree", "disagree", "pass", "text", "next_step"}}
	for _, o := range d.Opinions {
		if o.Status != digest.Approved {
			continue
		}
		t.Rows = append(t.Rows, []any{n.Theme(o.Theme), n.District(o.District), n.Role(o.Role), day(o.Created), o.Agree, o.Disagree, o.Pass, o.Text, o.NextStep})
	}
	return t
}

func offers(d digest.Data, n digest.Labels) Table {
	t := Table{Name: "offers", Header: []string{"id", "categories", "districts", "time_commitment", "created", "withdrawn", "contact"}}
	for _, o := range d.Offers {
		contact := ""
		if o.ContactAllowed {
			contact = o.Contact
		}
		t.Rows = append(t.Rows, []any{o.ID, n.HelpCategories(o.Categories), n.Districts(o.Districts), o.TimeCommitment, day(o.Created), day(o.Withdrawn), contact})
	}
	return t
}

func needs(d digest.Data, n digest.Labels) Table {
	t := Table{Name: "needs", Header: []string{"id", "title", "categories", "district", "created", "status", "interested", "matches"}}
	for _, x := range d.Needs {
		t.Rows = append(t.Rows, []any{x.ID, x.Title, n.HelpCategories(x.Categories), n.District(x.District), day(x.Created), string(x.Status), x.Interested, len(x.Matches)})
	}
	return t
}

func matches(d digest.Data) Table {
	t := Table{Name: "matches", Header: []string{"need_id", "need_title", "offer_id", "date"}}
	for _, x := range d.Needs {
		for _, m := range x.Matches {
			t.Rows = append(t.Rows, []any{x.ID, x.Title, m.Offer, day(m.At)})
		}
	}
	return t
}

func events(d digest.Data, n digest.Labels) Table {
	t := Table{Name: "events", Header: []string{"id", "title", "theme", "start", "cancelled", "capacity", "yes", "maybe", "no", "waiting", "attended", "feedback_count", "feedback_mean"}}
	for _, e := range d.Events {
		var attended any = ""
		if e.AttendanceKnown {
			attended = e.Attended
		}
		var mean any = ""
		if len(e.Feedback) > 0 {
			sum := 0
			for _, f := range e.Feedback {
				sum += f.Score
			}
			mean = float64(sum) / float64(len(e.Feedback))
		}
		cancelled := ""
		if e.Cancelled {
			cancelled = "yes"
		}
		t.Rows = append(t.Rows, []any{e.ID, e.Title, n.Theme(e.Theme), e.Start.Format(dateTimeFormat), cancelled, e.Capacity, e.Yes, e.Maybe, e.No, e.Waiting, attended, len(e.Feedback), mean})
	}
	return t
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateFormat)
}
