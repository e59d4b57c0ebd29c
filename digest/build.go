package digest

import (
	"errors"
	"fmt"
)

// ErrBadPeriod is returned (wrapped) for a period that ends before it
// starts.
var ErrBadPeriod = errors.New("period ends before it starts")

// Build computes the digest of d.Period, compared with d.Previous.
func Build(d Data, opts Options) (*Report, error) {
	if d.Period.To.Before(d.Period.From) || d.Previous.To.Before(d.Previous.From) {
		return nil, fmt.Errorf("digest: %w", ErrBadPeriod)
	}
	opts = opts.withDefaults()
	b := builder{d: &d, opts: opts, names: d.Community.Labels()}
	r := &Report{Community: d.Community.Name, Period: d.Period, Previous: d.Previous}
	r.Participation = b.participation()
	r.Voices = b.voices()
	m, err := b.opinionMap()
	if err != nil {
		return nil, fmt.Errorf("digest: opinion map: %w", err)
	}
	r.Map = m
	if r.BlindSpots, err = b.blindSpots(); err != nil {
		return nil, fmt.Errorf("digest: blind spots: %w", err)
	}
	r.Events = b.events()
	r.Helping = b.helping()
	r.Vorhaben = b.vorhaben()
	r.Quiet = quiet(r, b.written)
	return r, nil
}

// builder carries one Build.
type builder struct {
	d     *Data
	opts  Options
	names Labels
	// written counts opinions of any status written in the period.
	written int
}

// quiet reports whether nothing new happened in the period.
func quiet(r *Report, written int) bool {
	p, v, e, h := r.Participation, r.Voices, r.Events, r.Helping
	return p.New.Now == 0 && p.Active.Now == 0 && written == 0 && v.Votes.Now == 0 &&
		e.Held.Now == 0 && e.Feedback.Now == 0 &&
		h.Offers.Now == 0 && h.Withdrawn.Now == 0 && h.NewNeeds.Now == 0 && h.Matches.Now == 0 &&
		r.Vorhaben.New.Now == 0 && r.Vorhaben.Done.Now == 0 && r.Vorhaben.HeardBack.Now == 0
}

// tally counts ids into rows in the configured order, then rows for
// values not configured (in order of first appearance), then the row
// without a value ("") when it has counts.
type tally struct {
	order []string
	idx   map[string]int
	now   []int
	prev  []int
}

func newTally(cs []Category) *tally {
	t := &tally{idx: map[string]int{}}
	for _, c := range cs {
		t.slot(c.ID)
	}
	return t
}

func (t *tally) slot(id string) int {
	i, ok := t.idx[id]
	if !ok {
		i = len(t.order)
		t.idx[id] = i
		t.order = append(t.order, id)
		t.now = append(t.now, 0)
		t.prev = append(t.prev, 0)
	}
	return i
}

func (t *tally) add(id string, now, prev bool) {
	if !now && !prev {
		return
	}
	i := t.slot(id)
	if now {
		t.now[i]++
	}
	if prev {
		t.prev[i]++
	}
}

// rows returns the tally as rows; a row without id appears only with
// counts, and last.
func (t *tally) rows(m map[string]string) []Row {
	var out []Row
	var none *Row
	for i, id := range t.order {
		r := Row{ID: id, Name: label(m, id), Count: Figure{t.now[i], t.prev[i]}}
		if id == "" {
			none = &r
			continue
		}
		out = append(out, r)
	}
	if none != nil && (none.Count.Now > 0 || none.Count.Before > 0) {
		out = append(out, *none)
	}
	return out
}
