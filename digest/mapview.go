package digest

import (
	"cmp"
	"strconv"

	"github.com/heimatbot/heimatbot/opinionmap"
)

// Voter attributes the opinion map tests divisions over.
const (
	attrDistrict = "district"
	attrRole     = "role"
)

// MapInput is the opinion map's input for d: every vote cast before the
// period's end on an approved opinion, and, as in Pol.is, the votes on
// opinions moderation rejected, which count towards a voter's number of
// votes but stay off the map (Input.ModeratedOut). Opinions still awaiting
// moderation are never shown to residents and are left out. A voter's
// district and role are taken from their latest vote, else from their
// profile.
func MapInput(d Data) opinionmap.Input {
	status := d.statuses()
	people := make(map[string]*Person, len(d.People))
	for i := range d.People {
		people[d.People[i].Ref] = &d.People[i]
	}
	in := opinionmap.Input{Votes: make([]opinionmap.Vote, 0, len(d.Votes)), Voters: map[string]opinionmap.Attributes{}}
	listed := map[string]bool{} // rejected opinions in in.ModeratedOut
	latest := map[string]int{}  // voter -> index of the latest vote
	for i, v := range d.Votes {
		if !d.onMap(v, status) {
			continue
		}
		if status[v.Statement] == Rejected && !listed[v.Statement] {
			listed[v.Statement] = true
			in.ModeratedOut = append(in.ModeratedOut, v.Statement)
		}
		in.Votes = append(in.Votes, opinionmap.Vote{Voter: v.Voter, Statement: v.Statement, Value: v.Value})
		if j, ok := latest[v.Voter]; !ok || !v.At.Before(d.Votes[j].At) {
			latest[v.Voter] = i
		}
	}
	for voter, i := range latest {
		v := d.Votes[i]
		dist, role := v.District, v.Role
		if p := people[voter]; p != nil {
			dist, role = cmp.Or(dist, p.District), cmp.Or(role, p.Role)
		}
		a := opinionmap.Attributes{}
		if dist != "" {
			a[attrDistrict] = dist
		}
		if role != "" {
			a[attrRole] = role
		}
		in.Voters[voter] = a
	}
	return in
}

// MapVotes returns the votes MapInput reads, in their order.
func (d Data) MapVotes() []Vote {
	status := d.statuses()
	var out []Vote
	for _, v := range d.Votes {
		if d.onMap(v, status) {
			out = append(out, v)
		}
	}
	return out
}

func (d Data) statuses() map[string]OpinionStatus {
	status := make(map[string]OpinionStatus, len(d.Opinions))
	for _, o := range d.Opinions {
		status[o.ID] = o.Status
	}
	return status
}

// onMap reports whether the opinion map reads v.
func (d Data) onMap(v Vote, status map[string]OpinionStatus) bool {
	st := status[v.Statement]
	return v.At.Before(d.Period.To) && (st == Approved || st == Rejected)
}

// opinionMap draws the map of MapInput(d).
func (b *builder) opinionMap() (MapView, error) {
	d := b.d
	m, err := opinionmap.Compute(MapInput(*d), b.opts.Map)
	if err != nil {
		return MapView{}, err
	}
	stmts := make(map[string]*Opinion, len(d.Opinions))
	for i := range d.Opinions {
		if o := &d.Opinions[i]; o.Status == Approved {
			stmts[o.ID] = o
		}
	}
	stmt := func(id string) Statement {
		s := Statement{ID: id}
		if o := stmts[id]; o != nil {
			s.Text, s.Theme = o.Text, label(b.names.themes, o.Theme)
		}
		return s
	}
	return ViewMap(m, stmt, b.opts.Top, b.names), nil
}

