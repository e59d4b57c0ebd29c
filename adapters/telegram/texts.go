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
// else the one the engine greets them in, from their Telegram app's
// language (Options.Catalog; without it, the app's language itself).
func (a *Adapter) textsFor(ctx context.Context, u bot.User) *bot.Localizer {
	lang := u.Lang
	if a.opt.Catalog != nil {
		lang = a.opt.Catalog.Match(u.Lang)
	}
	if p, err := a.store.Profile(ctx, u); err == nil && p != nil && p.Lang != "" {
		lang = p.Lang
	}
	return a.texts.Localizer(a.texts.Match(lang))
}
