package opinionmap

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// large returns a sparse input of the size of a large region: 20,000
// voters, 100,000 statements and 1,000,000 votes (50 per voter, about 10
// per statement), from three planted groups, with districts and roles.
func large() Input {
	const voters, statements, perVoter, groups = 20000, 100000, 50, 3
	rng := rand.New(rand.NewPCG(1, 2))
	sIDs := make([]string, statements)
	stance := make([][groups]int8, statements)
	for j := range sIDs {
		sIDs[j] = fmt.Sprintf("st%06d", j)
		for g := range groups {
			stance[j][g] = int8(rng.IntN(2)*2 - 1)
		}
	}
	districts := []string{"d1", "d2", "d3", "d4", "d5", "d6"}
	roles := []string{"resident", "member", "organizer"}
	in := Input{Votes: make([]Vote, 0, voters*perVoter), Voters: make(map[string]Attributes, voters)}
	for i := range voters {
		id := fmt.Sprintf("vo%05d", i)
		g := rng.IntN(groups)
		for range perVoter {
			j := rng.IntN(statements)
			v := stance[j][g]
			if rng.Float64() < 0.3 {
				v = int8(rng.IntN(3) - 1)
			}
			in.Votes = append(in.Votes, Vote{Voter: id, Statement: sIDs[j], Value: v})
		}
		in.Voters[id] = Attributes{"district": districts[rng.IntN(len(districts))], "role": roles[rng.IntN(len(roles))]}
	}
	return in
}

func BenchmarkMap(b *testing.B) {
	in := large()
	b.ReportAllocs()
	b.ResetTimer()
	var m *Map
	for b.Loop() {
		var err error
		if m, err = Compute(in, Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	sizes := make([]int, len(m.Groups))
	for g, gr := range m.Groups {
		sizes[g] = gr.Size
	}
	b.Logf("status %v, K %d, sizes %v, summary %+v, silhouettes %+v, components %+v, divisive %d, consensus %d, by district %d",
		m.Status, m.K, sizes, m.Summary, m.Silhouettes, m.Components, len(m.Divisive), len(m.Consensus), len(m.DivisiveBy["district"]))
}
