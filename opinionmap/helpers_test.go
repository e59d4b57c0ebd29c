package opinionmap

import (
	"fmt"
	"math/rand/v2"
)

func stmt(j int) string  { return fmt.Sprintf("s%02d", j) }
func voter(i int) string { return fmt.Sprintf("v%03d", i) }

// planted returns 40 voters × 20 statements in two planted groups: group A
// (voters 0–19) agrees with statements 1–8 and disagrees with 9–14, group B
// (voters 20–39) the reverse; both agree with 15–18; 19–20 are noise. Each
// planted vote flips to a random value with probability 0.1, and every
// voter skips two random statements. Districts cut across the groups.
func planted(seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 99))
	in := Input{Voters: map[string]Attributes{}}
	for i := range 40 {
		groupA := i < 20
		skip1, skip2 := 1+rng.IntN(20), 1+rng.IntN(20)
		for j := 1; j <= 20; j++ {
			if j == skip1 || j == skip2 {
				continue
			}
			var v int8
			switch {
			case j <= 8:
				v = Agree
			case j <= 14:
				v = Disagree
			case j <= 18:
				v = Agree
			default:
				v = int8(rng.IntN(3) - 1)
			}
			if !groupA && j <= 14 {
				v = -v
			}
			if rng.Float64() < 0.1 {
				v = int8(rng.IntN(3) - 1)
			}
			in.Votes = append(in.Votes, Vote{Voter: voter(i), Statement: stmt(j), Value: v})
		}
		in.Voters[voter(i)] = Attributes{"district": []string{"Nord", "Süd"}[i%2]}
	}
	return in
}

// uniform returns n voters × 20 statements from one population: everyone
// agrees with 1–10 and disagrees with 11–20 with probability 0.7, the rest
// random.
func uniform(n int, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 7))
	var in Input
	for i := range n {
		for j := 1; j <= 20; j++ {
			v := Agree
			if j > 10 {
				v = Disagree
			}
			if rng.Float64() < 0.3 {
				v = int8(rng.IntN(3) - 1)
			}
			in.Votes = append(in.Votes, Vote{Voter: voter(i), Statement: stmt(j), Value: v})
		}
	}
	return in
}
