package export

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/opinionmap"
	"github.com/heimatbot/heimatbot/polis"
)

// Polis returns the community's opinions, the votes the opinion map reads
// and the map's groups in Pol.is's export format, so that Pol.is's own
// tools, Sensemaker or red-dwarf read them. It is anonymous: voters and
// opinions are numbered afresh, and no author is named. The numbers keep
// the order of heimatbot's ids (they have equal width), so the map drawn
// from the export (heimatbot map --polis) is the digest's map.
func Polis(d digest.Data, opts opinionmap.Options) (*polis.Conversation, error) {
	m, err := opinionmap.Compute(digest.MapInput(d), opts)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	votes := d.MapVotes()
	voterRefs := make([]string, 0, len(votes))
	seen := map[string]bool{}
	for _, v := range votes {
		if !seen[v.Voter] {
			seen[v.Voter] = true
			voterRefs = append(voterRefs, v.Voter)
		}
	}
	voterID := renumber(voterRefs)
	opinionIDs := make([]string, len(d.Opinions))
	for i, o := range d.Opinions {
		opinionIDs[i] = o.ID
	}
	opinionID := renumber(opinionIDs)

	c := &polis.Conversation{Groups: map[string]int{}}
	for _, o := range d.Opinions {
		c.Comments = append(c.Comments, polis.Comment{ID: opinionID[o.ID], Created: o.Created, Agrees: o.Agree, Disagrees: o.Disagree,
			Moderated: moderation(o.Status), Body: o.Text})
	}
	slices.SortFunc(c.Comments, func(a, b polis.Comment) int { return a.Created.Compare(b.Created) })
	for _, v := range votes {
		c.Votes = append(c.Votes, polis.Vote{Created: v.At, Comment: opinionID[v.Statement], Voter: voterID[v.Voter], Value: v.Value})
	}
	slices.SortStableFunc(c.Votes, func(a, b polis.Vote) int { return a.Created.Compare(b.Created) })
	groups := 0
	if m.Status == opinionmap.Groups {
		groups = len(m.Groups)
		for _, g := range m.Groups {
			for _, ref := range g.Members {
				c.Groups[voterID[ref]] = g.ID
			}
		}
	}
	c.Summary = []polis.Field{
		{Key: "topic", Value: d.Community.Name},
		{Key: "voters", Value: strconv.Itoa(len(voterRefs))},
		{Key: "voters-in-conv", Value: strconv.Itoa(m.Summary.VotersCounted)},
		{Key: "comments", Value: strconv.Itoa(len(c.Comments))},
		{Key: "groups", Value: strconv.Itoa(groups)},
	}
	return c, nil
}

// renumber gives each id a number of equal width, in the ids' order.
func renumber(ids []string) map[string]string {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	width := len(strconv.Itoa(max(len(sorted)-1, 0)))
	out := make(map[string]string, len(sorted))
	for i, id := range sorted {
		out[id] = fmt.Sprintf("%0*d", width, i)
	}
	return out
}

func moderation(s digest.OpinionStatus) int {
	switch s {
	case digest.Approved:
		return polis.Accepted
	case digest.Rejected:
		return polis.Rejected
	}
	return polis.Unmoderated
}
