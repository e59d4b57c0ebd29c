package mattermost

import (
	"context"
	"embed"
	"errors"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

//go:embed locales/*.yaml
var locales embed.FS

// loadTexts reads the adapter's own texts: their catalog, and the lookup
// in lang for whoever has no language of their own yet.
func loadTexts(lang string) (*bot.Catalog, *bot.Localizer, error) {
	cat, err := bot.LoadCatalog(locales, "locales", "de")
	if err != nil {
		return nil, nil, fmt.Errorf("mattermost texts: %w", err)
	}
	return cat, cat.Localizer(cat.Match(lang)), nil
}

// textsFor is the adapter's own texts in a person's language: the one of
// their profile, else the adapter's (Mattermost's locale is mostly the
// server's default, no hint of the person's; see person).
func (a *Adapter) textsFor(ctx context.Context, userID string) *bot.Localizer {
	if userID == "" {
		return a.texts
	}
	p, err := a.cfg.Store.Profile(ctx, bot.User{Platform: bot.Mattermost, ID: userID})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return a.texts
	case err != nil:
		a.log.Warn("mattermost: read the person's language", "err", err)
		return a.texts
	case p.Lang == "":
		return a.texts
	}
	return a.textCat.Localizer(a.textCat.Match(p.Lang))
}

// DirectChat is the direct channel between the bot and a person, where
// the engine sends what is personal when they asked in a channel.
func (a *Adapter) DirectChat(ctx context.Context, u bot.User) (bot.Address, error) {
	if u.Platform != bot.Mattermost || u.ID == "" {
		return bot.Address{}, bot.ErrNoDirectChat
	}
	ch, err := a.directChannel(ctx, u.ID)
	if err != nil {
		return bot.Address{}, err
	}
	return bot.Address{Platform: bot.Mattermost, Chat: ch.Id}, nil
}
