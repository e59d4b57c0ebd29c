package opinionmap

import "errors"

// Vote values.
const (
	Agree    int8 = 1
	Pass     int8 = 0
	Disagree int8 = -1
)

// Vote is one resident's reaction to one statement. A statement the voter
// has not seen has no Vote. If the same voter votes on the same statement
// more than once, the last Vote in the input counts.
type Vote struct {
	Voter     string
	Statement string
	Value     int8 // Agree (+1), Disagree (−1) or Pass (0)
}

// Attributes describe a voter by name and value, for example
// {"district": "Badeborn", "role": "resident"}. Names and values are
// configuration; the package gives none of them a meaning.
type Attributes map[string]string

// Input is everything Compute reads.
type Input struct {
	Votes []Vote
	// Voters holds the attributes of each voter by voter id. Voters without
	// an entry (or without a given attribute) are left out of the tests over
	// that attribute and counted in Division.Unknown.
	Voters map[string]Attributes
	// ModeratedOut lists statements that moderation removed. As in Pol.is,
	// votes on them count towards a voter's number of votes, but they are
	// left out of the projection and of every report.
	ModeratedOut []string
}

// Errors returned (wrapped) by this package.
var (
	ErrInvalidVote    = errors.New("invalid vote")
	ErrInvalidOptions = errors.New("invalid options")
	ErrInvalidShares  = errors.New("invalid shares")
)
