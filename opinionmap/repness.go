package opinionmap

import (
	"cmp"
	"slices"
)

// Representative is a statement on which a group leans to one side
// significantly more than all other counted voters.
type Representative struct {
	Statement string
	Group     int
	Direction Direction
	In, Rest  Counts // votes within the group and of everybody else
	// Rate and RestRate are the smoothed rates (side+1)/(votes+2) of the
	// direction's side within the group and among the rest.
	Rate, RestRate float64
	Method         Method
	Z              float64 // the z statistic (z-test only)
	P              float64 // one-sided p-value
}

// representatives tests every reported statement for every group, in both
// directions. A statement is representative for a group when the group has
// at least MinGroupVotes votes on it, the group's smoothed rate of one side
// is above one half and above the rest's, and the one-sided test gives
// p < Alpha. The test is the pooled two-proportion z-test on smoothed
// counts (side+1 of votes+2, as Pol.is does), or Fisher's exact test on the
// raw counts when a cell of the 2×2 table expects fewer than 5 votes.
func (a *analysis) representatives() {
	k := len(a.res.Groups)
	for g := range a.res.Groups {
		var reps []Representative
		for _, j := range a.reported {
			in := a.byGroup[int(j)*k+g]
			if in.Votes() < a.opts.MinGroupVotes {
				continue
			}
			rest := a.overall[j].sub(in)
			for _, d := range []Direction{Agreeing, Disagreeing} {
				r, ok := representative(in, rest, d, a.opts.Alpha)
				if ok {
					r.Statement, r.Group = a.m.statements[j], g
					reps = append(reps, r)
				}
			}
		}
		slices.SortStableFunc(reps, func(x, y Representative) int {
			return cmp.Or(cmp.Compare(x.P, y.P), cmp.Compare(y.Rate-y.RestRate, x.Rate-x.RestRate), cmp.Compare(x.Statement, y.Statement))
		})
		a.res.Groups[g].Representative = reps
	}
}

func representative(in, rest Counts, d Direction, alpha float64) (Representative, bool) {
	x1, n1 := in.side(d), in.Votes()
	x2, n2 := rest.side(d), rest.Votes()
	r := Representative{Direction: d, In: in, Rest: rest, Rate: smoothed(x1, n1), RestRate: smoothed(x2, n2)}
	if n2 == 0 || r.Rate <= 0.5 || r.Rate <= r.RestRate {
		return r, false
	}
	if smallCell(x1, n1-x1, x2, n2-x2) {
		r.Method = FisherExact
		r.P = fisherGreater(x1, n1-x1, x2, n2-x2)
	} else {
		r.Method = ZTest
		r.Z = twoPropZ(float64(x1+1), float64(n1+2), float64(x2+1), float64(n2+2))
		r.P = normalUpper(r.Z)
	}
	return r, r.P < alpha
}

// smallCell reports whether a cell of the 2×2 table [[a, b], [c, d]]
// expects fewer than 5 counts under independence.
func smallCell(a, b, c, d int) bool {
	n := float64(a + b + c + d)
	rows := [2]float64{float64(a + b), float64(c + d)}
	cols := [2]float64{float64(a + c), float64(b + d)}
	for _, r := range rows {
		for _, c := range cols {
			if r*c/n < 5 {
				return true
			}
		}
	}
	return false
}
