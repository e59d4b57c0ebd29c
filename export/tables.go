// Package export turns digest data into tables for organizers: opinions
// (anonymous), offers (contact only where the person allowed it), needs,
// matches and events, as CSV files in a ZIP archive or as one XLSX
// workbook with a sheet per table.
package export

import (
	"strings"
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
	n := labels(d.Community)
	return []Table{opinions(d, n), offers(d, n), needs(d, n), matches(d), events(d, n)}
}

func opinions(d digest.Data, n names) Table {
	t := Table{Name: "opinions", Header: []string{"theme", "district", "role", "date", "agree", "disagree", "pass", "text", "next_step"}}
	for _, o := range d.Opinions {
		if o.Status != digest.Approved {
			continue
		}
		t.Rows = append(t.Rows, []any{n.theme(o.Theme), n.district(o.District), n.role(o.Role), day(o.Created), o.Agree, o.Disagree, o.Pass, o.Text, o.NextStep})
	}
	return t
}

func offers(d digest.Data, n names) Table {
	t := Table{Name: "offers", Header: []string{"id", "categories", "districts", "time_commitment", "created", "withdrawn", "contact"}}
	for _, o := range d.Offers {
		contact := ""
		if o.ContactAllowed {
			contact = o.Contact
		}
		t.Rows = append(t.Rows, []any{o.ID, n.list(n.help, o.Categories), n.list(n.districts, o.Districts), o.TimeCommitment, day(o.Created), day(o.Withdrawn), contact})
	}
	return t
}

func needs(d digest.Data, n names) Table {
	t := Table{Name: "needs", Header: []string{"id", "title", "categories", "district", "created", "status", "interested", "matches"}}
	for _, x := range d.Needs {
		t.Rows = append(t.Rows, []any{x.ID, x.Title, n.list(n.help, x.Categories), n.district(x.District), day(x.Created), string(x.Status), x.Interested, len(x.Matches)})
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

func events(d digest.Data, n names) Table {
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
		t.Rows = append(t.Rows, []any{e.ID, e.Title, n.theme(e.Theme), e.Start.Format(dateTimeFormat), cancelled, e.Capacity, e.Yes, e.Maybe, e.No, e.Waiting, attended, len(e.Feedback), mean})
	}
	return t
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateFormat)
}

// names resolves configured ids to their labels.
type names struct {
	districts, themes, roles, help map[string]string
}

func labels(c digest.Community) names {
	m := func(cs []digest.Category) map[string]string {
		out := make(map[string]string, len(cs))
		for _, c := range cs {
			out[c.ID] = c.Name
		}
		return out
	}
	return names{m(c.Districts), m(c.Themes), m(c.Roles), m(c.HelpCategories)}
}

func label(m map[string]string, id string) string {
	if l, ok := m[id]; ok {
		return l
	}
	return id
}

func (n names) theme(id string) string    { return label(n.themes, id) }
func (n names) district(id string) string { return label(n.districts, id) }
func (n names) role(id string) string     { return label(n.roles, id) }

func (n names) list(m map[string]string, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = label(m, id)
	}
	return strings.Join(out, "; ")
}
