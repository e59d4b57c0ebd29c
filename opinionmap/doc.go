// Package opinionmap computes the statistics behind the organizers' weekly
// digest: which opinion groups the residents form, what each group stands
// for, where they agree, where they split, and which parts of the town are
// missing. It is pure computation: no I/O, no global state, and the same
// input and seed always give the same result, whatever the order of the
// votes. Where it follows Pol.is (compdemocracy.org, github.com/
// compdemocracy/polis, math/src/polismath) it says so, and every
// departure from Pol.is's method is given with its reason.
//
// # Votes
//
// Residents vote on other residents' statements: agree (+1), disagree (−1)
// or pass (0). A statement a resident has not seen has no vote. If someone
// votes twice on the same statement, the later vote counts. A pass counts as
// a vote (the resident saw the statement) but neither as agreement nor as
// disagreement, so every rate below is "agree (or disagree) votes divided
// by all votes, passes included", unless it says otherwise.
//
// # Who and what is counted
//
// Only voters with at least 7 votes are counted (Options.MinVotesPerVoter);
// the others are left out of everything. As in Pol.is, votes on statements
// that moderation removed (Input.ModeratedOut) count towards these 7, but
// the statements themselves are left out of the map and of every report.
// Groups are formed only when at least 15 voters are counted
// (Options.MinVoters). Only statements with at least 5 votes from counted
// voters are reported (Options.MinStatementVotes). Without enough voters,
// or with fewer than two such statements, the result says "not enough
// data" (NotEnoughData) and gives the numbers: Summary counts voters,
// counted voters, votes and statements at each step.
//
// # The map
//
// As Pol.is does, each statement's votes are centred on the statement's
// mean vote, and a missing vote is taken as that mean (so it is 0 after
// centring). The two main axes of the centred matrix (principal component
// analysis) give each counted voter a place on a two-dimensional map; the
// place is scaled by sqrt(statements / statements the voter voted on), so
// that someone who saw few statements is not pulled to the centre. Pol.is
// sets the columns of removed statements to 0 for everybody, so they count
// as seen in that scale; so do we (Summary.StatementsModeratedOut). The
// projection uses every statement that moderation kept and a counted
// voter voted on.
//
// Departure: Pol.is computes the axes from all participants, also those
// with fewer than 7 votes, whose places are mostly imputed means; the map
// uses the counted voters only, the ones it places and groups.
//
// Up to 500,000 voters × statements the axes come from an exact singular
// value decomposition. Beyond, the package never builds the full matrix:
// it finds the axes by a seeded randomized subspace iteration (Halko,
// Martinsson and Tropp 2011) on the sparse centred matrix, 10 vectors and
// 12 power steps, finished by a thin SVD (gonum) of the small projected
// matrix, which agrees with a full SVD to many digits (see the tests).
// Component reports each axis's share of all vote variation.
//
// # Are there groups at all?
//
// Any cloud of places can be cut into groups, so the map first asks
// whether the votes have more structure than chance. The statistic is the
// share of all vote variation that the first two axes show (Map.Test).
// It is compared with Options.Permutations = 49 copies of the same votes
// in which each statement's votes are shuffled among the voters who voted
// on it: every statement keeps its vote counts and every voter their
// number of votes and which statements they saw; only who voted what is
// random. Groups are drawn only when the real votes show more structure
// than every copy: a permutation test at level 1/50 = 0.02, exact for any
// number of voters, sparse or not. The level is 0.02 rather than 0.05 so
// that over 100 shuffled conversations, groups appear in at most about 5
// (the expected 2, and more than 5 with probability under 2 %); the tests
// check this on the reference conversations shuffled at full size and at
// 20, 50 and 100 voters. The copies stop at the first one that scores as
// high as the real votes (Besag and Clifford 1991), so shuffled or
// structureless votes cost little. For the copies the axes come from a
// cheaper subspace iteration (2 vectors, 3 steps), the same for the real
// votes' statistic, so the test stays exact.
//
// Clear groups settle the test early: once 19 copies are in, none
// reaching the real score, and the real score lies more than 6 of their
// standard deviations above their mean, the test passes without the other
// 30 (GroupTest.Settled; P is then the normal tail, below 1e-9). The rest
// could not change the outcome in any practical sense, and on a region's
// data (100,000 statements, 1,000,000 votes) the copies are most of the
// digest's time. The decision is taken on the first 19 copies only, so it
// does not depend on how the copies were scheduled; structureless or
// borderline votes never settle and get all 49.
//
// Departure: Pol.is always draws groups (two or more, once 15 people
// voted). A shared axis of disagreement is what this test detects; a
// single camp with noise is not. On the reference conversations the real
// votes show 26–33 % of their variation on the two axes, the shuffled
// copies at most 5–15 %.
//
// Departure: the fixed silhouette threshold the map had before was set on
// synthetic camps (silhouette about 0.8); real, sparse conversations whose
// groups Pol.is found score 0.40–0.61 and shuffled ones 0.29–0.37, so it
// hid real groups, while thin samples of 20 voters passed it more often
// than full data. The permutation test has neither fault.
//
// # Groups
//
// As in Pol.is: the counted voters' places are cut into 100 base clusters
// (k-means, at most 20 Lloyd steps from a k-means++ start; Pol.is warm
// starts its base clusters at every update, so it needs few steps), and
// the base clusters' centres, each weighted by its number of voters, are
// grouped by weighted k-means for k = 2 … min(5, 2 + base clusters / 12)
// (Options.MaxK), each from 10 k-means++ starts (Options.Restarts). Each k
// is scored by its mean silhouette over the voters (how much closer a
// voter is to their own group than to the next one; each voter stands at
// their base cluster's centre).
//
// Choosing k stably. Pol.is smooths k over time: it switches to a new k
// only after that k was the best at four updates in a row, so a k that
// wins by a hair once does not flip the map. The map is computed at once,
// not update by update, so it gets the same stability in two ways:
//
//   - The whole grouping is done Options.Runs = 10 times, from other random
//     base clusters each time. k is chosen by the silhouette averaged over
//     the runs, and of that k's ten groupings the one that agrees most with
//     the others (adjusted Rand index) is kept. The map then does not
//     depend on one lucky start: on the reference conversations the groups
//     agree with Pol.is's to within ±0.03 whatever the seed.
//   - A larger k must beat the best smaller k's mean silhouette by more than
//     Options.KMargin = 0.05 (the smallest k wins otherwise), as Pol.is's
//     smoothing keeps the current k until another is clearly better. Why
//     0.05: on a single population of 300 or 1,000 voters (one cloud of
//     places), the best k of 3 … 5 beats k = 2 by up to 0.05 by chance
//     (measured, TestKMarginCoversChance), so a smaller difference is no
//     evidence for more groups. (With 40 voters chance gives up to 0.1;
//     there the permutation test guards against groups that are not there.) On the land-bank conversation (ssis) three groups score 0.50
//     against 0.46 for two: this rule keeps Pol.is's two there; on the other
//     two reference conversations two groups win outright.
//
// Minimum group size. A grouping whose smallest group has fewer than
// Options.MinGroupSize = 5 voters (in any run) is not chosen: five voters
// is the least for which a group's rates are read at all. This replaces
// the relative 10 % share the map had before, which vetoed a real
// minority of 21 among 281 voters; an absolute floor does not. Groups are
// numbered by size, largest first (as Pol.is's group-id on the reference
// conversations).
//
// Measured on the three reference conversations (polis/testdata, see the
// tests): adjusted Rand index against Pol.is's groups 0.88 (Seattle
// $15/hour), 0.98 (San Juan land bank) and 0.72 (vTaiwan UberX, where the
// two groups lie along a continuum), two groups each, as Pol.is found.
// None of the choices above was fitted to them beyond what is said here;
// further public conversations are to be checked the same way.
//
// # What a group stands for (representative statements)
//
// As in Pol.is (repness.clj). For each group and reported statement, with
// the group's votes (agree, disagree, all including passes) against those
// of all other counted voters:
//
//   - Rate = (agree+1)/(votes+2) in the group, RestRate the same among the
//     rest, Ratio = Rate/RestRate;
//   - Z, Pol.is's two-proportion z with one added to every count, and P its
//     one-sided p-value;
//   - RateZ = 2·sqrt(votes+1)·((agree+1)/(votes+1) − 1/2), Pol.is's test of
//     the group's rate against one half;
//   - the same for disagreement. The side with the larger Z is the
//     statement's direction for the group.
//
// A statement counts when RateZ > 1.2816 (a significant majority of the
// group, Pol.is's 90 %) and its difference from the rest is significant.
// Departure, mindful of testing many statements at once: Pol.is accepts
// every Z > 1.2816 (p < 0.1 each), so with 200 statements and two groups
// some 40 pass by chance; the map accepts the P that pass the
// Benjamini–Hochberg procedure at a false discovery rate of 0.1
// (Options.RepresentativeFDR, Pol.is's 10 %) over all groups × statements
// tested, so that among the statements shown about one in ten at most is
// there by chance. The counted ones are ranked by Metric = Ratio · Z ·
// Rate · RateZ, Pol.is's ranking; the group's best agreement (the
// agreeing statement with the highest Metric) is put first, the list is
// cut to five (Options.MaxRepresentative), and agreements come before
// disagreements. Departure: when nothing is significant Pol.is still shows
// its best candidate; the map shows nothing, since an organizer would read
// it as what the group stands for. On the reference conversations 3–5 of
// Pol.is's five per group (its formulas on its groups) are among the
// map's five.
//
// # Common ground
//
// Consensus is Pol.is's: among all counted voters, statements whose
// smoothed rate (agree+1)/(votes+2) is above one half with Pol.is's test
// against one half above 1.2816; the five with the highest rate × z per
// direction (Options.MaxConsensus), agreements first. Departure: Pol.is
// counts every participant here, the map its counted voters, as in every
// other figure. With groups, GroupConsensus is Pol.is's group-aware
// consensus: the product over the groups of their smoothed rates
// (CommonGround.GroupRate), for the statements on which every group's
// majority is significant (the same test in each group); the five highest
// per direction. Departure: Pol.is ranks every statement by the product
// and leaves the cut to the reader; the map lists only what every group
// holds by a significant majority, since a majority of one group and a
// split in another is not common ground. The digest and the residents'
// mirror show the group-aware consensus as what all groups share, and
// Pol.is's consensus when there are no groups.
//
// # Divisive statements and between whom
//
// For each statement, the votes are cross-tabulated as groups × {agree,
// disagree} (passes left out) and tested with the chi-square test of
// independence. While a cell expects fewer than 5 votes, the group (row)
// with the fewest votes is left out and listed in Division.LeftOut; the test
// needs two rows left. A statement is divisive when p < 0.05; the list is
// ordered by spread, the highest minus the lowest agree rate among the
// tested rows, and names the rows with the highest and lowest agree rate.
// The same test runs over every voter attribute (district, role, …) in
// Map.DivisiveBy, which says which districts or roles differ most; voters
// without the attribute are counted in Division.Unknown.
//
// # Blind spots
//
// BlindSpots compares observed counts per category (say opinions or
// participants per district) with expected shares: population figures
// where the organizers have them, or participant shares. Without figures it
// compares with equal shares and says so (BasisEqualShares). For each
// category it gives the expected count, the standardized residual
// (O − E) / sqrt(E·(1 − share)) and the one-sided binomial p-value of seeing
// so few; a category is flagged as under-represented when its residual is
// −2 or lower or that p is below 0.05. Categories expecting fewer than 5
// are "too small to judge": never flagged and left out of the chi-square
// goodness-of-fit test over the rest, whose shares are then renormalized.
package opinionmap
