// Package digestsource reads the digest's data from the Redis store.
//
// It reads the people (everyone who consented, with district, role and
// consent time from their profile), the events with their answers and
// feedback, the opinions (approved and waiting; only approved ones are
// quoted), the votes on approved opinions, the offers of help and the needs
// with their matches. Offers appear under an id derived from, but not
// revealing, their author's pseudonymous reference.
package digestsource

import (
	"context"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/store"
)

// Store is a flows.DigestSource on the Redis store.
type Store struct {
	st *store.Store
}

// New returns the source of st's community.
func New(st *store.Store) *Store { return &Store{st: st} }

// DigestData returns the people who consented before to. (from is for the
// records still to come: opinions, votes, events, offers and needs.)
func (s *Store) DigestData(ctx context.Context, from, to time.Time) (digest.Data, error) {
	var d digest.Data
	people, err := s.st.People(ctx)
	if err != nil {
		return d, err
	}
	users := make([]bot.User, 0, len(people))
	for key := range people {
		users = append(users, store.UserFromKey(key))
	}
	profiles, err := s.st.Profiles(ctx, users)
	if err != nil {
		return d, err
	}
	names := make(map[string]string, len(profiles)) // Ref -> handle
	for _, p := range profiles {
		names[p.Ref] = p.Name
		if !p.Consent.Before(to) {
			continue
		}
		d.People = append(d.People, digest.Person{Ref: p.Ref, District: p.District, Role: p.Role, Joined: p.Consent, LastActive: p.Active})
	}
	if d.Events, err = s.events(ctx, from); err != nil {
		return d, err
	}
	if d.Opinions, err = s.opinions(ctx, to); err != nil {
		return d, err
	}
	if d.Votes, err = s.votes(ctx, to); err != nil {
		return d, err
	}
	if d.Offers, d.Needs, err = s.helping(ctx, names); err != nil {
		return d, err
	}
	if d.Vorhaben, d.WordBack, err = s.vorhaben(ctx); err != nil {
		return d, err
	}
	return d, nil
}
