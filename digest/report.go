package digest

import (
	"time"

	"github.com/heimatbot/heimatbot/opinionmap"
)

// Options tune a digest. Zero fields take their defaults.
type Options struct {
	// Examples is how many approved opinions are quoted per theme.
	// Default 3.
	Examples int
	// Top is how many statements each part of the opinion map lists, and
	// how many events and needs are listed. Default 3.
	Top int
	// Map are the thresholds of the opinion map (see package opinionmap).
	Map opinionmap.Options
	// Alpha is the significance level of the blind-spot tests. Default 0.05.
	Alpha float64
	// Silence is how long a Vorhaben may go without news before the
	// digest names it as silent. Default 14 days.
	Silence time.Duration
}

func (o Options) withDefaults() Options {
	if o.Examples <= 0 {
		o.Examples = 3
	}
	if o.Top <= 0 {
		o.Top = 3
	}
	if o.Alpha == 0 {
		o.Alpha = 0.05
	}
	if o.Silence <= 0 {
		o.Silence = 14 * 24 * time.Hour
	}
	return o
}

// Figure is a count in the period and in the period before.
type Figure struct {
	Now, Before int
}

// Change is Now − Before.
func (f Figure) Change() int { return f.Now - f.Before }

// Report is a computed digest. Every figure carries the counts it rests
// on; statements about the opinion map carry their votes and p-values.
type Report struct {
	Community string
	Period    Period
	Previous  Period
	// Quiet is true when nothing new happened in the period: the digest is
	// then a short note.
	Quiet bool

	Participation Participation
	Voices        Voices
	Map           MapView
	BlindSpots    []BlindSpotCheck
	Events        Events
	Helping       Helping
	Vorhaben      VorhabenReport
}

// Row is the figures of one district, role, theme or category. ID is empty
// for "not given".
type Row struct {
	ID, Name string
	Count    Figure
}

// Participation is who joined and who was active.
type Participation struct {
	// Registered is everyone who joined before the period's end.
	Registered int
	// New joined in the period; Active joined, voted or was otherwise
	// active in it (last activity or a vote).
	New, Active Figure
	// PopulationKnown is true when every configured district has a
	// population; else MissingPopulation names those without and the
	// districts are compared by participants only.
	PopulationKnown   bool
	MissingPopulation []string
	Districts         []DistrictRow
	Roles             []PeopleRow
}

// PeopleRow is participation in one district or role.
type PeopleRow struct {
	ID, Name    string
	New, Active Figure
	Registered  int
}

// DistrictRow adds the district's population and the active participants
// per 1,000 residents (only when the population is known).
type DistrictRow struct {
	PeopleRow
	Population int
	// ActivePer1000 is Active.Now × 1000 / Population; 0 when unknown.
	ActivePer1000 float64
}

// Voices are the approved opinions of the period.
type Voices struct {
	// Opinions are approved opinions written in the period.
	Opinions Figure
	// Waiting are opinions written before the period's end that still
	// await moderation (pending or held).
	Waiting int
	// Votes are votes cast in the period.
	Votes     Figure
	Themes    []ThemeVoices
	Districts []Row
	// Grid counts the period's approved opinions by theme (rows, in the
	// order of Themes) and district (columns, in the order of Districts).
	Grid [][]int
}

// ThemeVoices are a theme's approved opinions with a few examples, the
// most agreed-with first.
type ThemeVoices struct {
	Row
	Examples []Quote
}

// Quote is an approved opinion with its votes.
type Quote struct {
	ID, Text, District, NextStep string
	Agree, Disagree, Pass        int
}

// Statement names an opinion on the map.
type Statement struct {
	ID, Text, Theme string
}

