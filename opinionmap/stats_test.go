package opinionmap

import (
	"math"
	"testing"
)

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestTwoPropZ(t *testing.T) {
	// 30 of 50 against 20 of 50: pooled p = 50/100 = 0.5,
	// se = sqrt(0.5·0.5·(1/50 + 1/50)) = sqrt(0.01) = 0.1,
	// z = (0.6 − 0.4) / 0.1 = 2; one-sided p = 1 − Φ(2) = 0.0227501.
	tests := []struct {
		name           string
		x1, n1, x2, n2 float64
		z, p           float64
	}{
		{"textbook", 30, 50, 20, 50, 2, 0.02275013194817922},
		{"equal", 10, 20, 10, 20, 0, 0.5},
		{"reversed", 20, 50, 30, 50, -2, 0.9772498680518208},
		{"no variance", 5, 5, 5, 5, 0, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := twoPropZ(tt.x1, tt.n1, tt.x2, tt.n2)
			if !near(z, tt.z, 1e-12) {
				t.Errorf("z = %v, want %v", z, tt.z)
			}
			if p := normalUpper(z); !near(p, tt.p, 1e-9) {
				t.Errorf("p = %v, want %v", p, tt.p)
			}
		})
	}
}

func TestFisherGreater(t *testing.T) {
	// Fisher's tea tasting, [[3, 1], [1, 3]]: of the C(8,4) = 70 tables
	// with these margins, 16 have 3 in the corner and 1 has 4, so
	// P(X ≥ 3) = 17/70; P(X ≥ 4) = 1/70; P(X ≥ 0) = 1.
	tests := []struct {
		a, b, c, d int
		want       float64
	}{
		{3, 1, 1, 3, 17.0 / 70},
		{4, 0, 0, 4, 1.0 / 70},
		{0, 4, 4, 0, 1},
		{2, 2, 2, 2, 53.0 / 70},
	}
	for _, tt := range tests {
		if got := fisherGreater(tt.a, tt.b, tt.c, tt.d); !near(got, tt.want, 1e-12) {
			t.Errorf("fisherGreater(%d,%d,%d,%d) = %v, want %v", tt.a, tt.b, tt.c, tt.d, got, tt.want)
		}
	}
}

func TestIndependence(t *testing.T) {
	// [[10, 20], [30, 40]]: row sums 30, 70, column sums 40, 60, N = 100;
	// expected 12, 18, 28, 42; χ² = 4/12 + 4/18 + 4/28 + 4/42 = 50/63
	// = 0.793651, df = 1, p = erfc(sqrt(χ²/2)) = 0.372998.
	// [[20, 0], [0, 20]]: expected 10 everywhere, χ² = 4·100/10 = 40.
	tests := []struct {
		name string
		rows [][2]int
		stat float64
		df   int
		p    float64
		ok   bool
	}{
		{"textbook", [][2]int{{10, 20}, {30, 40}}, 50.0 / 63, 1, 0.37299848361348714, true},
		{"perfect split", [][2]int{{20, 0}, {0, 20}}, 40, 1, math.Erfc(math.Sqrt(20)), true},
		{"three rows, independent", [][2]int{{5, 5}, {10, 10}, {20, 20}}, 0, 2, 1, true},
		{"empty column", [][2]int{{5, 0}, {7, 0}}, 0, 0, 1, false},
		{"one row", [][2]int{{5, 5}}, 0, 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stat, df, p, ok := independence(tt.rows)
			if ok != tt.ok || df != tt.df || !near(stat, tt.stat, 1e-12) || !near(p, tt.p, 1e-9) {
				t.Errorf("independence = (%v, %d, %v, %v), want (%v, %d, %v, %v)", stat, df, p, ok, tt.stat, tt.df, tt.p, tt.ok)
			}
		})
	}
}

func TestChiSquareAndBinomial(t *testing.T) {
	// χ² with 2 degrees of freedom has survival exp(−x/2): P(χ² ≥ 10) = e⁻⁵.
	if p := chiSquareP(10, 2); !near(p, math.Exp(-5), 1e-12) {
		t.Errorf("chiSquareP(10, 2) = %v, want %v", p, math.Exp(-5))
	}
	// P(X ≤ 2) for X ~ Binomial(20, 0.5) = (1 + 20 + 190) / 2²⁰ = 211/1048576.
	if p := binomialLower(2, 20, 0.5); !near(p, 211.0/1048576, 1e-12) {
		t.Errorf("binomialLower(2, 20, 0.5) = %v, want %v", p, 211.0/1048576)
	}
}

func TestCounts(t *testing.T) {
	c := Counts{Agree: 6, Disagree: 2, Pass: 2}
	if c.Votes() != 10 || c.AgreeRate() != 0.6 || c.DisagreeRate() != 0.2 {
		t.Errorf("counts %+v: votes %d, rates %v %v", c, c.Votes(), c.AgreeRate(), c.DisagreeRate())
	}
	if c.SmoothedAgree() != 7.0/12 || c.SmoothedDisagree() != 3.0/12 {
		t.Errorf("smoothed %v %v", c.SmoothedAgree(), c.SmoothedDisagree())
	}
	if (Counts{}).AgreeRate() != 0 {
		t.Error("empty counts: rate not 0")
	}
}
