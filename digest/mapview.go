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

// opinionMap draws the map from every vote cast before the period's end
// on an approved opinion. A voter's district and role are taken from
// their latest vote, else from their profile.
func (b *builder) opinionMap() (MapView, error) {
	d := b.d
	stmts := make(map[string]*Opinion, len(d.Opinions))
	for i := range d.Opinions {
		if o := &d.Opinions[i]; o.Status == Approved {
			stmts[o.ID] = o
		}
	}
	people := make(map[string]*Person, len(d.People))
	for i := range d.People {
		people[d.People[i].Ref] = &d.People[i]
	}
	in := opinionmap.Input{Votes: make([]opinionmap.Vote, 0, len(d.Votes)), Voters: map[string]opinionmap.Attributes{}}
	latest := map[string]int{} // voter -> index of the latest vote
	for i, v := range d.Votes {
		if !v.At.Before(d.Period.To) || stmts[v.Statement] == nil {
			continue
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
	m, err := opinionmap.Compute(in, b.opts.Map)
	if err != nil {
		return MapView{}, err
	}
	o := m.Options
	mv := MapView{
		Status: m.Status, Summary: m.Summary,
		MinVoters: o.MinVoters, MinVotesPerVoter: o.MinVotesPerVoter, MinStatementVotes: o.MinStatementVotes,
		MinSilhouette: o.MinSilhouette, ConsensusRate: o.ConsensusRate,
	}
	if m.Status == opinionmap.NotEnoughData {
		return mv, nil
	}
	for _, s := range m.Silhouettes {
		if s.K == m.K {
			mv.Silhouette = s.Silhouette
		}
	}
	stmt := func(id string) Statement {
		s := Statement{ID: id}
		if o := stmts[id]; o != nil {
			s.Text, s.Theme = o.Text, label(b.names.themes, o.Theme)
		}
		return s
	}
	top := b.opts.Top
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
	for _, c := range m.Consensus[:min(top, len(m.Consensus))] {
		mv.CommonGround = append(mv.CommonGround, Common{
			Statement: stmt(c.Statement), Agreeing: c.Direction == opinionmap.Agreeing,
			Side: side(c.Overall, c.Direction), Votes: c.Overall.Votes(), MinRate: c.MinRate,
		})
	}
	groupLabel := func(v string) string {
		n, _ := strconv.Atoi(v)
		return GroupName(n)
	}
	mv.Divisive = divides(m.Divisive, top, stmt, groupLabel)
	mv.ByDistrict = divides(m.DivisiveBy[attrDistrict], top, stmt, func(id string) string { return label(b.names.districts, id) })
	mv.ByRole = divides(m.DivisiveBy[attrRole], top, stmt, func(id string) string { return label(b.names.roles, id) })
	return mv, nil
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