// MapView is the opinion map as the digest reports it.
type MapView struct {
	Status  opinionmap.Status
	Summary opinionmap.Summary
	// MinVoters, MinVotesPerVoter and MinStatementVotes are the thresholds
	// in force, named in the text when not met.
	MinVoters, MinVotesPerVoter, MinStatementVotes int
	// MinGroupSize is the smallest group a grouping may have.
	MinGroupSize int
	// Structure is the share of all vote variation the map's two axes
	// show; NullMax the highest share among Permutations shuffled copies of
	// the votes, P the test's p-value (see opinionmap.GroupTest).
	Structure, NullMax, P float64
	Permutations          int
	// Structured is true when the votes show more structure than every
	// shuffled copy; without groups it then means every grouping had a
	// group smaller than MinGroupSize.
	Structured   bool
	Groups       []GroupView
	CommonGround []Common
	// Divisive are the statements that split the opinion groups;
	// ByDistrict and ByRole those that split districts and roles.
	Divisive   []Divide
	ByDistrict []Divide
	ByRole     []Divide
}

// GroupView is an opinion group and the statements that set it apart.
type GroupView struct {
	Name           string // "A", "B", …
	Size           int
	Representative []Distinct
}

// Distinct is a statement one group leans to more than the rest.
type Distinct struct {
	Statement
	Agreeing            bool
	Side, Votes         int // the group's votes on its side, of all its votes
	RestSide, RestVotes int
	P                   float64
}

// Common is a statement every group agrees with (or rejects), or without
// groups the majority of all counted voters.
type Common struct {
	Statement
	Agreeing    bool
	Side, Votes int     // all counted voters
	MinRate     float64 // the lowest raw rate among the groups (overall without groups)
}

// Divide is a statement on which groups, districts or roles differ.
type Divide struct {
	Statement
	High, Low Side
	N         int // agree and disagree votes tested
	ChiSquare float64
	DF        int
	P         float64
}

// Side is one group's, district's or role's votes on a divisive statement.
type Side struct {
	Name         string
	Agree, Votes int
}

// Rate is Agree / Votes.
func (s Side) Rate() float64 {
	if s.Votes == 0 {
		return 0
	}
	return float64(s.Agree) / float64(s.Votes)
}

// Basis says what a blind-spot check compares with.
type Basis int

// Bases of a blind-spot check.
const (
	// ByPopulation: the districts' population from the register.
	ByPopulation Basis = iota
	// ByParticipants: the registered participants per district or role
	// (no population figures).
	ByParticipants
	// ByEqualShares: every category is expected to have the same share.
	ByEqualShares
)

// Dimension is what a blind-spot check is about.
type Dimension string

// Dimensions.
const (
	DimDistrict Dimension = "district"
	DimTheme    Dimension = "theme"
	DimRole     Dimension = "role"
)

// BlindSpotCheck compares the voices (approved opinions of the period) per
// district, theme or role with the expected shares.
type BlindSpotCheck struct {
	Dimension Dimension
	Basis     Basis
	N         int // voices with a configured value
	// Tested is false when fewer than two categories expect 5 voices.
	Tested    bool
	ChiSquare float64
	DF        int
	P         float64
	Under     []Cell
	// TooSmall names categories expecting fewer than 5 voices: left out.
	TooSmall []string
}

// Cell is an under-represented category.
type Cell struct {
	ID, Name string
	Observed int
	Expected float64
	P        float64
}

// Events are the period's events and the coming ones.
type Events struct {
	Held     Figure // not cancelled, starting in the period
	Attended Figure // sum over events with known attendance
	Feedback Figure // feedback given in the period
	Past     []EventView
	Upcoming []EventView
}

// EventView is an event with its answers and feedback.
type EventView struct {
	ID, Title, Theme        string
	Start                   time.Time
	Capacity                int
	Yes, Maybe, No, Waiting int
	AttendanceKnown         bool
	Attended                int
	FeedbackN               int
	MeanScore               float64
	Comments                []string
}

// Helping is the offers and needs.
type Helping struct {
	Offers     Figure // new offers
	Withdrawn  Figure
	Categories []Row // new offers by category
	NewNeeds   Figure
	OpenNeeds  int // open at the period's end
	Matches    Figure
	// Unanswered are open needs that nobody answered: no match and no one
	// interested.
	Unanswered []NeedView
}

// NeedView is a need named in the digest.
type NeedView struct {
	ID, Title, District string
	Created             time.Time
}
