package opinionmap

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
)

// AttributeGroup is the Division.Attribute of divisions between opinion
// groups; Split.Value is then the group ID in decimal.
const AttributeGroup = "group"

// Split is the votes on a statement of the voters with one attribute value
// (or of one group).
type Split struct {
	Value string
	Counts
}

// Division is a statement on which the values of an attribute (or the
// opinion groups) vote significantly differently.
type Division struct {
	Statement string
	Attribute string
	Method    Method
	// ChiSquare, DF and P are the test over Splits × {agree, disagree};
	// passes are not part of the test. N is the agree and disagree votes
	// tested.
	ChiSquare float64
	DF        int
	P         float64
	N         int
	// Spread is Highest's agree rate minus Lowest's (raw rates, passes
	// counted as votes), over the tested values.
	Spread          float64
	Highest, Lowest Split
	Splits          []Split // tested values
	// LeftOut are values with too few votes for the test: the value with
	// the fewest agree+disagree votes is left out while any cell expects
	// fewer than 5.
	LeftOut []Split
	// Unknown is the votes of counted voters without a value.
	Unknown int
}

func groupNames(k int) []string {
	names := make([]string, k)
	for i := range names {
		names[i] = strconv.Itoa(i)
	}
	return names
}

// divisive tests every reported statement with the chi-square test of
// independence over values × {agree, disagree} and returns those with
// p < Alpha, largest spread first. counts is indexed
// [statement*len(values) + value].
func (a *analysis) divisive(attr string, counts []Counts, values []string) []Division {
	var out []Division
	k := len(values)
	splits := make([]Split, 0, k) // scratch, reused per statement
	for _, j := range a.reported {
		splits = splits[:0]
		seen := 0
		for v, c := range counts[int(j)*k : int(j+1)*k] {
			seen += c.Votes()
			if c.Votes() > 0 {
				splits = append(splits, Split{Value: values[v], Counts: c})
			}
		}
		d, ok := testSplits(splits)
		if !ok || d.P >= a.opts.Alpha {
			continue
		}
		d.Splits, d.LeftOut = slices.Clone(d.Splits), slices.Clone(d.LeftOut)
		slices.SortFunc(d.LeftOut, func(x, y Split) int { return cmp.Compare(x.Value, y.Value) })
		if len(d.LeftOut) == 0 {
			d.LeftOut = nil
		}
		d.Statement, d.Attribute, d.Unknown = a.m.statements[j], attr, a.overall[j].Votes()-seen
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(x, y Division) int {
		return cmp.Or(cmp.Compare(y.Spread, x.Spread), cmp.Compare(x.P, y.P), cmp.Compare(x.Statement, y.Statement))
	})
	return out
}

// testSplits leaves out small values until every cell expects at least 5
// votes, then runs the test. ok is false when fewer than two values remain
// or a column is empty. It reorders all; d.Splits and d.LeftOut share its
// memory.
func testSplits(all []Split) (Division, bool) {
	var d Division
	kept := len(all) // all[:kept] are tested, all[kept:] left out
	for {
		if kept < 2 {
			return d, false
		}
		var col [2]float64
		rowMin, minAt := -1, -1
		for i, s := range all[:kept] {
			col[0] += float64(s.Agree)
			col[1] += float64(s.Disagree)
			if r := s.Agree + s.Disagree; rowMin < 0 || r <= rowMin {
				rowMin, minAt = r, i
			}
		}
		n := col[0] + col[1]
		if col[0] == 0 || col[1] == 0 {
			return d, false
		}
		if float64(rowMin)*min(col[0], col[1])/n >= 5 {
			break
		}
		// Move the smallest value behind the tested ones, keeping the order.
		left := all[minAt]
		copy(all[minAt:kept-1], all[minAt+1:kept])
		all[kept-1] = left
		kept--
	}
	splits := all[:kept]
	d.LeftOut = all[kept:]
	rows := make([][2]int, len(splits))
	d.Highest, d.Lowest = splits[0], splits[0]
	for i, s := range splits {
		rows[i] = [2]int{s.Agree, s.Disagree}
		d.N += s.Agree + s.Disagree
		if s.AgreeRate() > d.Highest.AgreeRate() {
			d.Highest = s
		}
		if s.AgreeRate() < d.Lowest.AgreeRate() {
			d.Lowest = s
		}
	}
	stat, df, p, ok := independence(rows)
	if !ok {
		return d, false
	}
	d.Method, d.ChiSquare, d.DF, d.P = ChiSquareIndep, stat, df, p
	d.Spread = d.Highest.AgreeRate() - d.Lowest.AgreeRate()
	d.Splits = splits
	return d, true
}

// attributeDivisions runs divisive over every attribute name found among
// the counted voters (names and values in ascending order).
func (a *analysis) attributeDivisions() {
	names := map[string]bool{}
	for _, i := range a.counted {
		for name := range a.in.Voters[a.m.voters[i]] {
			names[name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		valueIdx := map[string]int{}
		for _, i := range a.counted {
			if v, ok := a.in.Voters[a.m.voters[i]][name]; ok {
				valueIdx[v] = 0
			}
		}
		values := make([]string, 0, len(valueIdx))
		for v := range valueIdx {
			values = append(values, v)
		}
		slices.Sort(values)
		for k, v := range values {
			valueIdx[v] = k
		}
		labels := make([]int, len(a.m.voters))
		for i := range labels {
			labels[i] = -1
		}
		for _, i := range a.counted {
			if v, ok := a.in.Voters[a.m.voters[i]][name]; ok {
				labels[i] = valueIdx[v]
			}
		}
		if a.res.DivisiveBy == nil {
			a.res.DivisiveBy = map[string][]Division{}
		}
		a.res.DivisiveBy[name] = a.divisive(name, tally(a.m, labels, len(values)), values)
	}
}
