package opinionmap

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
)

// Status says how far the analysis got.
type Status int

// Statuses.
const (
	// NotEnoughData: fewer than MinVoters voters with MinVotesPerVoter
	// votes, or fewer than MinStatements statements with MinStatementVotes votes. Only
	// Summary and Statements are filled.
	NotEnoughData Status = iota
	// NoClearGroups: the votes show no more grouping than the same votes
	// shuffled among the voters (see Map.Test).
	// All counted voters form one group (ID 0); there are no representative
	// or between-group divisive statements.
	NoClearGroups
	// Groups: two or more opinion groups were found.
	Groups
)

func (s Status) String() string {
	switch s {
	case NotEnoughData:
		return "not enough data"
	case NoClearGroups:
		return "no clear groups"
	default:
		return "groups"
	}
}

// MinStatements is how many statements with MinStatementVotes votes a
// map needs, whatever the options: with fewer there is nothing to compare.
const MinStatements = 2

// Summary holds the numbers every other figure rests on.
type Summary struct {
	Voters                 int // distinct voters in the input
	VotersCounted          int // voters with at least MinVotesPerVoter votes
	Votes                  int // votes after repeated votes were replaced
	VotesCounted           int // votes of counted voters
	Statements             int // distinct statements in the input
	StatementsReported     int // statements with at least MinStatementVotes votes from counted voters
	StatementsTooFewVotes  int // statements left out for too few votes
	StatementsModeratedOut int // statements moderation removed (Input.ModeratedOut)
}

// Group is one opinion group.
type Group struct {
	ID       int
	Members  []string // voter ids, ascending
	Size     int
	Centroid Point
	// Representative lists the statements on which this group differs
	// significantly from all other counted voters, strongest first.
	Representative []Representative
}

// Placement is one voter's place on the map, for the residents' mirror.
type Placement struct {
	Voter string
	Group int
	Point
	Votes int // votes the voter cast (all statements)
}

// StatementStats are the counts on one reported statement.
type StatementStats struct {
	Statement string
	Overall   Counts   // all counted voters
	ByGroup   []Counts // indexed by Group.ID
}

// Map is the result of Compute. Every figure carries the counts, sizes and
// p-values it rests on.
type Map struct {
	Status  Status
	Options Options // the thresholds in force, defaults filled in
	Summary Summary
	// Components are the two PCA axes of the map.
	Components [2]Component
	// Silhouettes has one entry per k tried (none when the votes show no
	// more structure than shuffled ones); K is the chosen one (1 when there
	// are no clear groups, 0 without enough data).
	Silhouettes []KScore
	// Test is the permutation test of the votes' structure.
	Test       GroupTest
	K          int
	Groups     []Group
	Statements []StatementStats // reported statements, by id
	// Consensus lists Pol.is's consensus statements among all counted
	// voters, agreements first; GroupConsensus the group-aware ones (only
	// with groups).
	Consensus      []CommonGround
	GroupConsensus []CommonGround
	// Divisive lists statements on which the groups differ significantly,
	// largest spread first.
	Divisive []Division
	// DivisiveBy lists, per attribute name (district, role, …), the
	// statements on which the attribute's values differ significantly.
	DivisiveBy map[string][]Division

	placements []Placement // by voter id
}

// Place returns where a counted voter stands on the map. ok is false for a
// voter who was not counted or when there was not enough data.
func (m *Map) Place(voter string) (Placement, bool) {
	i, ok := slices.BinarySearchFunc(m.placements, voter, func(p Placement, v string) int { return cmp.Compare(p.Voter, v) })
	if !ok {
		return Placement{}, false
	}
	return m.placements[i], true
}

// Statement returns the counts of a reported statement.
func (m *Map) Statement(id string) (StatementStats, bool) {
	i, ok := slices.BinarySearchFunc(m.Statements, id, func(s StatementStats, v string) int { return cmp.Compare(s.Statement, v) })
	if !ok {
		return StatementStats{}, false
	}
	return m.Statements[i], true
}

// Compute builds the opinion map. It is deterministic for a given input
// and Options.Seed, whatever the order of the votes.
func Compute(in Input, opts Options) (*Map, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("opinionmap: %w", err)
	}
	mx, err := newMatrix(in.Votes)
	if err != nil {
		return nil, fmt.Errorf("opinionmap: %w", err)
	}
	res := &Map{Options: opts, Status: NotEnoughData}
	a := analysis{m: mx, opts: opts, in: in, res: res}
	a.count()
	if res.Summary.VotersCounted < opts.MinVoters || len(a.reported) < MinStatements {
		a.statementStats(nil, 0)
		return res, nil
	}
	a.group()
	a.statementStats(a.labels, len(res.Groups))
	if len(res.Groups) > 1 {
		a.representatives()
		res.Divisive = a.divisive(AttributeGroup, a.byGroup, groupNames(len(res.Groups)))
	}
	a.consensus()
	if len(res.Groups) > 1 {
		a.groupConsensus()
	}
	a.attributeDivisions()
	return res, nil
}

// analysis carries the intermediate state of one Compute.
type analysis struct {
	m    *matrix
	opts Options
	in   Input
	res  *Map

	counted  []int   // matrix rows of counted voters
	reported []int32 // statements with enough votes, ascending
	overall  []Counts
	labels   []int  // group per matrix row, −1 if not counted
	out      []bool // statements moderation removed, by matrix column
	byGroup  []Counts
}

