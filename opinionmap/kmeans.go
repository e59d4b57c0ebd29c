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
	inertia   float64 // within-group sum of squared distances
}

const kmeansMaxIter = 300

// kmeans runs Lloyd's algorithm from `restarts` k-means++ seedings and keeps
// the result with the smallest inertia (the first one on a tie).
func kmeans(pts []Point, k, restarts int, rng *rand.Rand) clustering {
	var best clustering
	for r := range restarts {
		c := lloyd(pts, seedPlusPlus(pts, k, rng))
		if r == 0 || c.inertia < best.inertia {
			best = c
		}
	}
	return best
}

// seedPlusPlus picks k starting centroids: the first uniformly, each next
// one with probability proportional to its squared distance from the
// nearest centroid so far (Arthur and Vassilvitskii 2007).
func seedPlusPlus(pts []Point, k int, rng *rand.Rand) []Point {
	cents := []Point{pts[rng.IntN(len(pts))]}
	d := make([]float64, len(pts))
	for i, p := range pts {
		d[i] = dist2(p, cents[0])
	}
	for len(cents) < k {
		total := 0.0
		for _, x := range d {
			total += x
		}
		pick := len(pts) - 1
		if total > 0 {
			t := rng.Float64() * total
			for i, x := range d {
				if t -= x; t < 0 {
					pick = i
					break
				}
			}
		} else {
			pick = rng.IntN(len(pts))
		}
		c := pts[pick]
		cents = append(cents, c)
		for i, p := range pts {
			d[i] = min(d[i], dist2(p, c))
		}
	}
	return cents
}

func lloyd(pts []Point, cents []Point) clustering {
	k := len(cents)
	labels := make([]int, len(pts))
	for i := range labels {
		labels[i] = -1
	}
	sums := make([]Point, k)
	sizes := make([]int, k)
	for range kmeansMaxIter {
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
			sums[labels[i]].X += p.X
			sums[labels[i]].Y += p.Y
			sizes[labels[i]]++
		}
		for c := range k {
			if sizes[c] > 0 {
				cents[c] = Point{sums[c].X / float64(sizes[c]), sums[c].Y / float64(sizes[c])}
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
		inertia += dist2(p, cents[labels[i]])
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
