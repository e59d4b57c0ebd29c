package opinionmap

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// groupOf returns the group IDs that planted groups A (voters 0–19) and B
// (20–39) fell into by majority, and how many voters are elsewhere.
func groupOf(t *testing.T, m *Map) (a, b, wrong int) {
	t.Helper()
	count := func(from, to int) (best int, others int) {
		seen := map[int]int{}
		for i := from; i < to; i++ {
			p, ok := m.Place(voter(i))
			if !ok {
				t.Fatalf("Place(%s): not placed", voter(i))
			}
			seen[p.Group]++
		}
		for g, n := range seen {
			if n > seen[best] || (n == seen[best] && g < best) {
				best = g
			}
		}
		return best, (to - from) - seen[best]
	}
	a, wa := count(0, 20)
	b, wb := count(20, 40)
	return a, b, wa + wb
}

func TestPlantedGroups(t *testing.T) {
	for seed := range uint64(8) {
		t.Run("", func(t *testing.T) {
			m, err := Compute(planted(seed), Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != Groups || m.K != 2 || len(m.Groups) != 2 {
				t.Fatalf("status %v, K %d, silhouettes %+v; want 2 groups", m.Status, m.K, m.Silhouettes)
			}
			a, b, wrong := groupOf(t, m)
			if a == b || wrong > 1 {
				t.Fatalf("planted A → group %d, B → group %d, %d misassigned", a, b, wrong)
			}
			if m.Groups[0].Size+m.Groups[1].Size != 40 || len(m.Groups[a].Members) != m.Groups[a].Size {
				t.Errorf("group sizes %d, %d", m.Groups[0].Size, m.Groups[1].Size)
			}

			// Representative statements: five per group, all planted
			// differences in the planted direction, agreements first.
			for g, agreeFirst := range map[int]bool{a: true, b: false} {
				reps := m.Groups[g].Representative
				if len(reps) != 5 || !reps[0].BestAgree || reps[0].Direction != Agreeing {
					t.Errorf("group %d: representatives %+v; want 5, the best agreement first", g, reps)
				}
				for i, r := range reps {
					j, _ := strconv.Atoi(strings.TrimPrefix(r.Statement, "s"))
					want := Agreeing
					if (j <= 8) != agreeFirst {
						want = Disagreeing
					}
					if j > 14 || r.Direction != want || r.Group != g || r.Rate <= r.RestRate || r.P >= 0.05 {
						t.Errorf("group %d: representative %+v, want a planted difference (direction %v)", g, r, want)
					}
					if i > 0 && r.Direction == Agreeing && reps[i-1].Direction == Disagreeing {
						t.Errorf("group %d: an agreement after a disagreement: %+v", g, reps)
					}
					if st, _ := m.Statement(r.Statement); st.ByGroup[g] != r.In || st.Overall.sub(r.In) != r.Rest {
						t.Errorf("group %d: representative counts %+v/%+v do not match %+v", g, r.In, r.Rest, st)
					}
				}
			}

			// Divisive between groups: exactly the planted 1–14 (noise aside).
			div := map[string]Division{}
			for _, d := range m.Divisive {
				div[d.Statement] = d
				if d.P >= 0.05 || d.Attribute != AttributeGroup || d.DF != 1 || d.N == 0 {
					t.Errorf("divisive %+v", d)
				}
			}
			for j := 1; j <= 18; j++ {
				d, ok := div[stmt(j)]
				if j <= 14 && (!ok || d.Spread < 0.5) {
					t.Errorf("%s: divisive %v, spread %.2f; want a clear division", stmt(j), ok, d.Spread)
				}
				if j > 14 && ok {
					t.Errorf("%s: common ground reported as divisive: %+v", stmt(j), d)
				}
			}
			if d := div[stmt(1)]; d.Highest.Value != groupNames(2)[a] {
				t.Errorf("s01: highest agreement in group %s, want %d", d.Highest.Value, a)
			}

			// Common ground: 15–18, agreeing, lead Pol.is's consensus (a split
			// statement with a 60 % majority overall may follow) and are
			// exactly the group-aware consensus.
			var overall []string
			for _, c := range m.Consensus[:min(4, len(m.Consensus))] {
				overall = append(overall, c.Statement)
			}
			var aware []string
			for _, c := range m.GroupConsensus {
				if c.Direction != Agreeing || len(c.ByGroup) != 2 || c.MinGroupZ <= 1.2816 || c.GroupRate < 0.6*0.6 {
					t.Errorf("group-aware consensus %+v", c)
				}
				aware = append(aware, c.Statement)
			}
			slices.Sort(overall)
			slices.Sort(aware)
			want := []string{stmt(15), stmt(16), stmt(17), stmt(18)}
			if !slices.Equal(overall, want) || !slices.Equal(aware, want) {
				t.Errorf("consensus %v, group-aware %v, want %v", overall, aware, want)
			}

			// Districts cut across the groups: at most noise divides them.
			if n := len(m.DivisiveBy["district"]); n > 2 {
				t.Errorf("%d statements divide the districts, want ≤ 2 (noise)", n)
			}
			if _, ok := m.Place("nobody"); ok {
				t.Error("Place(nobody) ok")
			}
		})
	}
}

func TestDeterministicAndOrderFree(t *testing.T) {
	in := planted(5)
	m1, err := Compute(in, Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := Input{Votes: slices.Clone(in.Votes), Voters: in.Voters}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled.Votes), func(i, j int) {
		shuffled.Votes[i], shuffled.Votes[j] = shuffled.Votes[j], shuffled.Votes[i]
	})
	m2, err := Compute(shuffled, Options{Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m1, m2) {
		t.Error("same input in another order gave another map")
	}
}

func TestNotEnoughData(t *testing.T) {
	full := planted(1)
	var ten Input
	var sparse Input // 20 voters, but 10 of them with only 5 votes
	perVoter := map[string]int{}
	for _, v := range full.Votes {
		if v.Voter < voter(10) {
			ten.Votes = append(ten.Votes, v)
		}
		if v.Voter < voter(20) && (v.Voter < voter(10) || perVoter[v.Voter] < 5) {
			perVoter[v.Voter]++
			sparse.Votes = append(sparse.Votes, v)
		}
	}
	tests := []struct {
		name    string
		in      Input
		voters  int
		counted int
	}{
		{"10 voters", ten, 10, 10},
		{"10 of 20 voters with 7 votes", sparse, 20, 10},
		{"no votes", Input{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Compute(tt.in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != NotEnoughData || m.Summary.Voters != tt.voters || m.Summary.VotersCounted != tt.counted || m.Options.MinVoters != 15 {
				t.Fatalf("status %v, summary %+v, min voters %d", m.Status, m.Summary, m.Options.MinVoters)
			}
			if m.Groups != nil || m.Consensus != nil || m.K != 0 {
				t.Errorf("groups or consensus without enough data: %+v", m)
			}
			if _, ok := m.Place(voter(0)); ok {
				t.Error("placed a voter without enough data")
			}
			for _, st := range m.Statements {
				if st.Overall.Votes() < 5 || st.ByGroup != nil {
					t.Errorf("statement %+v", st)
				}
			}
		})
	}
}

// One population (everybody leans the same way, with noise) has no
// groups. The test against shuffled votes is at level 1/50, so over 50
// populations of 40 and of 300 voters at most a few may show groups by
// chance; the others say "no clear groups" and still find common ground.
func TestNoClearGroups(t *testing.T) {
	for _, n := range []int{40, 300} {
		grouped := 0
		for seed := range uint64(50) {
			m, err := Compute(uniform(n, seed), Options{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			if m.Status == Groups {
				grouped++
				continue
			}
			if m.Status != NoClearGroups || m.K != 1 || len(m.Groups) != 1 || m.Groups[0].Size != n || m.Test.Passed {
				t.Fatalf("%d voters, seed %d: status %v, K %d, test %+v", n, seed, m.Status, m.K, m.Test)
			}
			if len(m.Silhouettes) != 0 || len(m.Divisive) != 0 || len(m.Groups[0].Representative) != 0 || len(m.GroupConsensus) != 0 {
				t.Errorf("%d voters, seed %d: silhouettes %v, divisive %d", n, seed, m.Silhouettes, len(m.Divisive))
			}
			if p, ok := m.Place(voter(3)); !ok || p.Group != 0 || p.Votes != 20 {
				t.Errorf("Place = %+v, %v", p, ok)
			}
			if len(m.Consensus) == 0 {
				t.Error("no common ground in a uniform population")
			}
		}
		if grouped > 3 {
			t.Errorf("%d voters: groups in %d of 50 uniform populations, want at most 3", n, grouped)
		}
	}
}

func TestDivisiveByAttribute(t *testing.T) {
	in := planted(1)
	// Districts follow the groups, and two voters of A live in a tiny
	// district that must be left out of the test.
	for i := range 40 {
		d := "Nord"
		switch {
		case i < 2:
			d = "Rieder"
		case i >= 20:
			d = "Süd"
		}
		in.Voters[voter(i)] = Attributes{"district": d}
	}
	delete(in.Voters, voter(39))
	m, err := Compute(in, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	divs := m.DivisiveBy["district"]
	found := map[string]Division{}
	for _, d := range divs {
		found[d.Statement] = d
	}
	for j := 1; j <= 14; j++ {
		d, ok := found[stmt(j)]
		if !ok {
			t.Errorf("%s: not divisive by district", stmt(j))
			continue
		}
		total := d.Unknown
		for _, s := range append(slices.Clone(d.Splits), d.LeftOut...) {
			total += s.Votes()
		}
		if st, _ := m.Statement(stmt(j)); total != st.Overall.Votes() {
			t.Errorf("%s: splits, left out and unknown add up to %d votes, want %d", stmt(j), total, st.Overall.Votes())
		}
		if len(d.Splits) != 2 || len(d.LeftOut) != 1 || d.LeftOut[0].Value != "Rieder" || d.Unknown > 1 {
			t.Errorf("%s: splits %+v, left out %+v, unknown %d", stmt(j), d.Splits, d.LeftOut, d.Unknown)
		}
		wantHigh := "Nord"
		if j > 8 {
			wantHigh = "Süd"
		}
		if d.Highest.Value != wantHigh {
			t.Errorf("%s: highest agreement in %s, want %s", stmt(j), d.Highest.Value, wantHigh)
		}
	}
}

func TestRepeatedVoteLastWins(t *testing.T) {
	m, err := newMatrix([]Vote{{"a", "x", Agree}, {"b", "x", Pass}, {"a", "x", Disagree}, {"a", "w", Agree}})
	if err != nil {
		t.Fatal(err)
	}
	cols, vals := m.row(0)
	if !slices.Equal(cols, []int32{0, 1}) || !slices.Equal(vals, []int8{Agree, Disagree}) || len(m.cols) != 3 {
		t.Errorf("row a: %v %v", cols, vals)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		opts Options
		want error
	}{
		{"vote value 2", Input{Votes: []Vote{{"a", "x", 2}}}, Options{}, ErrInvalidVote},
		{"alpha 1", Input{}, Options{Alpha: 1}, ErrInvalidOptions},
		{"MaxK 1", Input{}, Options{MaxK: 1}, ErrInvalidOptions},
		{"FDR 1", Input{}, Options{RepresentativeFDR: 1}, ErrInvalidOptions},
		{"negative permutations", Input{}, Options{Permutations: -1}, ErrInvalidOptions},
	}
	for _, tt := range tests {
		if _, err := Compute(tt.in, tt.opts); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
}

// Votes whose groups stand far above every shuffled copy pass the test
// after settleAfter copies, not all of them; uniform votes never settle.
func TestClearGroupsSettleEarly(t *testing.T) {
	m, err := Compute(planted(0), Options{Seed: 0})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Test.Passed || !m.Test.Settled || m.Test.Permutations != settleAfter || m.Test.P > 1e-6 {
		t.Errorf("planted camps: test %+v, want passed and settled after %d copies", m.Test, settleAfter)
	}
	for seed := range uint64(20) {
		m, err := Compute(uniform(300, seed), Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if m.Test.Settled {
			t.Errorf("uniform votes, seed %d: settled early: %+v", seed, m.Test)
		}
	}
}
