package mattermost

import (
	"embed"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
)

//go:embed locales/*.yaml
var locales embed.FS

// loadTexts reads the adapter's own texts in lang.
func loadTexts(lang string) (*bot.Localizer, error) {
	cat, err := bot.LoadCatalog(locales, "locales", "de")
	if err != nil {
		return nil, fmt.Errorf("mattermost texts: %w", err)
	}
	return cat.Localizer(cat.Match(lang)), nil
}
