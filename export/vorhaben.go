package export

import (
	"github.com/heimatbot/heimatbot/digest"
)

// vorhaben lists every Vorhaben with its holder (the handle they agreed
// to show when they accepted) and how many follow it; nobody else is
// named.
func vorhaben(d digest.Data, n digest.Labels) Table {
	t := Table{Name: "vorhaben", Header: []string{"id", "title", "theme", "district", "status", "note", "holder", "due", "created", "last_news", "followers"}}
	for _, v := range d.Vorhaben {
		t.Rows = append(t.Rows, []any{v.ID, v.Title, n.Theme(v.Theme), n.District(v.District), v.Status, v.Note,
			v.Holder, day(v.Due), day(v.Created), day(v.News), v.Followers})
	}
	return t
}

// vorhabenStatus is the status history of every Vorhaben.
func vorhabenStatus(d digest.Data) Table {
	t := Table{Name: "vorhaben_status", Header: []string{"vorhaben_id", "status", "date"}}
	for _, v := range d.Vorhaben {
		for _, c := range v.Changes {
			t.Rows = append(t.Rows, []any{v.ID, c.Status, c.At.Format(dateTimeFormat)})
		}
	}
	return t
}
