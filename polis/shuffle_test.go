package polis

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/heimatbot/heimatbot/opinionmap"
)

// shuffled returns the conversation's final votes of n voters with at
// least 7 votes (all of them for n = 0), each statement's votes shuffled
// among the voters who voted on it: every statement keeps its counts and
// every voter their number of votes, only who voted what is random.
func shuffled(c *Conversation, votes map[string]map[string]int8, n int, rng *rand.Rand) opinionmap.Input {
	var voters []string
	for p, vs := range votes {
		if len(vs) >= 7 {
			voters = append(voters, p)
		}
	}
	slices.Sort(voters)
	if n > 0 {
		rng.Shuffle(len(voters), func(i, j int) { voters[i], voters[j] = voters[j], voters[i] })
		voters = voters[:n]
		slices.Sort(voters)
	}
	type cell struct{ voter, comment string }
	byComment := map[string][]int{}
	var cells []cell
	var vals []int8
	for _, p := range voters {
		ids := make([]string, 0, len(votes[p]))
		for id := range votes[p] {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			byComment[id] = append(byComment[id], len(cells))
			cells = append(cells, cell{p, id})
			vals = append(vals, votes[p][id])
		}
	}
	ids := make([]string, 0, len(byComment))
	for id := range byComment {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		pos := byComment[id]
		rng.Shuffle(len(pos), func(i, j int) { vals[pos[i]], vals[pos[j]] = vals[pos[j]], vals[pos[i]] })
	}
	in := opinionmap.Input{ModeratedOut: c.RejectedComments(), Votes: make([]opinionmap.Vote, len(cells))}
	for i, x := range cells {
		in.Votes[i] = opinionmap.Vote{Voter: x.voter, Statement: x.comment, Value: vals[i]}
	}
	return in
}

// Shuffled conversations have no opinion groups: at full size and with 20,
// 50 and 100 voters, the map draws groups in at most 5 of 100 shuffles.
// The shipped test runs 100 shuffles of the small samples and 10 of the
// full conversations (at most 1 with groups; 3 under the race detector);
// HEIMATBOT_LONG_TESTS=1 runs
// 100 of every size.
func TestShuffledConversationsHaveNoGroups(t *testing.T) {
	fullRuns, fullMax := 10, 1
	if raceDetector {
		fullRuns = 3
	}
	if os.Getenv("HEIMATBOT_LONG_TESTS") != "" {
		fullRuns, fullMax = 100, 5
	}
	for _, ref := range references {
		c := read(t, ref.dir)
		votes := finalVotes(c)
		for _, size := range []int{0, 20, 50, 100} {
			runs, most := 100, 5
			if size == 0 {
				runs, most = fullRuns, fullMax
			}
			grouped, notEnough := 0, 0
			for run := range runs {
				rng := rand.New(rand.NewPCG(uint64(run), uint64(size)))
				m, err := opinionmap.Compute(shuffled(c, votes, size, rng), opinionmap.Options{Seed: uint64(run)})
				if err != nil {
					t.Fatal(err)
				}
				switch m.Status {
				case opinionmap.Groups:
					grouped++
				case opinionmap.NotEnoughData:
					notEnough++
				}
			}
			t.Logf("%s, %d voters (0: all): groups in %d of %d shuffles", ref.dir, size, grouped, runs)
			if grouped > most || notEnough > 0 {
				t.Errorf("%s, %d voters: groups in %d of %d shuffles (want at most %d), %d without enough data", ref.dir, size, grouped, runs, most, notEnough)
			}
		}
	}
}
