package opinionmap

import "fmt"

// Options are the thresholds of the analysis. A zero field takes its
// default (see DefaultOptions); Seed 0 is a seed like any other.
type Options struct {
	// MinVoters is how many voters with at least MinVotesPerVoter votes are
	// needed before groups are formed. Default 15.
	MinVoters int
	// MinVotesPerVoter is how many votes (agree, disagree or pass) a voter
	// needs to be counted at all. Default 7.
	MinVotesPerVoter int
	// MinStatementVotes is how many votes (from counted voters) a statement
	// needs to enter the map and any report. Default 5.
	MinStatementVotes int
	// MinGroupVotes is how many votes a statement needs within a group (or
	// within an attribute value) before that group's rate is judged.
	// Default 5.
	MinGroupVotes int
	// MaxK is the largest number of groups tried. Default 5.
	MaxK int
	// MinGroupSize is how many voters the smallest group of a grouping
	// needs; groupings with a smaller group are not chosen. Default 5.
	MinGroupSize int
	// Permutations is how many shuffled copies of the votes the best
	// grouping is tested against; groups are drawn only when the real votes
	// group better than every copy, a test at level 1/(Permutations+1).
	// Default 49 (level 0.02).
	Permutations int
	// RepresentativeFDR is the false discovery rate (Benjamini–Hochberg)
	// at which a statement's difference between a group and the rest counts
	// as real. Default 0.1, the 90 % of Pol.is.
	RepresentativeFDR float64
	// MaxRepresentative caps the representative statements per group.
	// Default 5, as in Pol.is.
	MaxRepresentative int
	// Alpha is the significance level of every test. Default 0.05.
	Alpha float64
	// MaxConsensus caps the consensus statements of each kind (overall and
	// group-aware) and direction. Default 5, as in Pol.is.
	MaxConsensus int
	// Restarts is how many k-means++ starts are tried per k; the one with the
	// smallest within-group sum of squares is kept. Default 10.
	Restarts int
	// KMargin is how much higher a larger k's mean silhouette must be than
	// the best smaller k's to be chosen. Default 0.05 (see the package doc).
	KMargin float64
	// Runs is how many times the voters are grouped, each time from
	// other random starts; k and the grouping are chosen over all runs.
	// Default 10.
	Runs int
	// Seed makes every random choice (PCA start, k-means++ seeding,
	// permutations) repeatable.
	Seed uint64
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options {
	return Options{
		MinVoters:         15,
		MinVotesPerVoter:  7,
		MinStatementVotes: 5,
		MinGroupVotes:     5,
		MaxK:              5,
		MinGroupSize:      5,
		Permutations:      49,
		RepresentativeFDR: 0.1,
		MaxRepresentative: 5,
		Alpha:             0.05,
		MaxConsensus:      5,
		Restarts:          10,
		Runs:              10,
		KMargin:           0.05,
	}
}

// withDefaults fills zero fields with defaults and checks the result.
func (o Options) withDefaults() (Options, error) {
	d := DefaultOptions()
	fillInt(&o.MinVoters, d.MinVoters)
	fillInt(&o.MinVotesPerVoter, d.MinVotesPerVoter)
	fillInt(&o.MinStatementVotes, d.MinStatementVotes)
	fillInt(&o.MinGroupVotes, d.MinGroupVotes)
	fillInt(&o.MaxK, d.MaxK)
	fillInt(&o.Restarts, d.Restarts)
	fillInt(&o.Runs, d.Runs)
	fillInt(&o.MinGroupSize, d.MinGroupSize)
	fillInt(&o.Permutations, d.Permutations)
	fillInt(&o.MaxRepresentative, d.MaxRepresentative)
	fillInt(&o.MaxConsensus, d.MaxConsensus)
	fillFloat(&o.RepresentativeFDR, d.RepresentativeFDR)
	fillFloat(&o.Alpha, d.Alpha)
	fillFloat(&o.KMargin, d.KMargin)
	switch {
	case o.MinVoters < 3:
		return o, fmt.Errorf("option MinVoters %d < 3: %w", o.MinVoters, ErrInvalidOptions)
	case o.MinVotesPerVoter < 1, o.MinStatementVotes < 1, o.MinGroupVotes < 1:
		return o, fmt.Errorf("vote minimums must be positive: %w", ErrInvalidOptions)
	case o.MaxK < 2:
		return o, fmt.Errorf("option MaxK %d < 2: %w", o.MaxK, ErrInvalidOptions)
	case o.Restarts < 1, o.Runs < 1, o.MinGroupSize < 1, o.Permutations < 1, o.MaxRepresentative < 1, o.MaxConsensus < 1:
		return o, fmt.Errorf("options Restarts, MinGroupSize, Permutations, MaxRepresentative and MaxConsensus must be positive: %w", ErrInvalidOptions)
	case o.KMargin < 0 || o.KMargin >= 1:
		return o, fmt.Errorf("option KMargin %g outside [0, 1): %w", o.KMargin, ErrInvalidOptions)
	case o.RepresentativeFDR <= 0 || o.RepresentativeFDR >= 1:
		return o, fmt.Errorf("option RepresentativeFDR %g outside (0, 1): %w", o.RepresentativeFDR, ErrInvalidOptions)
	case o.Alpha <= 0 || o.Alpha >= 1:
		return o, fmt.Errorf("option Alpha %g outside (0, 1): %w", o.Alpha, ErrInvalidOptions)
	}
	return o, nil
}

func fillInt(v *int, d int) {
	if *v == 0 {
		*v = d
	}
}

func fillFloat(v *float64, d float64) {
	if *v == 0 {
		*v = d
	}
}
