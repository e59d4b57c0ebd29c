package console

import (
	"embed"
	"fmt"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

//go:embed locales/*.yaml
var locales embed.FS

// intro is the console's first line, what to type, in the language of the
// terminal's locale (such as "en_GB.UTF-8"); the conversation itself
// speaks the catalog's language.
func intro(locale string) (string, error) {
	cat, err := bot.LoadCatalog(locales, "locales", "de")
	if err != nil {
		return "", fmt.Errorf("console texts: %w", err)
	}
	tag, _, _ := strings.Cut(locale, ".") // en_GB.UTF-8 → en_GB
	tag = strings.ReplaceAll(tag, "_", "-")
	return cat.Localizer(cat.Match(tag)).T("console_intro").Plain(), nil
}
