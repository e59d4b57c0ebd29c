package flows

import (
	"context"
	"errors"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// voicesData is a person's share of the voices, as /meinedaten exports it.
type voicesData struct {
	Opinions []store.Opinion   `json:"opinions"`
	Votes    []store.Vote      `json:"votes"`
	Offer    *store.Offer      `json:"offer,omitempty"`
	Needs    []store.Need      `json:"needs"`
	Matches  map[string]string `json:"answers_to_needs"`
}

// Name names the voices in /meinedaten.
func (v *voices) Name() string { return "voices" }

// Export gathers the person's opinions, votes, offer, needs and answers to
// needs.
func (v *voices) Export(ctx context.Context, _ bot.User, p *bot.Profile) (any, error) {
	if p == nil || p.Ref == "" {
		return nil, nil
	}
	st := v.deps.Store
	var d voicesData
	var err error
	if d.Opinions, err = st.OpinionsBy(ctx, p.Ref); err != nil {
		return nil, err
	}
	if d.Votes, err = st.VotesBy(ctx, p.Ref); err != nil {
		return nil, err
	}
	switch o, err := st.Offer(ctx, p.Ref); {
	case err == nil:
		d.Offer = &o
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	if d.Needs, err = st.NeedsBy(ctx, p.Ref); err != nil {
		return nil, err
	}
	if d.Matches, err = st.MatchesOf(ctx, p.Ref); err != nil {
		return nil, err
	}
	return d, nil
}

// Forget removes the person's opinions (with the votes on them), votes,
// offer, needs and answers to needs.
func (v *voices) Forget(ctx context.Context, _ bot.User, p *bot.Profile) error {
	if p == nil || p.Ref == "" {
		return nil
	}
	if err := v.deps.Store.ForgetVoices(ctx, p.Ref); err != nil {
		return err
	}
	return v.deps.Store.ForgetHelping(ctx, p.Ref)
}
