// Package opinionmap computes the statistics behind the organizers' weekly
// digest: which opinion groups the residents form, what each group stands
// for, where they agree, where they split, and which parts of the town are
// missing. It is pure computation: no I/O, no global state, and the same
// input and seed always give the same result, whatever the order of the
// votes.
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
// the others are left out of everything. Groups are formed only when at
// least 15 voters are counted (Options.MinVoters). Only statements with at
// least 5 votes from counted voters are mapped and reported
// (Options.MinStatementVotes). Without enough voters, or with fewer than
// two such statements, the result says "not enough data" (NotEnoughData)
// and gives the numbers: Summary counts voters, counted voters, votes and
// statements at each step.
//
// # The map
//
// As Pol.is does, each statement's votes are centred on the statement's
// mean vote, and a missing vote is taken as that mean (so it is 0 after
// centring). The two main axes of the centred matrix (principal component
// analysis) give each counted voter a place on a two-dimensional map;
// the place is scaled by sqrt(statements / statements the voter voted on),
// so that someone who saw few statements is not pulled to the centre.
//
// The vote matrix is sparse: a region may have 20,000 voters and 100,000
// statements but only a million votes. The package never builds the full
// matrix nor the statements' covariance matrix. It finds the axes by a
// seeded randomized subspace iteration (Halko, Martinsson and Tropp 2011)
// on the sparse centred matrix, 10 vectors and 12 power steps, finished by
// a thin singular value decomposition (gonum) of the small projected
// matrix. On small maps this agrees with a full SVD to many digits (see
// the tests); on very large, noisy ones it is an approximation that is
// more than good enough for grouping. Component reports each axis's share
// of all vote variation.
//
// # Groups
//
// The places are grouped by k-means for k = 2 … 5 (Options.MaxK), each k
// from 10 seeded k-means++ starts (Options.Restarts), keeping the start
// with the smallest within-group spread. Each k is scored by its mean
// silhouette (how much closer voters are to their own group than to the
// next one: 1 is perfectly separated, 0 is no separation), computed on all
// voters or, past 2,000, on a seeded sample of 2,000
// (Options.SilhouetteSample). The k with the highest silhouette wins among
// those whose smallest group holds at least 10 % of the counted voters
// (Options.MinGroupShare), so that a handful of outliers is not a group.
//
// If the winning silhouette is below 0.55 (Options.MinSilhouette), the
// result says "no clear groups" (NoClearGroups) and all counted voters form
// one group. Why 0.55: Kaufman and Rousseeuw read a silhouette above 0.5 as
// "reasonable structure" and below 0.25 as none; but k-means splits even a
// single round cloud of opinions into parts with a silhouette of 0.35 to
// 0.45, and small samples of 40 voters sometimes score just above 0.5
// (measured on synthetic one-population data, see the tests). A threshold
// of 0.25 would thus find groups in every town. Two planted opinion groups
// score about 0.8.
// Groups are numbered by size, largest first.
//
// # What a group stands for (representative statements)
//
// For each group and statement with at least 5 votes in the group
// (Options.MinGroupVotes), the group is compared with all other counted
// voters, once for agreement and once for disagreement. Rates are smoothed
// as in Pol.is, (agree + 1) / (votes + 2), so that two votes are not read
// as 100 %. A statement is representative when the group's smoothed rate
// is above one half and above the rest's, and a one-sided test gives
// p < 0.05 (Options.Alpha): the pooled two-proportion z-test on the
// smoothed counts, or Fisher's exact test on the raw counts when a cell of
// the 2×2 table (group/rest × side/other) expects fewer than 5 votes.
// Each Representative carries the group's and the rest's counts, both
// rates, the method, z and p. The list is ordered by p. The p-values are
// not corrected for testing many statements: with 100 statements about 5
// may pass by chance, so the digest should lead with the smallest p.
//
// # Common ground
//
// A statement is common ground when every group has at least 5 votes on
// it and at least 60 % (Options.ConsensusRate) of the votes agree (or, for
// shared rejection, disagree) in every group and among all counted voters.
// CommonGround carries all counts and the lowest of these rates.
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
