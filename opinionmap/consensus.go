package opinionmap

import (
	"cmp"
	"slices"
)

// CommonGround is a statement that the counted voters agree with (or
// reject) as a whole, or every group does.
type CommonGround struct {
	Statement string
	Direction Direction
	Overall   Counts
	ByGroup   []Counts // indexed by Group.ID; nil without groups
	// Rate is the smoothed rate (side+1)/(votes+2) among all counted
	// voters, Z Pol.is's test of it against one half.
	Rate, Z float64
	// GroupRate is the product of the groups' smoothed rates (Pol.is's
	// group-aware consensus); MinGroupZ the smallest group's test against
	// one half. Both 0 without groups.
	GroupRate, MinGroupZ float64
}

// consensus finds Pol.is's consensus statements: among all counted
// voters, a smoothed rate above one half with z > 1.2816, the
// MaxConsensus highest Rate·Z per direction.
func (a *analysis) consensus() {
	var agree, disagree []CommonGround
	for _, j := range a.reported {
		for _, d := range []Direction{Agreeing, Disagreeing} {
			c := a.commonGround(j, d)
			if c.Rate > 0.5 && c.Z > z90 {
				if d == Agreeing {
					agree = append(agree, c)
				} else {
					disagree = append(disagree, c)
				}
			}
		}
	}
	by := func(x, y CommonGround) int {
		return cmp.Or(cmp.Compare(y.Rate*y.Z, x.Rate*x.Z), cmp.Compare(x.Statement, y.Statement))
	}
	a.res.Consensus = append(a.top(agree, by), a.top(disagree, by)...)
}

// groupConsensus finds the group-aware consensus: statements on which
// every group's smoothed rate is above one half with z > 1.2816, the
// MaxConsensus highest products of the groups' rates per direction.
func (a *analysis) groupConsensus() {
	var agree, disagree []CommonGround
	for _, j := range a.reported {
		for _, d := range []Direction{Agreeing, Disagreeing} {
			c := a.commonGround(j, d)
			if c.MinGroupZ > z90 {
				if d == Agreeing {
					agree = append(agree, c)
				} else {
					disagree = append(disagree, c)
				}
			}
		}
	}
	by := func(x, y CommonGround) int {
		return cmp.Or(cmp.Compare(y.GroupRate, x.GroupRate), cmp.Compare(x.Statement, y.Statement))
	}
	a.res.GroupConsensus = append(a.top(agree, by), a.top(disagree, by)...)
}

func (a *analysis) commonGround(j int32, d Direction) CommonGround {
	o := a.overall[j]
	c := CommonGround{Statement: a.m.statements[j], Direction: d, Overall: o,
		Rate: smoothed(o.side(d), o.Votes()), Z: propZ(o.side(d), o.Votes())}
	if k := len(a.res.Groups); k > 1 {
		c.ByGroup = a.byGroup[int(j)*k : int(j+1)*k : int(j+1)*k]
		c.GroupRate = 1
		for g, gc := range c.ByGroup {
			c.GroupRate *= smoothed(gc.side(d), gc.Votes())
			if z := propZ(gc.side(d), gc.Votes()); g == 0 || z < c.MinGroupZ {
				c.MinGroupZ = z
			}
		}
	}
	return c
}

func (a *analysis) top(cs []CommonGround, by func(x, y CommonGround) int) []CommonGround {
	slices.SortStableFunc(cs, by)
	return cs[:min(len(cs), a.opts.MaxConsensus)]
}
