package opinionmap

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// Clustering settings, as in Pol.is: 100 base clusters, then the groups from the base clusters' centres weighted
// by their sizes.
const (
	baseClusters  = 100
	baseIter      = 20 // Pol.is warm-starts them at every update; 20 steps from k-means++ come close
	groupIter     = 100
	groupsPerBase = 12 // k may reach 2 + base clusters / 12
)

// grouping is the result of grouping the places.
type grouping struct {
	scores []KScore
	// k is the chosen number of groups (0: no eligible grouping); labels
	// the group of each place.
	k         int
	labels    []int
	centroids []Point
}

// run is one base clustering with its groupings for every k tried.
type run struct {
	labels [][]int   // by k−2: the group of each place
	cents  [][]Point // by k−2
	sil    []float64 // by k−2
	small  []int     // by k−2: voters in the smallest group
}

// groupPlaces groups the places as Pol.is does (base clusters, then
// weighted k-means of their centres for k = 2 … MaxK), once per run, each
// run from its own seed. The k with the highest mean silhouette over the
// runs wins, among those whose smallest group always holds MinGroupSize
// voters; of that k's groupings the one that agrees most with the other
// runs' (adjusted Rand index) is kept. The smallest eligible k wins
// unless a larger one's mean silhouette is higher by more than KMargin.
func groupPlaces(pts []Point, opts Options, seed uint64) grouping {
	runs := make([]run, opts.Runs)
	// The runs are independent, each seeded by its number: they share
	// the cores, and the outcome does not depend on their order.
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for r := range runs {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			runs[r] = groupOnce(pts, opts, rand.New(rand.NewPCG(seed, uint64(r))))
		})
	}
	wg.Wait()
	maxK := 0
	for r := range runs {
		if r == 0 || len(runs[r].sil)+1 < maxK {
			maxK = len(runs[r].sil) + 1
		}
	}
	var g grouping
	best := math.Inf(-1)
	for k := 2; k <= maxK; k++ {
		sc := KScore{K: k, SmallestGroup: math.MaxInt}
		for _, r := range runs {
			sc.Silhouette += r.sil[k-2] / float64(len(runs))
			sc.SmallestGroup = min(sc.SmallestGroup, r.small[k-2])
		}
		sc.Eligible = sc.SmallestGroup >= opts.MinGroupSize
		g.scores = append(g.scores, sc)
		if sc.Eligible && (g.k == 0 || sc.Silhouette > best+opts.KMargin) {
			g.k, best = k, sc.Silhouette
		}
	}
	if g.k == 0 {
		return g
	}
	central, bestAgree := 0, math.Inf(-1)
	for r := range runs {
		agree := 0.0
		for q := range runs {
			if q != r {
				agree += AdjustedRand(runs[r].labels[g.k-2], runs[q].labels[g.k-2])
			}
		}
		if agree > bestAgree {
			central, bestAgree = r, agree
		}
	}
	g.labels, g.centroids = runs[central].labels[g.k-2], runs[central].cents[g.k-2]
	return g
}

// groupOnce forms base clusters of the places and groups their centres
// for every k tried.
func groupOnce(pts []Point, opts Options, rng *rand.Rand) run {
	base := kmeans(pts, nil, min(baseClusters, len(pts)), 1, baseIter, rng)
	// Drop empty base clusters; weigh each by its members.
	idx := make([]int, len(base.centroids))
	sizes := make([]int, len(base.centroids))
	for _, l := range base.labels {
		sizes[l]++
	}
	var centres []Point
	var w []float64
	for c, n := range sizes {
		idx[c] = -1
		if n > 0 {
			idx[c] = len(centres)
			centres = append(centres, base.centroids[c])
			w = append(w, float64(n))
		}
	}
	var out run
	maxK := min(opts.MaxK, 2+len(centres)/groupsPerBase, len(centres)-1)
	for k := 2; k <= maxK; k++ {
		cl := kmeans(centres, w, k, opts.Restarts, groupIter, rng)
		groupSize := make([]int, k)
		for b, l := range cl.labels {
			groupSize[l] += int(w[b])
		}
		labels := make([]int, len(pts))
		for i, b := range base.labels {
			labels[i] = cl.labels[idx[b]]
		}
		out.labels = append(out.labels, labels)
		out.cents = append(out.cents, cl.centroids)
		out.sil = append(out.sil, meanSilhouette(centres, w, cl.labels, k))
		out.small = append(out.small, slices.Min(groupSize))
	}
	return out
}

// AdjustedRand is the adjusted Rand index (Hubert and Arabie 1985) of two
// labellings of the same items: 1 for the same partition, about 0 for
// unrelated ones.
func AdjustedRand(a, b []int) float64 {
	ka, kb := slices.Max(a)+1, slices.Max(b)+1
	n := make([]float64, ka*kb)
	ra, rb := make([]float64, ka), make([]float64, kb)
	for i := range a {
		n[a[i]*kb+b[i]]++
		ra[a[i]]++
		rb[b[i]]++
	}
	c2 := func(x float64) float64 { return x * (x - 1) / 2 }
	var index, sa, sb float64
	for _, x := range n {
		index += c2(x)
	}
	for _, x := range ra {
		sa += c2(x)
	}
	for _, x := range rb {
		sb += c2(x)
	}
	expected := sa * sb / c2(float64(len(a)))
	top := (sa + sb) / 2
	if top == expected {
		return 1
	}
	return (index - expected) / (top - expected)
}
