package opinionmap

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// PCA settings: a randomized subspace iteration (Halko, Martinsson and
// Tropp 2011) with pcaBlock vectors and pcaIterations power steps, finished
// by a thin SVD (gonum) of the small projected matrix. The block is larger
// than the two components kept so that they converge fast.
const (
	pcaBlock      = 10
	pcaIterations = 12
)

// Component is one principal component of the centred vote matrix.
type Component struct {
	// SingularValue of the centred matrix along this component.
	SingularValue float64
	// VarianceShare is SingularValue² over the total sum of squares: the
	// share of all vote variation this axis shows.
	VarianceShare float64
}

// centred is the part of the vote matrix that enters the PCA: counted
// voters (rows) × statements with enough votes (columns), each vote minus
// its statement's mean vote. A missing vote is the mean, so it is 0 here.
type centred struct {
	rowPtr []int
	cols   []int32
	x      []float64
	nCols  int
	voted  []int // votes per row within the PCA columns
	nOut   int   // statements moderated out (see project)
}

func newCentred(m *matrix, rows []int, colOf []int32, nCols int) *centred {
	sum := make([]float64, nCols)
	cnt := make([]int, nCols)
	nnz := 0
	for _, i := range rows {
		nnz += m.rowLen(i)
	}
	c := &centred{
		rowPtr: make([]int, 1, len(rows)+1),
		cols:   make([]int32, 0, nnz),
		x:      make([]float64, 0, nnz),
		nCols:  nCols,
		voted:  make([]int, len(rows)),
	}
	for r, i := range rows {
		cols, vals := m.row(i)
		for k, s := range cols {
			if j := colOf[s]; j >= 0 {
				c.cols = append(c.cols, j)
				c.x = append(c.x, float64(vals[k]))
				sum[j] += float64(vals[k])
				cnt[j]++
			}
		}
		c.rowPtr = append(c.rowPtr, len(c.cols))
		c.voted[r] = c.rowPtr[r+1] - c.rowPtr[r]
	}
	for k, j := range c.cols {
		c.x[k] -= sum[j] / float64(cnt[j])
	}
	return c
}

// mul sets y (rows×l) = X·z, z being nCols×l, both row-major.
func (c *centred) mul(y, z []float64, l int) {
	clear(y)
	for r := range len(c.rowPtr) - 1 {
		yr := y[r*l : r*l+l]
		for k := c.rowPtr[r]; k < c.rowPtr[r+1]; k++ {
			zr := z[int(c.cols[k])*l : int(c.cols[k])*l+l]
			x := c.x[k]
			for t := range yr {
				yr[t] += x * zr[t]
			}
		}
	}
}

// mulT sets z (nCols×l) = Xᵀ·y.
func (c *centred) mulT(z, y []float64, l int) {
	clear(z)
	for r := range len(c.rowPtr) - 1 {
		yr := y[r*l : r*l+l]
		for k := c.rowPtr[r]; k < c.rowPtr[r+1]; k++ {
			zr := z[int(c.cols[k])*l : int(c.cols[k])*l+l]
			x := c.x[k]
			for t := range zr {
				zr[t] += x * yr[t]
			}
		}
	}
}

// project computes the first two principal axes and places every row on
// them. As Pol.is does, a voter's position is scaled by
// sqrt(statements / statements the voter voted on), so that voters who saw
// few statements are not pulled towards the centre.
func (c *centred) project(rng *rand.Rand) (xs, ys []float64, comps [2]Component) {
	n := len(c.rowPtr) - 1
	var axes [2][]float64
	if n*c.nCols <= denseLimit {
		axes, comps = c.denseAxes()
	} else {
		axes, comps = c.axes(rng, pcaBlock, pcaIterations, nil)
	}
	xs, ys = make([]float64, n), make([]float64, n)
	for r := range n {
		if c.voted[r] == 0 {
			continue
		}
		var px, py float64
		for k := c.rowPtr[r]; k < c.rowPtr[r+1]; k++ {
			if axes[0] != nil {
				px += c.x[k] * axes[0][c.cols[k]]
			}
			if axes[1] != nil {
				py += c.x[k] * axes[1][c.cols[k]]
			}
		}
		// As Pol.is does, a statement moderated out counts as seen by
		// everybody (its column is all zeros).
		scale := math.Sqrt(float64(c.nCols+c.nOut) / float64(c.voted[r]+c.nOut))
		xs[r], ys[r] = px*scale, py*scale
	}
	return xs, ys, comps
}

