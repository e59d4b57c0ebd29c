package digest

// participation counts new and active people by district and role. A
// person is active in a period when their last activity or one of their
// votes falls in it.
func (b *builder) participation() Participation {
	d := b.d
	votedNow, votedPrev := map[string]bool{}, map[string]bool{}
	for _, v := range d.Votes {
		if d.Period.Contains(v.At) {
			votedNow[v.Voter] = true
		} else if d.Previous.Contains(v.At) {
			votedPrev[v.Voter] = true
		}
	}
	dist := newPeopleTally(d.Community.Districts)
	role := newPeopleTally(d.Community.Roles)
	var p Participation
	for _, x := range d.People {
		if !x.Joined.Before(d.Period.To) {
			continue
		}
		f := personFigures{
			registered: true,
			newNow:     d.Period.Contains(x.Joined),
			newPrev:    d.Previous.Contains(x.Joined),
			activeNow:  d.Period.Contains(x.LastActive) || votedNow[x.Ref],
			activePrev: d.Previous.Contains(x.LastActive) || votedPrev[x.Ref],
		}
		p.Registered++
		f.addTo(&p.New, &p.Active)
		dist.add(x.District, f)
		role.add(x.Role, f)
	}
	p.PopulationKnown = len(d.Community.Districts) > 0
	for _, c := range d.Community.Districts {
		if c.Population <= 0 {
			p.PopulationKnown = false
			p.MissingPopulation = append(p.MissingPopulation, c.Name)
		}
	}
	pop := map[string]int{}
	for _, c := range d.Community.Districts {
		pop[c.ID] = c.Population
	}
	for _, r := range dist.rows(b.names.districts) {
		row := DistrictRow{PeopleRow: r, Population: pop[r.ID]}
		if row.Population > 0 {
			row.ActivePer1000 = float64(r.Active.Now) * 1000 / float64(row.Population)
		}
		p.Districts = append(p.Districts, row)
	}
	p.Roles = role.rows(b.names.roles)
	return p
}

type personFigures struct {
	registered, newNow, newPrev, activeNow, activePrev bool
}

func (f personFigures) addTo(n, a *Figure) {
	n.Now += b2i(f.newNow)
	n.Before += b2i(f.newPrev)
	a.Now += b2i(f.activeNow)
	a.Before += b2i(f.activePrev)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// peopleTally is tally for PeopleRow.
type peopleTally struct {
	order []string
	rowOf map[string]*PeopleRow
}

func newPeopleTally(cs []Category) *peopleTally {
	t := &peopleTally{rowOf: map[string]*PeopleRow{}}
	for _, c := range cs {
		t.row(c.ID)
	}
	return t
}

func (t *peopleTally) row(id string) *PeopleRow {
	r, ok := t.rowOf[id]
	if !ok {
		r = &PeopleRow{ID: id}
		t.rowOf[id] = r
		t.order = append(t.order, id)
	}
	return r
}

func (t *peopleTally) add(id string, f personFigures) {
	r := t.row(id)
	r.Registered += b2i(f.registered)
	f.addTo(&r.New, &r.Active)
}

// rows lists configured values first, then others, then "not given" when
// anyone has no value.
func (t *peopleTally) rows(m map[string]string) []PeopleRow {
	var out []PeopleRow
	for _, id := range t.order {
		if id == "" {
			continue
		}
		r := *t.rowOf[id]
		r.Name = label(m, id)
		out = append(out, r)
	}
	if r, ok := t.rowOf[""]; ok && r.Registered > 0 {
		out = append(out, *r)
	}
	return out
}
