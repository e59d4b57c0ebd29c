package opinionmap

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Direction says which side of a statement a group or category leans to.
type Direction int8

// Directions.
const (
	Agreeing    Direction = 1
	Disagreeing Direction = -1
)

func (d Direction) String() string {
	if d == Disagreeing {
		return "disagree"
	}
	return "agree"
}

// Method names the test behind a p-value.
type Method string

// Methods.
const (
	ZTest          Method = "two-proportion z-test (pooled, one-sided)"
	FisherExact    Method = "Fisher's exact test (one-sided)"
	ChiSquareIndep Method = "chi-square test of independence"
	ChiSquareGOF   Method = "chi-square goodness-of-fit test"
	BinomialLower  Method = "binomial test (one-sided, lower tail)"
)

// twoPropZ is the pooled two-proportion z statistic for x1 of n1 against
// x2 of n2 (positive when the first proportion is larger).
func twoPropZ(x1, n1, x2, n2 float64) float64 {
	p1, p2 := x1/n1, x2/n2
	p := (x1 + x2) / (n1 + n2)
	se := math.Sqrt(p * (1 - p) * (1/n1 + 1/n2))
	if se == 0 {
		return 0
	}
	return (p1 - p2) / se
}

// normalUpper is P(Z ≥ z) for a standard normal Z.
func normalUpper(z float64) float64 { return distuv.UnitNormal.Survival(z) }

// fisherGreater is the one-sided p-value of Fisher's exact test for the
// 2×2 table [[a, b], [c, d]]: the probability, with all margins fixed, of a
// top-left cell of a or more.
func fisherGreater(a, b, c, d int) float64 {
	row1, col1, n := a+b, a+c, a+b+c+d
	hi := min(row1, col1)
	base := lchoose(n, col1)
	p := 0.0
	for x := a; x <= hi; x++ {
		p += math.Exp(lchoose(row1, x) + lchoose(n-row1, col1-x) - base)
	}
	return min(p, 1)
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// chiSquareP is P(X ≥ stat) for X chi-square distributed with df degrees
// of freedom.
func chiSquareP(stat float64, df int) float64 {
	return distuv.ChiSquared{K: float64(df)}.Survival(stat)
}

// binomialLower is P(X ≤ k) for X ~ Binomial(n, p).
func binomialLower(k, n int, p float64) float64 {
	return distuv.Binomial{N: float64(n), P: p}.CDF(float64(k))
}

// independence is the chi-square test of independence of a table with
// two columns (agree, disagree). ok is false when a row or column sums to
// zero, where the test is not defined.
func independence(rows [][2]int) (stat float64, df int, p float64, ok bool) {
	var col [2]float64
	n := 0.0
	for _, r := range rows {
		col[0] += float64(r[0])
		col[1] += float64(r[1])
	}
	n = col[0] + col[1]
	if len(rows) < 2 || col[0] == 0 || col[1] == 0 {
		return 0, 0, 1, false
	}
	for _, r := range rows {
		rt := float64(r[0] + r[1])
		if rt == 0 {
			return 0, 0, 1, false
		}
		for j := range 2 {
			e := rt * col[j] / n
			d := float64(r[j]) - e
			stat += d * d / e
		}
	}
	df = len(rows) - 1
	return stat, df, chiSquareP(stat, df), true
}
