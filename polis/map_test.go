package polis

import (
	"cmp"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/heimatbot/heimatbot/opinionmap"
)

// reference is a conversation in testdata with what the map must reach on
// it: the adjusted Rand index against Pol.is's groups (issue 14).
type reference struct {
	dir    string
	minARI float64
}

var references = []reference{
	{"15-per-hour-seattle", 0.88},
	{"ssis.land-bank-farmland.2rumnecbeh.2021-08-01", 0.95},
	{"vtaiwan.uberx", 0.69},
}

// The map of each conversation (what `heimatbot map --polis` computes)
// finds as many groups as Pol.is did, and puts the voters whom both
// grouped into the same groups: adjusted Rand index at least minARI. The
// log gives how many of Pol.is's representative and consensus statements
// (its formulas on its groups) the map shows.
func TestMapAgreesWithPolis(t *testing.T) {
	for _, ref := range references {
		t.Run(ref.dir, func(t *testing.T) {
			c := read(t, ref.dir)
			m, err := opinionmap.Compute(c.Input(), opinionmap.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := polisGroups(c)
			if m.Status != opinionmap.Groups || m.K != want {
				t.Fatalf("map: %v with %d groups (test %+v), Pol.is found %d", m.Status, m.K, m.Test, want)
			}
			theirs, ours := bothGrouped(c, m)
			ari := opinionmap.AdjustedRand(theirs, ours)
			if ari < ref.minARI {
				t.Errorf("adjusted Rand index %.3f on %d voters, want at least %.2f", ari, len(ours), ref.minARI)
			}
			t.Logf("ARI %.3f on %d voters both grouped; test %+v", ari, len(ours), m.Test)

			match := matchGroups(theirs, ours, want)
			for g, reps := range polisRepresentative(c) {
				var top []string
				for _, r := range m.Groups[match[g]].Representative {
					top = append(top, r.Statement+r.Direction.String())
				}
				found := 0
				for _, r := range reps {
					if slices.Contains(top, r) {
						found++
					}
				}
				t.Logf("Pol.is group %d (map group %d): %d of Pol.is's %d representative statements among the map's %d", g, match[g], found, len(reps), len(top))
				if 2*found < len(reps) {
					t.Errorf("Pol.is group %d: only %d of its %d representative statements on the map: %v, map %v", g, found, len(reps), reps, top)
				}
			}
			var cons, aware []string
			for _, x := range m.Consensus {
				cons = append(cons, x.Statement+x.Direction.String())
			}
			for _, x := range m.GroupConsensus {
				aware = append(aware, x.Statement+x.Direction.String())
			}
			theirCons := polisConsensus(c)
			inCons, inAware := 0, 0
			for _, x := range theirCons {
				if slices.Contains(cons, x) {
					inCons++
				}
				if slices.Contains(aware, x) {
					inAware++
				}
			}
			t.Logf("consensus: %d of Pol.is's %d among the map's %d; %d among its %d group-aware", inCons, len(theirCons), len(cons), inAware, len(aware))
			if 2*inCons < len(theirCons) {
				t.Errorf("only %d of Pol.is's %d consensus statements on the map", inCons, len(theirCons))
			}
		})
	}
}

// The same input twice, and the votes in another order, give the same map.
func TestMapIsDeterministic(t *testing.T) {
	c := read(t, "15-per-hour-seattle")
	in := c.Input()
	m1, err := opinionmap.Compute(in, opinionmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m2, err := opinionmap.Compute(in, opinionmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Another order that keeps each voter's changed votes in sequence:
	// voters reversed, then interleaved.
	var other opinionmap.Input
	other.ModeratedOut = slices.Clone(in.ModeratedOut)
	slices.Reverse(other.ModeratedOut)
	byVoter := map[string][]opinionmap.Vote{}
	var voters []string
	for _, v := range in.Votes {
		if byVoter[v.Voter] == nil {
			voters = append(voters, v.Voter)
		}
		byVoter[v.Voter] = append(byVoter[v.Voter], v)
	}
	slices.Reverse(voters)
	for _, v := range voters {
		other.Votes = append(other.Votes, byVoter[v]...)
	}
	m3, err := opinionmap.Compute(other, opinionmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m1, m2) || !reflect.DeepEqual(m1, m3) {
		t.Error("the same votes gave different maps")
	}
	if m1.Status != opinionmap.Groups {
		t.Errorf("status %v", m1.Status)
	}
}

// polisGroups is the number of groups Pol.is found.
func polisGroups(c *Conversation) int {
	seen := map[int]bool{}
	for _, g := range c.Groups {
		seen[g] = true
	}
	return len(seen)
}

// bothGrouped returns Pol.is's and the map's group of every voter both
// grouped, in voter order.
func bothGrouped(c *Conversation, m *opinionmap.Map) (theirs, ours []int) {
	voters := make([]string, 0, len(c.Groups))
	for p := range c.Groups {
		voters = append(voters, p)
	}
	slices.Sort(voters)
	for _, p := range voters {
		if pl, ok := m.Place(p); ok {
			theirs = append(theirs, c.Groups[p])
			ours = append(ours, pl.Group)
		}
	}
	return theirs, ours
}

// matchGroups maps each Pol.is group to the map's group that holds most of
// its members.
func matchGroups(theirs, ours []int, k int) map[int]int {
	count := map[[2]int]int{}
	for i := range theirs {
		count[[2]int{theirs[i], ours[i]}]++
	}
	out := map[int]int{}
	for g := range k {
		best := -1
		for h := range k {
			if best < 0 || count[[2]int{g, h}] > count[[2]int{g, best}] {
				best = h
			}
		}
		out[g] = best
	}
	return out
}

// finalVotes returns each voter's last vote per comment.
func finalVotes(c *Conversation) map[string]map[string]int8 {
	out := map[string]map[string]int8{}
	for _, v := range c.Votes {
		if out[v.Voter] == nil {
			out[v.Voter] = map[string]int8{}
		}
		out[v.Voter][v.Comment] = v.Value
	}
	return out
}

// stat is Pol.is's figures for one group and comment.
type stat struct {
	id                                 string
	pa, pd, pat, pdt, ra, rd, rat, rdt float64
	na, nd                             float64
}

type tally struct{ na, nd, ns float64 }

func (x *tally) add(v int8) {
	x.ns++
	switch v {
	case 1:
		x.na++
	case -1:
		x.nd++
	}
}

// polisRepresentative applies Pol.is's selection of representative
// statements (repness.clj, select-rep-comments: both sides tested at 90 %,
// ranked by ra·rat·pa·pat, the best agreement first, five at most) to
// Pol.is's own groups. It returns, per group, statement id + direction.
func polisRepresentative(c *Conversation) map[int][]string {
	votes := finalVotes(c)
	k := polisGroups(c)
	rejected := map[string]bool{}
	for _, id := range c.RejectedComments() {
		rejected[id] = true
	}
	ids := make([]string, 0, len(c.Comments))
	for _, cm := range c.Comments {
		if !rejected[cm.ID] {
			ids = append(ids, cm.ID)
		}
	}
	slices.SortFunc(ids, compareIDs)
	counts := map[string][]tally{}
	for _, id := range ids {
		counts[id] = make([]tally, k)
	}
	for p, g := range c.Groups {
		for id, v := range votes[p] {
			if t, ok := counts[id]; ok {
				t[g].add(v)
			}
		}
	}
	out := map[int][]string{}
	for g := range k {
		var sufficient []stat
		var bestAgree *stat
		for _, id := range ids {
			in := counts[id][g]
			var rest tally
			for h, x := range counts[id] {
				if h != g {
					rest.na, rest.nd, rest.ns = rest.na+x.na, rest.nd+x.nd, rest.ns+x.ns
				}
			}
			s := stat{id: id, na: in.na, nd: in.nd}
			s.pa, s.pd = (in.na+1)/(in.ns+2), (in.nd+1)/(in.ns+2)
			s.pat, s.pdt = propTest(in.na, in.ns), propTest(in.nd, in.ns)
			s.ra, s.rd = s.pa/((rest.na+1)/(rest.ns+2)), s.pd/((rest.nd+1)/(rest.ns+2))
			s.rat, s.rdt = twoPropTest(in.na, rest.na, in.ns, rest.ns), twoPropTest(in.nd, rest.nd, in.ns, rest.ns)
			if s.rat > 1.2816 && s.pat > 1.2816 || s.rdt > 1.2816 && s.pdt > 1.2816 {
				sufficient = append(sufficient, s)
			}
			if beatsBestAgree(s.na, s.nd, s.ra, s.rat, s.pa, s.pat, bestAgree) {
				b := s
				bestAgree = &b
			}
		}
		label := func(s stat) (string, float64) {
			if s.rat > s.rdt {
				return s.id + opinionmap.Agreeing.String(), s.ra * s.rat * s.pa * s.pat
			}
			return s.id + opinionmap.Disagreeing.String(), s.rd * s.rdt * s.pd * s.pdt
		}
		slices.SortStableFunc(sufficient, func(x, y stat) int {
			_, mx := label(x)
			_, my := label(y)
			return cmp.Compare(my, mx)
		})
		var list []string
		if bestAgree != nil && len(sufficient) > 0 {
			l, _ := label(*bestAgree)
			list = append(list, l)
		}
		for _, s := range sufficient {
			if bestAgree != nil && s.id == bestAgree.id {
				continue
			}
			l, _ := label(s)
			list = append(list, l)
		}
		out[g] = list[:min(5, len(list))]
	}
	return out
}

// beatsBestAgree is Pol.is's beats-best-agr?.
func beatsBestAgree(na, nd, ra, rat, pa, pat float64, best *stat) bool {
	switch {
	case na == 0 && nd == 0:
		return false
	case best != nil && best.ra > 1:
		return ra*rat*pa*pat > best.ra*best.rat*best.pa*best.pat
	case best != nil:
		return pa*pat > best.pa*best.pat
	}
	return pat > 1.2816 || ra > 1 && pa > 0.5
}

// polisConsensus applies Pol.is's select-consensus-comments to all
// voters: smoothed rate above one half, z above 1.2816, the five highest
// rate·z per side.
func polisConsensus(c *Conversation) []string {
	rejected := map[string]bool{}
	for _, id := range c.RejectedComments() {
		rejected[id] = true
	}
	counts := map[string]*tally{}
	for _, vs := range finalVotes(c) {
		for id, v := range vs {
			if rejected[id] {
				continue
			}
			if counts[id] == nil {
				counts[id] = &tally{}
			}
			counts[id].add(v)
		}
	}
	var out []string
	for _, d := range []opinionmap.Direction{opinionmap.Agreeing, opinionmap.Disagreeing} {
		type cand struct {
			id string
			m  float64
		}
		var cs []cand
		for id, x := range counts {
			n := x.na
			if d == opinionmap.Disagreeing {
				n = x.nd
			}
			p, z := (n+1)/(x.ns+2), propTest(n, x.ns)
			if p > 0.5 && z > 1.2816 {
				cs = append(cs, cand{id, p * z})
			}
		}
		slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(b.m, a.m), compareIDs(a.id, b.id)) })
		for _, x := range cs[:min(5, len(cs))] {
			out = append(out, x.id+d.String())
		}
	}
	return out
}

func propTest(succ, n float64) float64 {
	return 2 * math.Sqrt(n+1) * ((succ+1)/(n+1) - 0.5)
}

func twoPropTest(s1, s2, n1, n2 float64) float64 {
	s1, s2, n1, n2 = s1+1, s2+1, n1+1, n2+1
	p1, p2, p := s1/n1, s2/n2, (s1+s2)/(n1+n2)
	if p == 1 {
		return 0
	}
	return (p1 - p2) / math.Sqrt(p*(1-p)*(1/n1+1/n2))
}
