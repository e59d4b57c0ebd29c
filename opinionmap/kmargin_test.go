package opinionmap

import "testing"

// KMargin is the silhouette gain that chance gives a larger k on a single
// cloud of opinions: on one population of 300 or 1,000 voters, the best of
// k = 3 … 5 beats k = 2 by at most KMargin (0.05), so the margin keeps
// the smaller k there (see the package doc). (With 40 voters chance gives
// up to about 0.1; the permutation test, not the margin, guards those.)
func TestKMarginCoversChance(t *testing.T) {
	for _, n := range []int{300, 1000} {
		for seed := range uint64(6) {
			in := uniform(n, seed)
			opts, _ := Options{Seed: seed}.withDefaults()
			mx, err := newMatrix(in.Votes)
			if err != nil {
				t.Fatal(err)
			}
			a := analysis{m: mx, opts: opts, in: in, res: &Map{Options: opts}}
			a.count()
			colOf := make([]int32, len(mx.statements))
			for j := range colOf {
				colOf[j] = int32(j)
			}
			xs, ys, _ := newCentred(mx, a.counted, colOf, len(colOf)).project(a.rng(1))
			g := groupPlaces(points(xs, ys), opts, seed)
			gain := -1.0
			for _, sc := range g.scores[1:] {
				gain = max(gain, sc.Silhouette-g.scores[0].Silhouette)
			}
			if gain > opts.KMargin || g.k != 2 {
				t.Errorf("%d voters, seed %d: a larger k gains %.3f over k = 2 (chose %d), more than the margin %.2f", n, seed, gain, g.k, opts.KMargin)
			}
		}
	}
}
