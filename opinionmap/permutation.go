package opinionmap

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// GroupTest is the permutation test that decides whether groups exist.
type GroupTest struct {
	// Statistic is the share of all vote variation that the first two
	// principal axes of the real votes show (see centred.structure).
	Statistic float64
	// Permutations is how many permuted copies were grouped; Exceeding is
	// how many of them scored at least Statistic. The test stops at the
	// first such copy (Besag and Clifford 1991), or when the real votes
	// lie far above the copies (Settled), so Permutations is then smaller
	// than Options.Permutations.
	Permutations, Exceeding int
	// NullMean and NullMax describe the permuted copies' scores.
	NullMean, NullMax float64
	// P is (1 + Exceeding) / (1 + Permutations), the permutation p-value;
	// when Settled, the normal tail beyond Statistic instead. Passed is
	// true when the real votes show more structure than every shuffled
	// copy: all Options.Permutations of them, or the settling copies.
	P      float64
	Passed bool
	// Settled is true when the test passed early: after settleAfter
	// copies, none reaching the real score, which lay more than settleZ of
	// their standard deviations above their mean (doc.go says why).
	Settled bool
}

// The early pass: the copies' scores are checked once settleAfter of them
// are in; when the real score lies settleZ standard deviations above
// them, its normal tail is far below any level a town would choose, and
// the remaining copies could not change the outcome in practice.
const (
	settleAfter = 19
	settleZ     = 6.0
)

// permutationTest compares the structure of the votes with that of
// `Options.Permutations` copies of the centred
// matrix in which each statement's votes are shuffled among the voters who
// voted on it: every statement keeps its vote counts and every voter their
// number of votes, only who voted what is random. It stops at the first
// copy that scores at least stat, or passes early (see settleAfter).
// Copies are independent and seeded by their number, and the early pass
// is judged on the first settleAfter copies only, so the result does not
// depend on how they are scheduled.
func (a *analysis) permutationTest(c *centred, stat float64) GroupTest {
	r := a.opts.Permutations
	byCol := c.columnPositions()
	scores := make([]float64, r)
	done := make([]bool, r)
	var mu sync.Mutex
	stop := r    // the smallest copy number known to exceed
	settled := r // the number of copies the test passed on, when early
	prefix := 0  // copies 0..prefix-1 are done
	var wg sync.WaitGroup
	next := 0
	workers := min(runtime.GOMAXPROCS(0), r)
	for range workers {
		wg.Go(func() {
			x := make([]float64, len(c.x))
			ws := &workspace{}
			for {
				mu.Lock()
				p := next
				next++
				if p >= min(stop, settled) {
					mu.Unlock()
					return
				}
				mu.Unlock()
				s := a.nullScore(c, byCol, x, ws, uint64(p))
				mu.Lock()
				scores[p], done[p] = s, true
				if s >= stat && p < stop {
					stop = p
				}
				for prefix < r && done[prefix] {
					prefix++
					if prefix == settleAfter && settleAfter < r && stop >= settleAfter && farAbove(scores[:settleAfter], stat) {
						settled = settleAfter
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	// Count in copy order up to the first exceeding copy, so that the
	// outcome is the same however the copies were scheduled.
	t := GroupTest{Statistic: stat, NullMax: math.Inf(-1), Settled: settled < r && stop >= settled}
	n := min(stop+1, r)
	if t.Settled {
		n = settled
	}
	sum := 0.0
	for p := range n {
		t.Permutations++
		sum += scores[p]
		t.NullMax = max(t.NullMax, scores[p])
		if scores[p] >= stat {
			t.Exceeding++
		}
	}
	if t.Permutations > 0 {
		t.NullMean = sum / float64(t.Permutations)
	}
	t.P = float64(1+t.Exceeding) / float64(1+t.Permutations)
	t.Passed = t.Exceeding == 0 && (t.Permutations == r || t.Settled)
	if t.Settled {
		mean, sd := meanSD(scores[:settled])
		t.P = normalUpper((stat - mean) / sd)
	}
	return t
}

// farAbove reports whether stat lies more than settleZ standard deviations
// above the scores' mean, and above all of them.
func farAbove(scores []float64, stat float64) bool {
	mean, sd := meanSD(scores)
	return sd > 0 && slices.Max(scores) < stat && (stat-mean)/sd > settleZ
}

// meanSD returns the mean and the sample standard deviation of xs.
func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)-1))
}

// nullScore returns the structure of one permuted copy.
func (a *analysis) nullScore(c *centred, byCol [][]int, x []float64, ws *workspace, p uint64) float64 {
	rng := rand.New(rand.NewPCG(a.opts.Seed, 1000+p))
	copy(x, c.x)
	for _, pos := range byCol {
		for i := len(pos) - 1; i > 0; i-- {
			j := rng.IntN(i + 1)
			x[pos[i]], x[pos[j]] = x[pos[j]], x[pos[i]]
		}
	}
	perm := *c
	perm.x = x
	return perm.structure(rng, ws)
}

// columnPositions lists, per column, the positions of its entries in x.
func (c *centred) columnPositions() [][]int {
	n := make([]int, c.nCols)
	for _, j := range c.cols {
		n[j]++
	}
	flat := make([]int, len(c.cols))
	out := make([][]int, c.nCols)
	off := 0
	for j := range out {
		out[j] = flat[off : off : off+n[j]]
		off += n[j]
	}
	for k, j := range c.cols {
		out[j] = append(out[j], k)
	}
	return out
}

func points(xs, ys []float64) []Point {
	pts := make([]Point, len(xs))
	for i := range xs {
		pts[i] = Point{xs[i], ys[i]}
	}
	return pts
}

// Settings of the structure statistic: a cheaper subspace iteration than
// the map's, the same for the real votes and every permuted copy.
const (
	testBlock      = 2
	testIterations = 3
)

// structure is the share of all vote variation along the first two
// principal axes. Shuffled votes have some by chance; votes with opinion
// groups (or any shared axis of disagreement) have more.
func (c *centred) structure(rng *rand.Rand, ws *workspace) float64 {
	_, comps := c.axes(rng, testBlock, testIterations, ws)
	return comps[0].VarianceShare + comps[1].VarianceShare
}
