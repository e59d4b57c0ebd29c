package digestsource

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/store"
)

// opinions reads the approved and the waiting opinions created before to.
// Rejected ones are not listed by the store and count for nothing.
func (s *Store) opinions(ctx context.Context, to time.Time) ([]digest.Opinion, error) {
	approved, err := s.st.ApprovedOpinions(ctx)
	if err != nil {
		return nil, fmt.Errorf("approved opinions: %w", err)
	}
	pending, err := s.st.PendingOpinions(ctx)
	if err != nil {
		return nil, fmt.Errorf("pending opinions: %w", err)
	}
	var out []digest.Opinion
	for _, o := range append(approved, pending...) {
		if !o.Created.Before(to) {
			continue
		}
		status := digest.Pending
		switch {
		case o.Status == store.OpinionApproved:
			status = digest.Approved
		case o.Held != "":
			status = digest.Held
		}
		out = append(out, digest.Opinion{
			ID: o.ID, Theme: o.Theme, District: o.District, Role: o.Role, Created: o.Created,
			Status: status, Text: o.Text, NextStep: o.Next,
			Agree: o.Agree, Disagree: o.Disagree, Pass: o.Pass,
		})
	}
	return out, nil
}

// votes reads every vote cast before to on an approved opinion.
func (s *Store) votes(ctx context.Context, to time.Time) ([]digest.Vote, error) {
	var out []digest.Vote
	err := s.st.EachVote(ctx, func(v store.Vote) error {
		if v.At.Before(to) {
			out = append(out, digest.Vote{
				Voter: v.Voter, Statement: v.Statement, Value: v.Value, At: v.At, District: v.District, Role: v.Role,
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("votes: %w", err)
	}
	return out, nil
}

// helping reads the standing offers and every need with its matches. An
// offer's contact is the person's handle (names: Ref to handle, from the
// profiles already read), and only where they allowed it.
func (s *Store) helping(ctx context.Context, names map[string]string) ([]digest.Offer, []digest.Need, error) {
	offers, err := s.st.Offers(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("offers: %w", err)
	}
	var outO []digest.Offer
	for _, o := range offers {
		d := digest.Offer{
			ID: offerID(o.Ref), Categories: o.Categories, Districts: o.Districts,
			TimeCommitment: o.Time, Created: o.Updated, ContactAllowed: o.ShowName,
		}
		if o.ShowName {
			d.Contact = names[o.Ref]
		}
		outO = append(outO, d)
	}
	needs, matches, err := s.st.Needs(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("needs: %w", err)
	}
	var outN []digest.Need
	for i, n := range needs {
		d := digest.Need{
			ID: n.ID, Title: n.Title, Categories: n.Categories, District: n.District,
			Created: n.Created, Status: digest.NeedOpen,
		}
		if n.Status == store.NeedFilled {
			d.Status = digest.NeedFilled
		}
		for helper, answer := range matches[i] {
			d.Matches = append(d.Matches, digest.Match{Offer: offerID(helper), At: n.Created})
			if answer == store.MatchInterested {
				d.Interested++
			}
		}
		outN = append(outN, d)
	}
	return outO, outN, nil
}

// offerID names an offer in digests and exports without its author's Ref.
func offerID(ref string) string {
	sum := sha256.Sum256([]byte("offer\x00" + ref))
	return hex.EncodeToString(sum[:6])
}
