package digest

import (
	"cmp"
	"slices"
)

// voices counts the approved opinions by theme and district and quotes
// the most agreed-with of each theme. Opinions of any other status are
// neither counted nor quoted; those awaiting moderation are counted apart.
func (b *builder) voices() Voices {
	d := b.d
	var v Voices
	themes := newTally(d.Community.Themes)
	districts := newTally(d.Community.Districts)
	examples := map[string][]Quote{}
	type cell struct{ theme, district string }
	grid := map[cell]int{}
	for _, o := range d.Opinions {
		now, prev := d.Period.Contains(o.Created), d.Previous.Contains(o.Created)
		if now {
			b.written++
		}
		if (o.Status == Pending || o.Status == Held) && o.Created.Before(d.Period.To) {
			v.Waiting++
		}
		if o.Status != Approved {
			continue
		}
		v.Opinions.Now += b2i(now)
		v.Opinions.Before += b2i(prev)
		themes.add(o.Theme, now, prev)
		districts.add(o.District, now, prev)
		if now {
			grid[cell{o.Theme, o.District}]++
			examples[o.Theme] = append(examples[o.Theme], Quote{
				ID: o.ID, Text: o.Text, District: label(b.names.districts, o.District), NextStep: o.NextStep,
				Agree: o.Agree, Disagree: o.Disagree, Pass: o.Pass,
			})
		}
	}
	for _, x := range d.Votes {
		v.Votes.Now += b2i(d.Period.Contains(x.At))
		v.Votes.Before += b2i(d.Previous.Contains(x.At))
	}
	for _, r := range themes.rows(b.names.themes) {
		ex := examples[r.ID]
		slices.SortFunc(ex, func(x, y Quote) int {
			return cmp.Or(cmp.Compare(y.Agree, x.Agree), cmp.Compare(x.Disagree, y.Disagree), cmp.Compare(x.ID, y.ID))
		})
		v.Themes = append(v.Themes, ThemeVoices{Row: r, Examples: ex[:min(len(ex), b.opts.Examples)]})
	}
	v.Districts = districts.rows(b.names.districts)
	v.Grid = make([][]int, len(v.Themes))
	for i, t := range v.Themes {
		v.Grid[i] = make([]int, len(v.Districts))
		for j, dd := range v.Districts {
			v.Grid[i][j] = grid[cell{t.ID, dd.ID}]
		}
	}
	return v
}
