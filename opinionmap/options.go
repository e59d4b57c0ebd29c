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
	// MinSilhouette is the mean silhouette the best grouping needs; below it
	// the map reports "no clear groups". Default 0.55 (see the package doc).
	MinSilhouette float64
	// MinGroupShare is the share of counted voters the smallest group of a
	// grouping needs (and at least 2 voters); groupings with a smaller group
	// are not chosen. Default 0.1.
	MinGroupShare float64
	// Alpha is the significance level of every test. Default 0.05.
	Alpha float64
	// ConsensusRate is the agree (or disagree) rate a statement needs in
	// every group and overall to count as common ground. Default 0.6.
	ConsensusRate float64
	// Restarts is how many k-means++ starts are tried per k; the one with the
	// smallest within-group sum of squares is kept. Default 10.
	Restarts int
	// SilhouetteSample caps the voters the silhouette is computed on (a
	// seeded random sample); it is exact when there are fewer voters.
	// Default 2000.
	SilhouetteSample int
	// Seed makes every random choice (PCA start, k-means++ seeding,
	// silhouette sample) repeatable.
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
		MinSilhouette:     0.55,
		MinGroupShare:     0.1,
		Alpha:             0.05,
		ConsensusRate:     0.6,
		Restarts:          10,
		SilhouetteSample:  2000,
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
	fillInt(&o.SilhouetteSample, d.SilhouetteSample)
	fillFloat(&o.MinSilhouette, d.MinSilhouette)
	fillFloat(&o.MinGroupShare, d.MinGroupShare)
	fillFloat(&o.Alpha, d.Alpha)
	fillFloat(&o.ConsensusRate, d.ConsensusRate)
	switch {
	case o.MinVoters < 3:
		return o, fmt.Errorf("option MinVoters %d < 3: %w", o.MinVoters, ErrInvalidOptions)
	case o.MinVotesPerVoter < 1, o.MinStatementVotes < 1, o.MinGroupVotes < 1:
		return o, fmt.Errorf("vote minimums must be positive: %w", ErrInvalidOptions)
	case o.MaxK < 2:
		return o, fmt.Errorf("option MaxK %d < 2: %w", o.MaxK, ErrInvalidOptions)
	case o.Restarts < 1, o.SilhouetteSample < 2:
		return o, fmt.Errorf("options Restarts and SilhouetteSample must be positive: %w", ErrInvalidOptions)
	case o.MinSilhouette < 0 || o.MinSilhouette > 1:
		return o, fmt.Errorf("option MinSilhouette %g outside [0, 1]: %w", o.MinSilhouette, ErrInvalidOptions)
	case o.MinGroupShare < 0 || o.MinGroupShare >= 0.5:
		return o, fmt.Errorf("option MinGroupShare %g outside [0, 0.5): %w", o.MinGroupShare, ErrInvalidOptions)
	case o.Alpha <= 0 || o.Alpha >= 1:
		return o, fmt.Errorf("option Alpha %g outside (0, 1): %w", o.Alpha, ErrInvalidOptions)
	case o.ConsensusRate <= 0.5 || o.ConsensusRate > 1:
		return o, fmt.Errorf("option ConsensusRate %g outside (0.5, 1]: %w", o.ConsensusRate, ErrInvalidOptions)
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
