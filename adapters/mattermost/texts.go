package mattermost

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"

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
// their profile, else their Mattermost locale where it is a hint (see
// localeHint), else the adapter's.
func (a *Adapter) textsFor(ctx context.Context, userID string) *bot.Localizer {
	if userID == "" {
		return a.texts
	}
	p, err := a.cfg.Store.Profile(ctx, bot.User{Platform: bot.Mattermost, ID: userID})
	switch {
	case err == nil && p.Lang != "":
		return a.textCat.Localizer(a.textCat.Match(p.Lang))
	case err != nil && !errors.Is(err, store.ErrNotFound):
		a.log.Warn("mattermost: read the person's language", "err", err)
		return a.texts
	}
	if mu, err := a.users.get(ctx, userID); err == nil {
		if hint := a.localeHint(mu); hint != "" {
			if a.cfg.Languages != nil {
				hint = a.cfg.Languages.Match(hint)
			}
			return a.textCat.Localizer(a.textCat.Match(hint))
		}
	}
	return a.texts
}

// localeHint is a user's Mattermost locale where it tells their language:
// where it differs from the server's default, which Mattermost gives
// everyone who never chose one. "" otherwise.
func (a *Adapter) localeHint(mu *model.User) string {
	if a.locale == "" || mu.Locale == a.locale {
		return ""
	}
	return mu.Locale
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

// clientLocale asks the server for its default client locale, which every
// user has until they choose one. It is asked once, at login; without an
// answer no user's locale counts as a hint, as before servers said.
func (a *Adapter) clientLocale(ctx context.Context) string {
	var cfg map[string]string
	err := a.retry.call(ctx, "get client config", func(ctx context.Context) (*model.Response, error) {
		r, err := a.client.DoAPIGet(ctx, "/config/client?format=old", "")
		if err != nil {
			return model.BuildResponse(r), err
		}
		defer r.Body.Close()
		return model.BuildResponse(r), json.NewDecoder(r.Body).Decode(&cfg)
	})
	if err != nil {
		a.log.Warn("mattermost: no default locale, so users' locales are not taken as their language", "err", err)
		return ""
	}
	return cfg["DefaultClientLocale"]
}
