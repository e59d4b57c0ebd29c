package telegram

import (
	"context"
	"embed"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
)

//go:embed locales/*.yaml
var locales embed.FS

// loadTexts reads the adapter's own texts.
func loadTexts() (*bot.Catalog, error) {
	cat, err := bot.LoadCatalog(locales, "locales", "de")
	if err != nil {
		return nil, fmt.Errorf("telegram texts: %w", err)
	}
	return cat, nil
}

// textsFor gives the adapter's texts in u's language: their profile's,
// else the one their Telegram app is set to.
func (a *Adapter) textsFor(ctx context.Context, u bot.User) *bot.Localizer {
	lang := u.Lang
	if p, err := a.store.Profile(ctx, u); err == nil && p != nil && p.Lang != "" {
		lang = p.Lang
	}
	return a.texts.Localizer(a.texts.Match(lang))
}
