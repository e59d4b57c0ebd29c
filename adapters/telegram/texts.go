package telegram

import (
	"context"
	"embed"

	"github.com/heimatbot/heimatbot/bot"
)

// locales are the adapter's own texts, for what it says without a flow
// answering.
//
//go:embed locales/*.yaml
var locales embed.FS

// textsFor gives the adapter's texts in u's language: their profile's,
// else the one their Telegram app is set to.
func (a *Adapter) textsFor(ctx context.Context, u bot.User) *bot.Localizer {
	lang := u.Lang
	if p, err := a.store.Profile(ctx, u); err == nil && p != nil && p.Lang != "" {
		lang = p.Lang
	}
	return a.texts.Localizer(a.texts.Match(lang))
}
