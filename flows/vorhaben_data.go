package flows

import (
	"context"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// vorhabenData is a person's share of the Vorhaben in /meinedaten: what
// they hold (with its history), follow or were asked to follow, created.
type vorhabenData struct {
	store.PersonVorhaben
	History map[string][]store.VorhabenEntry `json:"history_of_held"`
}

// Name names the Vorhaben in /meinedaten.
func (h *vorhaben) Name() string { return "vorhaben" }

// Export gathers the person's Vorhaben.
func (h *vorhaben) Export(ctx context.Context, _ bot.User, p *bot.Profile) (any, error) {
	if p == nil || p.Ref == "" {
		return nil, nil
	}
	mine, err := h.deps.Store.VorhabenOf(ctx, p.Ref)
	if err != nil {
		return nil, err
	}
	d := vorhabenData{PersonVorhaben: mine, History: map[string][]store.VorhabenEntry{}}
	for _, v := range mine.Holds {
		if d.History[v.ID], err = h.deps.Store.History(ctx, v.ID); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Forget removes the person as a follower and creator; what they held
// goes back to the organizers, who are told.
func (h *vorhaben) Forget(ctx context.Context, _ bot.User, p *bot.Profile) error {
	if p == nil || p.Ref == "" {
		return nil
	}
	now := h.deps.Now
	back, err := h.deps.Store.ForgetVorhaben(ctx, p.Ref, now())
	if err != nil {
		return err
	}
	for _, v := range back {
		if err := h.schedule(ctx, v, now()); err != nil {
			return err
		}
		if err := h.tellOrganizers(ctx, "vhb-"+v.ID+"-"+EventID(p.Ref), kindVhBack, v, ""); err != nil {
			return err
		}
	}
	return nil
}
