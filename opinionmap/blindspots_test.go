package opinionmap

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestBlindSpots(t *testing.T) {
	// Test figures, not real ones.
	population := map[string]float64{"Nord": 4000, "Süd": 3000, "Ost": 2000, "West": 1000, "Klein": 30}
	type want struct {
		flagged  []string
		tooSmall []string
		basis    Basis
		tested   bool
		df       int
		chi2     float64 // checked when not NaN
		p        float64
	}
	tests := []struct {
		name     string
		observed map[string]int
		shares   map[string]float64
		want     want
	}{
		{
			// West expects 200·1000/10030 = 19.9 and has 2.
			name:     "planted under-represented district",
			observed: map[string]int{"Nord": 90, "Süd": 70, "Ost": 38, "West": 2},
			shares:   population,
			want:     want{flagged: []string{"West"}, tooSmall: []string{"Klein"}, tested: true, df: 3, chi2: math.NaN()},
		},
		{
			// Equal shares: expected 60/3 = 20 each; χ² = (100 + 0 + 100)/20
			// = 10 with 2 df, p = e⁻⁵; a's residual (10 − 20)/sqrt(20·2/3)
			// = −2.74.
			name:     "no population figures",
			observed: map[string]int{"a": 10, "b": 20, "c": 30},
			want:     want{flagged: []string{"a"}, basis: BasisEqualShares, tested: true, df: 2, chi2: 10, p: math.Exp(-5)},
		},
		{
			name:     "represented as expected",
			observed: map[string]int{"Nord": 40, "Süd": 30, "Ost": 20, "West": 10},
			shares:   population,
			want:     want{tooSmall: []string{"Klein"}, tested: true, df: 3, chi2: math.NaN()},
		},
		{
			name:     "everything too small",
			observed: map[string]int{"a": 3, "b": 1},
			want:     want{tooSmall: []string{"a", "b"}, basis: BasisEqualShares},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := BlindSpots(tt.observed, tt.shares, 0)
			if err != nil {
				t.Fatal(err)
			}
			var flagged, small []string
			for _, c := range r.UnderRepresented() {
				flagged = append(flagged, c.Name)
				if c.Residual > -2 && c.P >= 0.05 {
					t.Errorf("%s flagged with residual %v, p %v", c.Name, c.Residual, c.P)
				}
			}
			sum := 0.0
			for _, c := range r.Categories {
				sum += c.Share
				if c.TooSmall {
					small = append(small, c.Name)
					if c.Expected >= 5 || c.UnderRepresented {
						t.Errorf("%+v", c)
					}
				}
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("shares sum to %v", sum)
			}
			if !slices.Equal(flagged, tt.want.flagged) || !slices.Equal(small, tt.want.tooSmall) {
				t.Errorf("flagged %v, too small %v; want %v, %v", flagged, small, tt.want.flagged, tt.want.tooSmall)
			}
			if r.Basis != tt.want.basis || r.Tested != tt.want.tested || r.DF != tt.want.df {
				t.Errorf("basis %v, tested %v, df %d", r.Basis, r.Tested, r.DF)
			}
			if r.Tested && (r.P > 1 || r.P <= 0) {
				t.Errorf("p %v", r.P)
			}
			if !math.IsNaN(tt.want.chi2) && r.Tested && (!near(r.ChiSquare, tt.want.chi2, 1e-12) || !near(r.P, tt.want.p, 1e-12)) {
				t.Errorf("χ² %v, p %v; want %v, %v", r.ChiSquare, r.P, tt.want.chi2, tt.want.p)
			}
		})
	}
}

func TestBlindSpotsHandResidual(t *testing.T) {
	r, err := BlindSpots(map[string]int{"a": 10, "b": 20, "c": 30}, nil, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Categories[0]
	// (10 − 20) / sqrt(20 · (1 − 1/3)) = −10 / sqrt(40/3) = −2.7386128.
	if a.Name != "a" || !near(a.Expected, 20, 1e-12) || !near(a.Residual, -10/math.Sqrt(40.0/3), 1e-12) {
		t.Errorf("%+v", a)
	}
	if r.N != 60 || r.NTested != 60 {
		t.Errorf("N %d, tested %d", r.N, r.NTested)
	}
}

func TestBlindSpotsErrors(t *testing.T) {
	tests := []struct {
		name     string
		observed map[string]int
		shares   map[string]float64
		alpha    float64
	}{
		{"category without a share", map[string]int{"x": 3}, map[string]float64{"y": 1}, 0},
		{"negative share", map[string]int{"x": 3}, map[string]float64{"x": -1}, 0},
		{"shares sum to 0", map[string]int{"x": 3}, map[string]float64{"x": 0}, 0},
		{"negative count", map[string]int{"x": -3}, nil, 0},
		{"alpha", map[string]int{"x": 3}, nil, 2},
	}
	for _, tt := range tests {
		_, err := BlindSpots(tt.observed, tt.shares, tt.alpha)
		if !errors.Is(err, ErrInvalidShares) && !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: error %v", tt.name, err)
		}
	}
}
