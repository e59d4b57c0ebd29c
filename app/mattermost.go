package app

import (
	"context"
	"fmt"

	"github.com/heimatbot/heimatbot/adapters/mattermost"
	"github.com/heimatbot/heimatbot/bot"
)

// addMattermost connects Mattermost when it is configured: it appends the
// adapter to out, registers its callbacks on the app's mux and makes the
// members of the organizer channel organizers.
func (a *App) addMattermost(ctx context.Context, out *[]bot.Adapter) error {
	m := a.cfg.Mattermost
	if m.URL == "" {
		return nil
	}
	ad, err := mattermost.New(ctx, mattermost.Config{
		URL: m.URL, Token: m.Token, Team: m.Team, OrganizerChannel: m.OrganizerChannel,
		ActionsURL: m.ActionsURL, ActionsSecret: m.ActionsSecret,
		Store: a.Store, Lang: a.cfg.Community.Languages[0], Languages: a.Catalog,
		Log: a.log.With("platform", string(bot.Mattermost)),
	})
	if err != nil {
		return fmt.Errorf("mattermost: %w", err)
	}
	ad.Register(a.mux)
	a.organizers.add(ad)
	a.channels.add(ad.OrganizerChannel())
	*out = append(*out, ad)
	return nil
}

// moreOrganizers holds organizer sources that exist only once their
// platform is connected, such as Mattermost's organizer channel; the
// engine is built before that.
type moreOrganizers struct{ growing[bot.Organizers] }

// IsOrganizer asks every source added so far.
func (o *moreOrganizers) IsOrganizer(ctx context.Context, u bot.User) bool {
	for _, s := range o.list() {
		if s.IsOrganizer(ctx, u) {
			return true
		}
	}
	return false
}
