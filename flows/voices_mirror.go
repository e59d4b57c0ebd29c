package flows

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/opinionmap"
	"github.com/heimatbot/heimatbot/store"
)

// mirrorTTL is how long a computed opinion map serves the mirror before it
// is computed again from the votes.
const mirrorTTL = 10 * time.Minute

// mirrorMap keeps the last opinion map, so the mirror at the end of
// /stimmen costs a computation at most every mirrorTTL, not per person.
type mirrorMap struct {
	mu sync.Mutex
	m  *opinionmap.Map
	at time.Time
}

// get returns the opinion map over every vote, computing it when the one
// in hand is older than mirrorTTL.
func (mm *mirrorMap) get(ctx context.Context, st *store.Store, now time.Time) (*opinionmap.Map, error) {
	mm.mu.Lock()
	defer mm.mu.Unlock()
	if mm.m != nil && now.Sub(mm.at) < mirrorTTL {
		return mm.m, nil
	}
	// No voter attributes: the mirror shows groups and agreement, not
	// which districts or roles divide.
	var in opinionmap.Input
	err := st.EachVote(ctx, func(v store.Vote) error {
		in.Votes = append(in.Votes, opinionmap.Vote{Voter: v.Voter, Statement: v.Statement, Value: v.Value})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("votes for the mirror: %w", err)
	}
	m, err := opinionmap.Compute(in, opinionmap.DefaultOptions())
	if err != nil {
		return nil, fmt.Errorf("opinion map: %w", err)
	}
	mm.m, mm.at = m, now
	return m, nil
}

// mirror shows a resident their place on the opinion map: the group they
// stand closest to, what sets that group apart, and what all groups share.
// Without groups it says why: too few votes yet, or opinions that form
// no clear camps; a resident not on the map yet learns how to get there.
func (v *voices) mirror(c *bot.Conv) (bot.Text, error) {
	m, err := v.mirrorMap.get(c.Context(), v.deps.Store, c.Now)
	if err != nil {
		return bot.Text{}, err
	}
	o := m.Options
	place, placed := m.Place(c.Profile.Ref)
	var t bot.Text
	switch {
	case m.Status == opinionmap.NotEnoughData:
		return c.L.T("voices_mirror_not_yet", "Voters", o.MinVoters, "Votes", o.MinVotesPerVoter, "Counted", m.Summary.VotersCounted), nil
	case m.Status == opinionmap.NoClearGroups:
		t = c.L.T("voices_mirror_no_groups", "Counted", m.Summary.VotersCounted)
		if lines := v.statementLines(c, commonOf(m.Consensus, 3)); len(lines.Blocks) > 0 {
			t = t.Append(c.L.T("voices_mirror_majority")).Append(lines)
		}
		return t, nil
	case !placed:
		return c.L.T("voices_mirror_vote_more", "Votes", o.MinVotesPerVoter), nil
	}
	g := m.Groups[place.Group]
	t = c.L.T("voices_mirror_group", "Group", digest.GroupName(g.ID), "Size", g.Size, "Groups", len(m.Groups))
	if lines := v.statementLines(c, representativeOf(g, 3)); len(lines.Blocks) > 0 {
		t = t.Append(c.L.T("voices_mirror_holds")).Append(lines)
	}
	if lines := v.statementLines(c, commonOf(m.GroupConsensus, 3)); len(lines.Blocks) > 0 {
		t = t.Append(c.L.T("voices_mirror_shared")).Append(lines)
	}
	return t, nil
}

func commonOf(cs []opinionmap.CommonGround, n int) []statementSide {
	var out []statementSide
	for _, cg := range cs[:min(n, len(cs))] {
		out = append(out, statementSide{cg.Statement, cg.Direction == opinionmap.Agreeing})
	}
	return out
}

// statementSide is a statement and whether it is agreed with (or rejected).
type statementSide struct {
	id    string
	agree bool
}

func representativeOf(g opinionmap.Group, n int) []statementSide {
	var out []statementSide
	for _, r := range g.Representative {
		if len(out) == n {
			break
		}
		out = append(out, statementSide{r.Statement, r.Direction == opinionmap.Agreeing})
	}
	return out
}

// statementLines quotes statements as list items with their side; one
// that is gone since the map was computed is left out.
func (v *voices) statementLines(c *bot.Conv, sides []statementSide) bot.Text {
	var t bot.Text
	for _, s := range sides {
		o, err := v.deps.Store.Opinion(c.Context(), s.id)
		if err != nil {
			continue
		}
		id := "voices_mirror_agrees"
		if !s.agree {
			id = "voices_mirror_disagrees"
		}
		t = t.Append(c.L.T(id, "Text", o.Text))
	}
	return t
}
