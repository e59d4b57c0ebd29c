package store

import (
	"context"
	"strings"
)

// Listings for the weekly digest and the exports: everything of a kind,
// read in few round trips. Offers and needs are found by scanning the
// community's keys, which is fine for a weekly job and never done while
// answering a person.

// PendingOpinions returns the opinions waiting for moderation.
func (s *Store) PendingOpinions(ctx context.Context) ([]Opinion, error) {
	ids, err := s.rdb.ZRange(ctx, s.Key("ops", "pending"), 0, -1).Result()
	if err != nil {
		return nil, err
	}
	return s.opinions(ctx, ids)
}

// Offers returns every standing offer of help.
func (s *Store) Offers(ctx context.Context) ([]Offer, error) {
	prefix := s.mineKey("")
	var out []Offer
	err := scanKeys(ctx, s.rdb, globEscape(prefix)+"*", func(key string) error {
		o, err := s.Offer(ctx, strings.TrimPrefix(key, prefix))
		if err == nil {
			out = append(out, o)
		}
		return nil // no offer, or gone meanwhile
	})
	return out, err
}

// Needs returns every need, open or filled, with its matches (helper Ref
// to offered, interested or declined).
func (s *Store) Needs(ctx context.Context) ([]Need, []map[string]string, error) {
	prefix := s.needKey("")
	var needs []Need
	var matches []map[string]string
	err := scanKeys(ctx, s.rdb, globEscape(prefix)+"*", func(key string) error {
		id := strings.TrimPrefix(key, prefix)
		n, err := s.Need(ctx, id)
		if err != nil {
			return nil // deleted meanwhile
		}
		m, err := s.Matches(ctx, id)
		if err != nil {
			return err
		}
		needs, matches = append(needs, n), append(matches, m)
		return nil
	})
	return needs, matches, err
}