// ViewMap is the digest's reading of the map m: the top statements of
// every kind, each with the text stmt gives for its id; names labels
// districts and roles.
func ViewMap(m *opinionmap.Map, stmt func(id string) Statement, top int, names Labels) MapView {
	o := m.Options
	mv := MapView{
		Status: m.Status, Summary: m.Summary,
		MinVoters: o.MinVoters, MinVotesPerVoter: o.MinVotesPerVoter, MinStatementVotes: o.MinStatementVotes,
		Permutations: m.Test.Permutations, MinGroupSize: o.MinGroupSize,
	}
	if m.Status == opinionmap.NotEnoughData {
		return mv
	}
	mv.Structure, mv.NullMax, mv.P, mv.Structured = m.Test.Statistic, m.Test.NullMax, m.Test.P, m.Test.Passed
	if m.Status == opinionmap.Groups {
		for _, g := range m.Groups {
			gv := GroupView{Name: GroupName(g.ID), Size: g.Size}
			for _, r := range g.Representative[:min(top, len(g.Representative))] {
				gv.Representative = append(gv.Representative, Distinct{
					Statement: stmt(r.Statement), Agreeing: r.Direction == opinionmap.Agreeing,
					Side: side(r.In, r.Direction), Votes: r.In.Votes(),
					RestSide: side(r.Rest, r.Direction), RestVotes: r.Rest.Votes(), P: r.P,
				})
			}
			mv.Groups = append(mv.Groups, gv)
		}
	}
	// With groups, common ground is what every group holds (Pol.is's
	// group-aware consensus); without, what the majority holds.
	common := m.Consensus
	if m.Status == opinionmap.Groups {
		common = m.GroupConsensus
	}
	for _, c := range common[:min(top, len(common))] {
		mv.CommonGround = append(mv.CommonGround, Common{
			Statement: stmt(c.Statement), Agreeing: c.Direction == opinionmap.Agreeing,
			Side: side(c.Overall, c.Direction), Votes: c.Overall.Votes(), MinRate: minRate(c),
		})
	}
	groupLabel := func(v string) string {
		n, _ := strconv.Atoi(v)
		return GroupName(n)
	}
	mv.Divisive = divides(m.Divisive, top, stmt, groupLabel)
	mv.ByDistrict = divides(m.DivisiveBy[attrDistrict], top, stmt, func(id string) string { return label(names.districts, id) })
	mv.ByRole = divides(m.DivisiveBy[attrRole], top, stmt, func(id string) string { return label(names.roles, id) })
	return mv
}

func divides(ds []opinionmap.Division, top int, stmt func(string) Statement, name func(string) string) []Divide {
	var out []Divide
	for _, d := range ds[:min(top, len(ds))] {
		out = append(out, Divide{
			Statement: stmt(d.Statement),
			High:      Side{Name: name(d.Highest.Value), Agree: d.Highest.Agree, Votes: d.Highest.Votes()},
			Low:       Side{Name: name(d.Lowest.Value), Agree: d.Lowest.Agree, Votes: d.Lowest.Votes()},
			N:         d.N, ChiSquare: d.ChiSquare, DF: d.DF, P: d.P,
		})
	}
	return out
}

// minRate is the lowest raw rate of the statement's side among the groups
// (overall without groups).
func minRate(c opinionmap.CommonGround) float64 {
	rate := func(x opinionmap.Counts) float64 {
		if x.Votes() == 0 {
			return 0
		}
		return float64(side(x, c.Direction)) / float64(x.Votes())
	}
	if len(c.ByGroup) == 0 {
		return rate(c.Overall)
	}
	low := 1.0
	for _, g := range c.ByGroup {
		low = min(low, rate(g))
	}
	return low
}

func side(c opinionmap.Counts, d opinionmap.Direction) int {
	if d == opinionmap.Disagreeing {
		return c.Disagree
	}
	return c.Agree
}

// GroupName names opinion group i (0-based) with a letter: A, B, … as the
// digest and the residents' mirror show it.
func GroupName(i int) string {
	if i < 0 || i >= 26 {
		return strconv.Itoa(i + 1)
	}
	return string(rune('A' + i))
}
