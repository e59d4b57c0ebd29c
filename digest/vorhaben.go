package digest

import (
	"slices"
	"time"
)

// Vorhaben is a concrete next step someone holds, without the people
// behind it.
type Vorhaben struct {
	ID, Title, Theme, District string
	// Status is new, running, stuck, done or dropped (store.Vorhaben*).
	Status string
	// Note is the sentence of the last status: what it waits for.
	Note string
	Held bool
	// Holder is the holder's handle, which they agreed to show when they
	// accepted; empty while nobody holds it.
	Holder             string
	Created, News, Due time.Time
	Stuck              time.Time
	Changes            []StatusChange
	// Followers is how many want to hear of it.
	Followers int
}

// StatusChange is one status a Vorhaben's holder reported.
type StatusChange struct {
	Status string
	At     time.Time
}

// WordBack is one message that told the followers of a Vorhaben its new
// status: how many it reached, and when it was sent.
type WordBack struct {
	Reached int
	At      time.Time
}

// The statuses of a Vorhaben the digest tells apart.
const (
	vhDone    = "done"
	vhStuck   = "stuck"
	vhDropped = "dropped"
)

// VorhabenReport is the digest's part on the Vorhaben.
type VorhabenReport struct {
	// New were created in the period, Done finished in it.
	New, Done Figure
	// Open are those still going at the period's end.
	Open int
	// Stuck wait for something (the note says what), longest stuck
	// first; Silent had no news for Silence or longer; DueSoon are due
	// within two weeks of the period's end.
	Stuck, Silent, DueSoon []VorhabenView
	// Silence is what counts as silent for too long.
	Silence time.Duration
	// HeardBack is how many messages told followers a new status.
	HeardBack Figure
}

// VorhabenView is a Vorhaben named in the digest.
type VorhabenView struct {
	ID, Title, Theme, District, Note string
	// Days is how long it has been stuck or silent.
	Days int
	Due  time.Time
}

// dueSoon is how far ahead the digest looks for due dates.
const dueSoon = 14 * 24 * time.Hour

// vorhaben reports the Vorhaben at the period's end.
func (b *builder) vorhaben() VorhabenReport {
	d := b.d
	r := VorhabenReport{Silence: b.opts.Silence}
	end := d.Period.To
	for _, v := range d.Vorhaben {
		if v.Created.After(end) {
			continue
		}
		r.New.Now += b2i(d.Period.Contains(v.Created))
		r.New.Before += b2i(d.Previous.Contains(v.Created))
		status := v.Status
		for _, c := range v.Changes {
			if c.Status == vhDone {
				r.Done.Now += b2i(d.Period.Contains(c.At))
				r.Done.Before += b2i(d.Previous.Contains(c.At))
			}
		}
		if status == vhDone || status == vhDropped {
			continue
		}
		r.Open++
		view := VorhabenView{ID: v.ID, Title: v.Title, Theme: label(b.names.themes, v.Theme),
			District: label(b.names.districts, v.District), Note: v.Note, Due: v.Due}
		switch {
		case status == vhStuck:
			view.Days = days(end.Sub(v.Stuck))
			r.Stuck = append(r.Stuck, view)
		case end.Sub(v.News) >= b.opts.Silence:
			view.Days = days(end.Sub(v.News))
			r.Silent = append(r.Silent, view)
		}
		if !v.Due.IsZero() && !v.Due.Before(end) && v.Due.Sub(end) <= dueSoon {
			r.DueSoon = append(r.DueSoon, view)
		}
	}
	for _, w := range d.WordBack {
		if d.Period.Contains(w.At) {
			r.HeardBack.Now += w.Reached
		}
		if d.Previous.Contains(w.At) {
			r.HeardBack.Before += w.Reached
		}
	}
	longest := func(x, y VorhabenView) int { return y.Days - x.Days }
	slices.SortStableFunc(r.Stuck, longest)
	slices.SortStableFunc(r.Silent, longest)
	slices.SortStableFunc(r.DueSoon, func(x, y VorhabenView) int { return x.Due.Compare(y.Due) })
	return r
}

func days(d time.Duration) int { return int(d / (24 * time.Hour)) }

// vorhaben writes the Vorhaben part.
func (w *writer) vorhaben(r VorhabenReport) {
	w.add("digest_vh_title")
	if r.Open == 0 && r.New.Now == 0 && r.Done.Now == 0 {
		w.add("digest_vh_none")
		return
	}
	w.add("digest_vh_summary", "Count", r.New.Now, "Before", r.New.Before)
	w.add("digest_vh_done", "Count", r.Done.Now, "Before", r.Done.Before)
	w.add("digest_vh_open", "Count", r.Open)
	w.add("digest_vh_heard", "Count", r.HeardBack.Now, "Before", r.HeardBack.Before)
	if len(r.Stuck) > 0 {
		w.add("digest_vh_stuck", "Count", len(r.Stuck))
		for _, v := range r.Stuck {
			w.add("digest_vh_stuck_row", "Title", v.Title, "District", v.District, "Note", v.Note, "Count", v.Days)
		}
	}
	if len(r.Silent) > 0 {
		w.add("digest_vh_silent", "Count", len(r.Silent), "Days", days(r.Silence))
		for _, v := range r.Silent {
			w.add("digest_vh_silent_row", "Title", v.Title, "District", v.District, "Count", v.Days)
		}
	}
	if len(r.DueSoon) > 0 {
		w.add("digest_vh_due", "Count", len(r.DueSoon))
		for _, v := range r.DueSoon {
			w.add("digest_vh_due_row", "Title", v.Title, "District", v.District, "Date", w.date(v.Due))
		}
	}
}
