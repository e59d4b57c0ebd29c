package digest

import (
	"maps"

	"github.com/heimatbot/heimatbot/opinionmap"
)

// blindSpots compares the period's voices (approved opinions) per
// district, theme and role with what their size leads to expect:
// districts with their population when every district has one, else with
// their registered participants; roles with their registered
// participants; themes with equal shares. Voices without a configured
// value are left out. Categories expecting fewer than 5 voices are too
// small to judge and named as such.
func (b *builder) blindSpots() ([]BlindSpotCheck, error) {
	d := b.d
	observed := map[Dimension]map[string]int{
		DimDistrict: zeros(d.Community.Districts),
		DimTheme:    zeros(d.Community.Themes),
		DimRole:     zeros(d.Community.Roles),
	}
	for _, o := range d.Opinions {
		if o.Status != Approved || !d.Period.Contains(o.Created) {
			continue
		}
		inc(observed[DimDistrict], o.District)
		inc(observed[DimTheme], o.Theme)
		inc(observed[DimRole], o.Role)
	}
	participants := map[Dimension]map[string]float64{DimDistrict: {}, DimRole: {}}
	for dim, m := range participants {
		for id := range observed[dim] {
			m[id] = 0
		}
	}
	for _, p := range d.People {
		if !p.Joined.Before(d.Period.To) {
			continue
		}
		if _, ok := observed[DimDistrict][p.District]; ok {
			participants[DimDistrict][p.District]++
		}
		if _, ok := observed[DimRole][p.Role]; ok {
			participants[DimRole][p.Role]++
		}
	}
	population := map[string]float64{}
	for _, c := range d.Community.Districts {
		if c.Population <= 0 {
			population = nil
			break
		}
		population[c.ID] = float64(c.Population)
	}

	var out []BlindSpotCheck
	for _, x := range []struct {
		dim    Dimension
		names  map[string]string
		shares map[string]float64
		basis  Basis
	}{
		{DimDistrict, b.names.districts, population, ByPopulation},
		{DimTheme, b.names.themes, nil, ByEqualShares},
		{DimRole, b.names.roles, participants[DimRole], ByParticipants},
	} {
		if x.dim == DimDistrict && population == nil {
			x.shares, x.basis = participants[DimDistrict], ByParticipants
		}
		if len(observed[x.dim]) == 0 {
			continue
		}
		if total(x.shares) == 0 {
			x.shares, x.basis = nil, ByEqualShares
		}
		c, err := b.check(x.dim, observed[x.dim], x.shares, x.basis, x.names)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (b *builder) check(dim Dimension, observed map[string]int, shares map[string]float64, basis Basis, names map[string]string) (BlindSpotCheck, error) {
	c := BlindSpotCheck{Dimension: dim, Basis: basis}
	for _, n := range observed {
		c.N += n
	}
	if c.N == 0 {
		return c, nil
	}
	if shares != nil {
		// A category nobody belongs to and nobody spoke for is no blind
		// spot, nor too small to judge: it is left out, not listed.
		observed, shares = maps.Clone(observed), maps.Clone(shares)
		for id, n := range observed {
			if n == 0 && shares[id] == 0 {
				delete(observed, id)
				delete(shares, id)
			}
		}
	}
	r, err := opinionmap.BlindSpots(observed, shares, b.opts.Alpha)
	if err != nil {
		return c, err
	}
	c.Tested, c.ChiSquare, c.DF, c.P = r.Tested, r.ChiSquare, r.DF, r.P
	for _, cat := range r.UnderRepresented() {
		c.Under = append(c.Under, Cell{ID: cat.Name, Name: label(names, cat.Name), Observed: cat.Observed, Expected: cat.Expected, P: cat.P})
	}
	for _, cat := range r.Categories {
		if cat.TooSmall {
			c.TooSmall = append(c.TooSmall, label(names, cat.Name))
		}
	}
	return c, nil
}

func zeros(cs []Category) map[string]int {
	m := make(map[string]int, len(cs))
	for _, c := range cs {
		m[c.ID] = 0
	}
	return m
}

func total(m map[string]float64) float64 {
	t := 0.0
	for _, v := range m {
		t += v
	}
	return t
}

// inc counts v when it is a configured value.
func inc(m map[string]int, v string) {
	if _, ok := m[v]; ok {
		m[v]++
	}
}
