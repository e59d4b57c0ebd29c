package opinionmap

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestPCAMatchesDenseSVD checks the sparse subspace iteration against a
// full SVD of the same centred matrix built densely.
func TestPCAMatchesDenseSVD(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		m, err := newMatrix(planted(seed).Votes)
		if err != nil {
			t.Fatal(err)
		}
		rows := make([]int, len(m.voters))
		for i := range rows {
			rows[i] = i
		}
		colOf := make([]int32, len(m.statements))
		for j := range colOf {
			colOf[j] = int32(j)
		}
		c := newCentred(m, rows, colOf, len(m.statements))
		xs, ys, comps := c.project(rand.New(rand.NewPCG(seed, 1)))

		dense := mat.NewDense(len(rows), c.nCols, nil)
		for r := range rows {
			for k := c.rowPtr[r]; k < c.rowPtr[r+1]; k++ {
				dense.Set(r, int(c.cols[k]), c.x[k])
			}
		}
		var svd mat.SVD
		if !svd.Factorize(dense, mat.SVDThin) {
			t.Fatal("dense SVD failed")
		}
		sv := svd.Values(nil)
		var v mat.Dense
		svd.VTo(&v)
		for a := range 2 {
			if math.Abs(comps[a].SingularValue-sv[a]) > 1e-6*sv[0] {
				t.Errorf("seed %d axis %d: singular value %v, dense %v", seed, a, comps[a].SingularValue, sv[a])
			}
		}
		// Positions agree with the dense axes up to the sign of each axis.
		axis := mat.Col(nil, 0, &v)
		orientAxis(axis)
		for r := range rows {
			want := 0.0
			for k := c.rowPtr[r]; k < c.rowPtr[r+1]; k++ {
				want += c.x[k] * axis[c.cols[k]]
			}
			want *= math.Sqrt(float64(c.nCols) / float64(c.voted[r]))
			if math.Abs(xs[r]-want) > 1e-6 {
				t.Fatalf("seed %d voter %d: x %v, dense %v", seed, r, xs[r], want)
			}
		}
		if len(ys) != len(rows) {
			t.Fatalf("%d y positions", len(ys))
		}
	}
}
