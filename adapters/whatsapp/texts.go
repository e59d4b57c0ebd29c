package whatsapp

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
		return nil, fmt.Errorf("whatsapp texts: %w", err)
	}
	return cat, nil
}

// lang is the language u is addressed in: their profile's, else the
// adapter's.
func (a *Adapter) lang(ctx context.Context, u bot.User) string {
	if p, err := a.store.Profile(ctx, u); err == nil && p != nil && p.Lang != "" {
		return p.Lang
	}
	return a.opt.Lang
}

// localizer gives the adapter's texts in u's language.
func (a *Adapter) localizer(ctx context.Context, u bot.User) *bot.Localizer {
	return a.texts.Localizer(a.texts.Match(a.lang(ctx, u)))
}