// axes finds the first two principal axes with a block of l vectors and
// the given number of power steps. ws, when not nil, holds the block's
// buffers between calls (the permutation test makes many).
func (c *centred) axes(rng *rand.Rand, l, iterations int, ws *workspace) (axes [2][]float64, comps [2]Component) {
	n := len(c.rowPtr) - 1
	l = min(l, n, c.nCols)
	if ws == nil {
		ws = &workspace{}
	}
	z, y := ws.get(c.nCols*l, n*l)
	for i := range z {
		z[i] = rng.NormFloat64()
	}
	c.mul(y, z, l)
	orthonormalize(y, n, l)
	for range iterations {
		c.mulT(z, y, l)
		orthonormalize(z, c.nCols, l)
		c.mul(y, z, l)
		orthonormalize(y, n, l)
	}
	c.mulT(z, y, l) // z = Xᵀy = Bᵀ with B = yᵀX ≈ the row space of X

	// The singular values and right vectors of B come from its l × l Gram
	// matrix BBᵀ = zᵀz: no decomposition of the long z is needed.
	gram := mat.NewSymDense(l, nil)
	for i := range l {
		for j := i; j < l; j++ {
			sum := 0.0
			for r := range c.nCols {
				sum += z[r*l+i] * z[r*l+j]
			}
			gram.SetSym(i, j, sum)
		}
	}
	var eig mat.EigenSym
	var sv []float64
	if l > 0 && eig.Factorize(gram, true) {
		vals := eig.Values(nil) // ascending
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		for a := range min(2, l) {
			e := l - 1 - a
			s := math.Sqrt(max(vals[e], 0))
			sv = append(sv, s)
			if s == 0 {
				continue
			}
			axis := make([]float64, c.nCols)
			for r := range c.nCols {
				sum := 0.0
				for i := range l {
					sum += z[r*l+i] * vecs.At(i, e)
				}
				axis[r] = sum / s
			}
			orientAxis(axis)
			axes[a] = axis
		}
	}
	total := 0.0
	for _, x := range c.x {
		total += x * x
	}
	for a := range 2 {
		if a < len(sv) && total > 0 {
			comps[a] = Component{SingularValue: sv[a], VarianceShare: sv[a] * sv[a] / total}
		}
	}
	return axes, comps
}

// workspace keeps the buffers of axes from one call to the next.
type workspace struct{ z, y []float64 }

func (w *workspace) get(nz, ny int) (z, y []float64) {
	if cap(w.z) < nz {
		w.z = make([]float64, nz)
	}
	if cap(w.y) < ny {
		w.y = make([]float64, ny)
	}
	return w.z[:nz], w.y[:ny]
}

// denseLimit is the size (voters × statements) up to which the axes come
// from an exact singular value decomposition of the dense matrix: on a
// town's or a Pol.is conversation's map that is faster than iterating.
const denseLimit = 500_000

// denseAxes finds the first two principal axes by a full SVD.
func (c *centred) denseAxes() (axes [2][]float64, comps [2]Component) {
	n := len(c.rowPtr) - 1
	if n == 0 || c.nCols == 0 {
		return axes, comps
	}
	x := mat.NewDense(n, c.nCols, nil)
	total := 0.0
	for r := range n {
		for k := c.rowPtr[r]; k < c.rowPtr[r+1]; k++ {
			x.Set(r, int(c.cols[k]), c.x[k])
			total += c.x[k] * c.x[k]
		}
	}
	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDThinV) {
		return axes, comps
	}
	var v mat.Dense
	svd.VTo(&v)
	sv := svd.Values(nil)
	for a := range min(2, len(sv)) {
		axes[a] = mat.Col(nil, a, &v)
		orientAxis(axes[a])
		if total > 0 {
			comps[a] = Component{SingularValue: sv[a], VarianceShare: sv[a] * sv[a] / total}
		}
	}
	return axes, comps
}

// orientAxis flips the axis so that its largest entry (by size) is
// positive: an axis has no sign of its own, and this makes it repeatable.
func orientAxis(v []float64) {
	best := 0
	for i, x := range v {
		if math.Abs(x) > math.Abs(v[best]) {
			best = i
		}
	}
	if v[best] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}

// orthonormalize makes the l columns of a (rows×l, row-major) an
// orthonormal basis of the space they span. It whitens with the
// eigen-decomposition of the small Gram matrix aᵀa (two passes over a) and
// does so twice for accuracy. Directions with no weight become zero columns.
func orthonormalize(a []float64, rows, l int) {
	g := mat.NewSymDense(l, nil)
	w := mat.NewDense(l, l, nil)
	tmp := make([]float64, l)
	gram := make([]float64, l*l)
	for range 2 {
		clear(gram)
		for r := range rows {
			ar := a[r*l : r*l+l]
			for i, x := range ar {
				gi := gram[i*l : i*l+l]
				for j := i; j < l; j++ {
					gi[j] += x * ar[j]
				}
			}
		}
		for i := range l {
			for j := i; j < l; j++ {
				g.SetSym(i, j, gram[i*l+j])
			}
		}
		var eig mat.EigenSym
		if !eig.Factorize(g, true) {
			return
		}
		vals := eig.Values(nil)
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		top := vals[l-1]
		for j := range l {
			f := 0.0
			if vals[j] > top*1e-24 && vals[j] > 0 {
				f = 1 / math.Sqrt(vals[j])
			}
			for i := range l {
				w.Set(i, j, vecs.At(i, j)*f)
			}
		}
		wr := w.RawMatrix().Data
		for r := range rows {
			ar := a[r*l : r*l+l]
			clear(tmp)
			for i, x := range ar {
				for j := range l {
					tmp[j] += x * wr[i*l+j]
				}
			}
			copy(ar, tmp)
		}
	}
}
