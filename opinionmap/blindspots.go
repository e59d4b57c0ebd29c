package opinionmap

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
)

// Basis says what the expected shares of a blind-spot check rest on.
type Basis int

// Bases.
const (
	// BasisShares: the caller's figures (population per district, or
	// participant shares).
	BasisShares Basis = iota
	// BasisEqualShares: no figures were given ("no population figures"),
	// so every category is expected to have the same share.
	BasisEqualShares
)

func (b Basis) String() string {
	if b == BasisEqualShares {
		return "equal shares (no population figures)"
	}
	return "given shares"
}

// Category is one category (for example a district) in a blind-spot check.
type Category struct {
	Name     string
	Observed int
	Share    float64 // expected share, normalized to sum 1
	Expected float64 // N × Share
	// Residual is the standardized residual (O − E) / sqrt(E·(1 − Share)),
	// about standard normal when the category is represented as expected.
	Residual float64
	// P is the one-sided binomial p-value P(X ≤ Observed) for
	// X ~ Binomial(N, Share).
	P float64
	// TooSmall: Expected < 5, too small to judge; no flag, not in the
	// chi-square test.
	TooSmall bool
	// UnderRepresented: not TooSmall, and Residual ≤ −2 or P < Alpha.
	UnderRepresented bool
}

// BlindSpotReport is the result of BlindSpots.
type BlindSpotReport struct {
	Basis Basis
	N     int // all observations
	Alpha float64
	// The chi-square goodness-of-fit test over the categories that are not
	// TooSmall (their shares renormalized to sum 1): statistic, degrees of
	// freedom, p-value and the observations it covers. Tested is false when
	// fewer than two categories could be judged.
	Method    Method
	Tested    bool
	ChiSquare float64
	DF        int
	P         float64
	NTested   int
	// Categories by name.
	Categories []Category
}

// UnderRepresented returns the flagged categories, most under-represented
// (lowest residual) first.
func (r BlindSpotReport) UnderRepresented() []Category {
	var out []Category
	for _, c := range r.Categories {
		if c.UnderRepresented {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(x, y Category) int { return cmp.Compare(x.Residual, y.Residual) })
	return out
}

// BlindSpots compares observed counts per category (opinions or
// participants per district, say) with expected shares (population per
// district, or participant shares; any non-negative weights, normalized
// here). With no shares, every observed category is expected to have the
// same share and the report's Basis says so; then the caller must list
// every category in observed, zeros included. A category in shares but not
// in observed has 0 observations. alpha 0 means 0.05.
func BlindSpots(observed map[string]int, shares map[string]float64, alpha float64) (BlindSpotReport, error) {
	if alpha == 0 {
		alpha = 0.05
	}
	if alpha < 0 || alpha >= 1 {
		return BlindSpotReport{}, fmt.Errorf("opinionmap: alpha %g outside (0, 1): %w", alpha, ErrInvalidOptions)
	}
	rep := BlindSpotReport{Basis: BasisShares, Alpha: alpha, Method: ChiSquareGOF}
	weights := shares
	if len(shares) == 0 {
		rep.Basis = BasisEqualShares
		weights = make(map[string]float64, len(observed))
		for name := range observed {
			weights[name] = 1
		}
	}
	total := 0.0
	for name, w := range weights {
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return BlindSpotReport{}, fmt.Errorf("opinionmap: share of %q is %g: %w", name, w, ErrInvalidShares)
		}
		total += w
	}
	if total == 0 {
		return BlindSpotReport{}, fmt.Errorf("opinionmap: shares sum to 0: %w", ErrInvalidShares)
	}
	for name, o := range observed {
		if o < 0 {
			return BlindSpotReport{}, fmt.Errorf("opinionmap: %q observed %d times: %w", name, o, ErrInvalidShares)
		}
		if _, ok := weights[name]; !ok {
			return BlindSpotReport{}, fmt.Errorf("opinionmap: %q has no share: %w", name, ErrInvalidShares)
		}
		rep.N += o
	}

	judged := 0.0 // share of the judged categories
	for _, name := range slices.Sorted(maps.Keys(weights)) {
		c := Category{Name: name, Observed: observed[name], Share: weights[name] / total}
		c.Expected = float64(rep.N) * c.Share
		c.TooSmall = c.Expected < 5
		if c.Share < 1 && c.Expected > 0 {
			c.Residual = (float64(c.Observed) - c.Expected) / math.Sqrt(c.Expected*(1-c.Share))
		}
		c.P = binomialLower(c.Observed, rep.N, c.Share)
		c.UnderRepresented = !c.TooSmall && (c.Residual <= -2 || c.P < alpha)
		if !c.TooSmall {
			judged += c.Share
			rep.NTested += c.Observed
			rep.DF++
		}
		rep.Categories = append(rep.Categories, c)
	}
	if rep.DF < 2 || rep.NTested == 0 {
		rep.DF = 0
		return rep, nil
	}
	rep.DF--
	for _, c := range rep.Categories {
		if c.TooSmall {
			continue
		}
		e := float64(rep.NTested) * c.Share / judged
		d := float64(c.Observed) - e
		rep.ChiSquare += d * d / e
	}
	rep.Tested = true
	rep.P = chiSquareP(rep.ChiSquare, rep.DF)
	return rep, nil
}
