package opinionmap

import (
	"cmp"
	"slices"
)

// CommonGround is a statement that every group, and all counted voters
// together, agree with (or reject) at ConsensusRate or more.
type CommonGround struct {
	Statement string
	Direction Direction
	Overall   Counts
	ByGroup   []Counts
	// MinRate is the lowest raw rate (side / votes, passes counted as
	// votes) among the groups and overall.
	MinRate float64
}

// consensus finds the common ground: statements where every group has at
// least MinGroupVotes votes and the raw agree (or disagree) rate is at least
// ConsensusRate in every group and overall. Highest MinRate first.
func (a *analysis) consensus() {
	k := len(a.res.Groups)
	var out []CommonGround
	for _, j := range a.reported {
		groups := a.byGroup[int(j)*k : int(j+1)*k : int(j+1)*k]
		for _, d := range []Direction{Agreeing, Disagreeing} {
			minRate := rate(a.overall[j].side(d), a.overall[j].Votes())
			ok := true
			for _, c := range groups {
				if c.Votes() < a.opts.MinGroupVotes {
					ok = false
					break
				}
				minRate = min(minRate, rate(c.side(d), c.Votes()))
			}
			if ok && minRate >= a.opts.ConsensusRate {
				out = append(out, CommonGround{Statement: a.m.statements[j], Direction: d, Overall: a.overall[j], ByGroup: groups, MinRate: minRate})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y CommonGround) int {
		return cmp.Or(cmp.Compare(y.MinRate, x.MinRate), cmp.Compare(x.Statement, y.Statement))
	})
	a.res.Consensus = out
}
