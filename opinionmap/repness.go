package opinionmap

import (
	"cmp"
	"math"
	"slices"
)

// Representative is a statement on which a group leans to one side more
// than all other counted voters, with Pol.is's figures for it.
type Representative struct {
	Statement string
	Group     int
	Direction Direction
	In, Rest  Counts // votes within the group and of everybody else
	// Rate and RestRate are the smoothed rates (side+1)/(votes+2) of the
	// direction's side within the group and among the rest; Ratio is
	// Rate/RestRate (Pol.is's "repness").
	Rate, RestRate, Ratio float64
	// Z is Pol.is's two-proportion z (+1 on every count) of the group
	// against the rest; P its one-sided p-value. RateZ is Pol.is's test of
	// the group's rate against one half.
	Z, P, RateZ float64
	Method      Method
	// Metric is Ratio·Z·Rate·RateZ, Pol.is's ranking.
	Metric float64
	// BestAgree marks the group's strongest agreement, put first.
	BestAgree bool
}

// z90 is Pol.is's one-sided 90 % threshold for a z statistic.
const z90 = 1.2816

// representatives ranks, for every group, the statements as Pol.is does.
// For each group and reported statement the direction (agree or disagree)
// with the larger group-vs-rest z is tested. A statement counts when the
// group's side is a significant majority (RateZ > 1.2816, as in Pol.is)
// and its group-vs-rest difference survives the Benjamini–Hochberg
// procedure at RepresentativeFDR over all groups × statements tested.
// Each group's list is ordered by Metric, cut to MaxRepresentative, with
// the best agreement first and agreements before disagreements.
func (a *analysis) representatives() {
	k := len(a.res.Groups)
	test := func(g int, j int32) Representative {
		in := a.byGroup[int(j)*k+g]
		rest := a.overall[j].sub(in)
		r := representative(in, rest, Agreeing)
		if d := representative(in, rest, Disagreeing); d.Z > r.Z {
			r = d
		}
		r.Statement, r.Group = a.m.statements[j], g
		return r
	}
	// Every test counts for the false discovery rate. Only the p-values
	// are kept, and the tests are made again for those that pass: on
	// 100,000 statements, keeping them all would cost hundreds of MB.
	ps := make([]float64, 0, k*len(a.reported))
	for g := range k {
		for _, j := range a.reported {
			ps = append(ps, test(g, j).P)
		}
	}
	cut := bhThreshold(slices.Clone(ps), a.opts.RepresentativeFDR)
	limit := a.opts.MaxRepresentative
	for g := range k {
		var top []Representative // the best by Metric, at most limit
		var bestAgree *Representative
		for i, j := range a.reported {
			if ps[g*len(a.reported)+i] > cut {
				continue
			}
			r := test(g, j)
			if r.RateZ <= z90 {
				continue
			}
			if r.Direction == Agreeing && (bestAgree == nil || ranksBefore(r, *bestAgree)) {
				bestAgree = &r
			}
			top = append(top, r)
			if len(top) > 4*limit+4 {
				top = best(top, limit)
			}
		}
		top = best(top, limit)
		if bestAgree != nil {
			b := *bestAgree
			b.BestAgree = true
			top = slices.DeleteFunc(top, func(r Representative) bool { return r.Statement == b.Statement })
			top = append([]Representative{b}, top...)
		}
		top = top[:min(len(top), limit)]
		slices.SortStableFunc(top, func(x, y Representative) int { return cmp.Compare(y.Direction, x.Direction) })
		a.res.Groups[g].Representative = top
	}
}

// ranksBefore orders representative statements by Metric, then by id.
func ranksBefore(x, y Representative) bool {
	return cmp.Or(cmp.Compare(y.Metric, x.Metric), cmp.Compare(x.Statement, y.Statement)) < 0
}

// best sorts reps by rank and keeps the first n.
func best(reps []Representative, n int) []Representative {
	slices.SortStableFunc(reps, func(x, y Representative) int {
		return cmp.Or(cmp.Compare(y.Metric, x.Metric), cmp.Compare(x.Statement, y.Statement))
	})
	return reps[:min(len(reps), n)]
}

// bhThreshold returns the largest p-value that passes the
// Benjamini–Hochberg procedure at rate q over the p-values of all tests
// (−1 if none). It sorts ps.
func bhThreshold(ps []float64, q float64) float64 {
	slices.Sort(ps)
	cut := -1.0
	for i, p := range ps {
		if p <= q*float64(i+1)/float64(len(ps)) {
			cut = p
		}
	}
	return cut
}

func representative(in, rest Counts, d Direction) Representative {
	x1, n1 := in.side(d), in.Votes()
	x2, n2 := rest.side(d), rest.Votes()
	r := Representative{Direction: d, In: in, Rest: rest, Method: ZTest, Rate: smoothed(x1, n1), RestRate: smoothed(x2, n2)}
	r.Ratio = r.Rate / r.RestRate
	r.Z = twoPropZ(float64(x1+1), float64(n1+1), float64(x2+1), float64(n2+1))
	r.P = normalUpper(r.Z)
	r.RateZ = propZ(x1, n1)
	r.Metric = r.Ratio * r.Z * r.Rate * r.RateZ
	return r
}

// propZ is Pol.is's test of x of n against one half, with one added to
// both counts: 2·sqrt(n+1)·((x+1)/(n+1) − 1/2).
func propZ(x, n int) float64 {
	return 2 * math.Sqrt(float64(n+1)) * (float64(x+1)/float64(n+1) - 0.5)
}
