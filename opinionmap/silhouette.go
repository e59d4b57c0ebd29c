package opinionmap

import "math"

// KScore is the mean silhouette of the best grouping for one k.
type KScore struct {
	K          int
	Silhouette float64
	// SmallestGroup is the number of voters in the smallest group;
	// Eligible is false when it is below Options.MinGroupSize.
	SmallestGroup int
	Eligible      bool
}

// meanSilhouette is the mean over the voters of (b − a) / max(a, b), where
// a is a voter's mean distance to the other voters of its group and b the
// smallest mean distance to the voters of another group (Rousseeuw 1987).
// Each voter stands at their base cluster's centre, so a base cluster of w
// voters counts w times: the points are the centres, w their weights.
func meanSilhouette(pts []Point, w []float64, labels []int, k int) float64 {
	sum := make([]float64, k)
	cnt := make([]float64, k)
	for i, l := range labels {
		cnt[l] += w[i]
	}
	total, all := 0.0, 0.0
	for i := range pts {
		all += w[i]
		clear(sum)
		for j := range pts {
			if i != j {
				sum[labels[j]] += w[j] * math.Sqrt(dist2(pts[i], pts[j]))
			}
		}
		own := labels[i]
		if cnt[own] <= 1 {
			continue
		}
		a := sum[own] / (cnt[own] - 1)
		b := math.Inf(1)
		for c := range k {
			if c != own && cnt[c] > 0 {
				b = min(b, sum[c]/cnt[c])
			}
		}
		if math.IsInf(b, 1) {
			continue
		}
		if m := max(a, b); m > 0 {
			total += w[i] * (b - a) / m
		}
	}
	return total / all
}
