package digest

import (
	"slices"
)

// events lists the events held in the period (with attendance and
// feedback) and the coming ones from the period's end (with their
// answers), Top of each, soonest coming first.
func (b *builder) events() Events {
	d := b.d
	var e Events
	var upcoming []Event
	for _, ev := range d.Events {
		for _, f := range ev.Feedback {
			e.Feedback.Now += b2i(d.Period.Contains(f.At))
			e.Feedback.Before += b2i(d.Previous.Contains(f.At))
		}
		if ev.Cancelled {
			continue
		}
		switch {
		case d.Period.Contains(ev.Start):
			e.Held.Now++
			if ev.AttendanceKnown {
				e.Attended.Now += ev.Attended
			}
			e.Past = append(e.Past, b.eventView(ev))
		case d.Previous.Contains(ev.Start):
			e.Held.Before++
			if ev.AttendanceKnown {
				e.Attended.Before += ev.Attended
			}
		case !ev.Start.Before(d.Period.To):
			upcoming = append(upcoming, ev)
		}
	}
	byStart := func(x, y EventView) int { return x.Start.Compare(y.Start) }
	slices.SortFunc(e.Past, byStart)
	for _, ev := range upcoming {
		e.Upcoming = append(e.Upcoming, b.eventView(ev))
	}
	slices.SortFunc(e.Upcoming, byStart)
	e.Upcoming = e.Upcoming[:min(len(e.Upcoming), b.opts.Top)]
	return e
}

func (b *builder) eventView(ev Event) EventView {
	v := EventView{
		ID: ev.ID, Title: ev.Title, Theme: label(b.names.themes, ev.Theme), Start: ev.Start,
		Capacity: ev.Capacity, Yes: ev.Yes, Maybe: ev.Maybe, No: ev.No, Waiting: ev.Waiting,
		AttendanceKnown: ev.AttendanceKnown, Attended: ev.Attended, FeedbackN: len(ev.Feedback),
	}
	fb := slices.Clone(ev.Feedback)
	slices.SortFunc(fb, func(x, y Feedback) int { return x.At.Compare(y.At) })
	sum := 0
	for _, f := range fb {
		sum += f.Score
		if f.Comment != "" && len(v.Comments) < b.opts.Top {
			v.Comments = append(v.Comments, f.Comment)
		}
	}
	if len(fb) > 0 {
		v.MeanScore = float64(sum) / float64(len(fb))
	}
	return v
}

// helping counts offers, needs and matches.
func (b *builder) helping() Helping {
	d := b.d
	var h Helping
	cats := newTally(d.Community.HelpCategories)
	for _, o := range d.Offers {
		now, prev := d.Period.Contains(o.Created), d.Previous.Contains(o.Created)
		h.Offers.Now += b2i(now)
		h.Offers.Before += b2i(prev)
		h.Withdrawn.Now += b2i(!o.Withdrawn.IsZero() && d.Period.Contains(o.Withdrawn))
		h.Withdrawn.Before += b2i(!o.Withdrawn.IsZero() && d.Previous.Contains(o.Withdrawn))
		for _, c := range o.Categories {
			cats.add(c, now, prev)
		}
	}
	h.Categories = cats.rows(b.names.help)
	for _, n := range d.Needs {
		h.NewNeeds.Now += b2i(d.Period.Contains(n.Created))
		h.NewNeeds.Before += b2i(d.Previous.Contains(n.Created))
		matched := false
		for _, m := range n.Matches {
			h.Matches.Now += b2i(d.Period.Contains(m.At))
			h.Matches.Before += b2i(d.Previous.Contains(m.At))
			matched = matched || m.At.Before(d.Period.To)
		}
		if n.Status != NeedOpen || !n.Created.Before(d.Period.To) {
			continue
		}
		h.OpenNeeds++
		if !matched && n.Interested == 0 {
			h.Unanswered = append(h.Unanswered, NeedView{ID: n.ID, Title: n.Title, District: label(b.names.districts, n.District), Created: n.Created})
		}
	}
	slices.SortFunc(h.Unanswered, func(x, y NeedView) int { return x.Created.Compare(y.Created) })
	return h
}