func (a *analysis) rng(stage uint64) *rand.Rand {
	return rand.New(rand.NewPCG(a.opts.Seed, stage))
}

// mapped reports whether statement j enters the projection: every
// statement that moderation kept and that a counted voter voted on.
func (a *analysis) mapped(j int) bool {
	return !a.out[j] && a.overall[j].Votes() > 0
}

// count applies the vote thresholds. Votes on statements moderation
// removed count towards a voter's number of votes, as in Pol.is.
func (a *analysis) count() {
	a.out = make([]bool, len(a.m.statements))
	for _, id := range a.in.ModeratedOut {
		if j, ok := slices.BinarySearch(a.m.statements, id); ok {
			a.out[j] = true
		}
	}
	s := &a.res.Summary
	s.Voters, s.Statements, s.Votes = len(a.m.voters), len(a.m.statements), len(a.m.cols)
	all := make([]int, len(a.m.voters))
	for i := range a.m.voters {
		all[i] = -1
		if n := a.m.rowLen(i); n >= a.opts.MinVotesPerVoter {
			a.counted = append(a.counted, i)
			all[i] = 0
			s.VotesCounted += n
		}
	}
	s.VotersCounted = len(a.counted)
	a.overall = tally(a.m, all, 1)
	for j, c := range a.overall {
		if c.Votes() >= a.opts.MinStatementVotes && !a.out[j] {
			a.reported = append(a.reported, int32(j))
		}
	}
	s.StatementsReported = len(a.reported)
	for _, o := range a.out {
		if o {
			s.StatementsModeratedOut++
		}
	}
	s.StatementsTooFewVotes = s.Statements - s.StatementsReported - s.StatementsModeratedOut
}

// group projects the counted voters, groups their places and tests the
// grouping against permuted copies of the same votes.
func (a *analysis) group() {
	colOf := make([]int32, len(a.m.statements))
	nCols := int32(0)
	for j := range colOf {
		colOf[j] = -1
		if a.mapped(j) {
			colOf[j] = nCols
			nCols++
		}
	}
	c := newCentred(a.m, a.counted, colOf, int(nCols))
	c.nOut = a.res.Summary.StatementsModeratedOut
	xs, ys, comps := c.project(a.rng(1))
	a.res.Components = comps
	pts := points(xs, ys)
	a.res.Status, a.res.K = NoClearGroups, 1
	one := clustering{labels: make([]int, len(pts)), centroids: []Point{centroid(pts)}}
	a.res.Test = a.permutationTest(c, c.structure(a.rng(3), nil))
	if !a.res.Test.Passed {
		a.setGroups(pts, one)
		return
	}
	g := groupPlaces(pts, a.opts, a.opts.Seed+2)
	a.res.Silhouettes = g.scores
	if g.k == 0 {
		a.setGroups(pts, one)
		return
	}
	a.res.Status, a.res.K = Groups, g.k
	a.setGroups(pts, clustering{labels: g.labels, centroids: g.centroids})
}

func centroid(pts []Point) Point {
	var c Point
	for _, p := range pts {
		c.X += p.X
		c.Y += p.Y
	}
	if len(pts) > 0 {
		c.X /= float64(len(pts))
		c.Y /= float64(len(pts))
	}
	return c
}

// setGroups numbers the groups by size (largest first; on a tie, by
// centroid) and records every voter's placement.
func (a *analysis) setGroups(pts []Point, cl clustering) {
	k := len(cl.centroids)
	sizes := make([]int, k)
	for _, l := range cl.labels {
		sizes[l]++
	}
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		p, q := order[x], order[y]
		if sizes[p] != sizes[q] {
			return sizes[p] > sizes[q]
		}
		return cmp.Or(cmp.Compare(cl.centroids[p].X, cl.centroids[q].X), cmp.Compare(cl.centroids[p].Y, cl.centroids[q].Y)) < 0
	})
	id := make([]int, k)
	for newID, old := range order {
		id[old] = newID
	}
	a.res.Groups = make([]Group, k)
	for old, c := range cl.centroids {
		a.res.Groups[id[old]] = Group{ID: id[old], Size: sizes[old], Centroid: c}
	}
	a.labels = make([]int, len(a.m.voters))
	for i := range a.labels {
		a.labels[i] = -1
	}
	a.res.placements = make([]Placement, len(pts))
	for r, i := range a.counted {
		g := id[cl.labels[r]]
		a.labels[i] = g
		a.res.Groups[g].Members = append(a.res.Groups[g].Members, a.m.voters[i])
		a.res.placements[r] = Placement{Voter: a.m.voters[i], Group: g, Point: pts[r], Votes: a.m.rowLen(i)}
	}
}

// statementStats fills Map.Statements for the reported statements.
func (a *analysis) statementStats(labels []int, groups int) {
	if groups > 0 {
		a.byGroup = tally(a.m, labels, groups)
	}
	a.res.Statements = make([]StatementStats, len(a.reported))
	for k, j := range a.reported {
		st := StatementStats{Statement: a.m.statements[j], Overall: a.overall[j]}
		if groups > 0 {
			st.ByGroup = a.byGroup[int(j)*groups : int(j+1)*groups : int(j+1)*groups]
		}
		a.res.Statements[k] = st
	}
}
