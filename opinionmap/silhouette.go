package opinionmap

import (
	"math"
	"math/rand/v2"
	"slices"
)

// KScore is the mean silhouette of the best k-means result for one k.
type KScore struct {
	K          int
	Silhouette float64
	Sample     int // voters the silhouette was averaged over
	// SmallestGroup is the size of the smallest group; Eligible is false
	// when it is below MinGroupShare of the counted voters (or below 2).
	SmallestGroup int
	Eligible      bool
}

// silhouetteSample returns the indices the silhouette is computed on: all
// of them, or a seeded random sample of max of them.
func silhouetteSample(n, max int, rng *rand.Rand) []int {
	if n <= max {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	idx := rng.Perm(n)[:max]
	slices.Sort(idx)
	return idx
}

// meanSilhouette is the mean over the sample of (b − a) / max(a, b), where
// a is a point's mean distance to the other points of its group and b the
// smallest mean distance to the points of another group (Rousseeuw 1987).
// A point alone in its group scores 0. Only sampled points are used on both
// sides.
func meanSilhouette(pts []Point, labels []int, k int, sample []int) float64 {
	sum := make([]float64, k)
	cnt := make([]int, k)
	for _, i := range sample {
		cnt[labels[i]]++
	}
	total := 0.0
	for _, i := range sample {
		clear(sum)
		for _, j := range sample {
			if i != j {
				sum[labels[j]] += math.Sqrt(dist2(pts[i], pts[j]))
			}
		}
		own := labels[i]
		if cnt[own] <= 1 {
			continue
		}
		a := sum[own] / float64(cnt[own]-1)
		b := math.Inf(1)
		for c := range k {
			if c != own && cnt[c] > 0 {
				b = min(b, sum[c]/float64(cnt[c]))
			}
		}
		if math.IsInf(b, 1) {
			continue
		}
		if m := max(a, b); m > 0 {
			total += (b - a) / m
		}
	}
	return total / float64(len(sample))
}
