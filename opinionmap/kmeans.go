package opinionmap

import (
	"math"
	"math/rand/v2"
)

// Point is a position on the two-dimensional opinion map.
type Point struct{ X, Y float64 }

func dist2(a, b Point) float64 {
	dx, dy := a.X-b.X, a.Y-b.Y
	return dx*dx + dy*dy
}

// clustering is one k-means result.
type clustering struct {
	labels    []int
	centroids []Point
	inertia   float64 // within-group weighted sum of squared distances
}

// kmeans runs weighted Lloyd's algorithm (at most maxIter steps) from
// `restarts` k-means++ seedings and keeps the result with the smallest
// inertia (the first one on a tie). A nil w weighs every point 1.
func kmeans(pts []Point, w []float64, k, restarts, maxIter int, rng *rand.Rand) clustering {
	var best clustering
	for r := range restarts {
		c := lloyd(pts, w, seedPlusPlus(pts, w, k, rng), maxIter)
		if r == 0 || c.inertia < best.inertia {
			best = c
		}
	}
	return best
}

func weight(w []float64, i int) float64 {
	if w == nil {
		return 1
	}
	return w[i]
}

// seedPlusPlus picks k starting centroids: the first with probability
// proportional to its weight, each next one proportional to weight times
// squared distance from the nearest centroid so far (Arthur and
// Vassilvitskii 2007).
func seedPlusPlus(pts []Point, w []float64, k int, rng *rand.Rand) []Point {
	d := make([]float64, len(pts))
	for i := range d {
		d[i] = 1
	}
	cents := make([]Point, 0, k)
	for len(cents) < k {
		total := 0.0
		for i, x := range d {
			total += x * weight(w, i)
		}
		pick := len(pts) - 1
		if total > 0 {
			t := rng.Float64() * total
			for i, x := range d {
				if t -= x * weight(w, i); t < 0 {
					pick = i
					break
				}
			}
		} else {
			pick = rng.IntN(len(pts))
		}
		c := pts[pick]
		if len(cents) == 0 {
			for i, p := range pts {
				d[i] = dist2(p, c)
			}
		} else {
			for i, p := range pts {
				d[i] = min(d[i], dist2(p, c))
			}
		}
		cents = append(cents, c)
	}
	return cents
}

func lloyd(pts []Point, w []float64, cents []Point, maxIter int) clustering {
	k := len(cents)
	labels := make([]int, len(pts))
	for i := range labels {
		labels[i] = -1
	}
	sums := make([]Point, k)
	sizes := make([]float64, k)
	for range maxIter {
		changed := false
		for i, p := range pts {
			l := nearest(p, cents)
			if l != labels[i] {
				labels[i], changed = l, true
			}
		}
		if !changed {
			break
		}
		clear(sums)
		clear(sizes)
		for i, p := range pts {
			wi := weight(w, i)
			sums[labels[i]].X += wi * p.X
			sums[labels[i]].Y += wi * p.Y
			sizes[labels[i]] += wi
		}
		for c := range k {
			if sizes[c] > 0 {
				cents[c] = Point{sums[c].X / sizes[c], sums[c].Y / sizes[c]}
				continue
			}
			// An empty group restarts at the point farthest from its centroid.
			far, farD := 0, -1.0
			for i, p := range pts {
				if d := dist2(p, cents[labels[i]]); d > farD {
					far, farD = i, d
				}
			}
			cents[c] = pts[far]
			labels[far] = c
		}
	}
	inertia := 0.0
	for i, p := range pts {
		inertia += weight(w, i) * dist2(p, cents[labels[i]])
	}
	return clustering{labels: labels, centroids: cents, inertia: inertia}
}

func nearest(p Point, cents []Point) int {
	best, bestD := 0, math.Inf(1)
	for c, q := range cents {
		if d := dist2(p, q); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
