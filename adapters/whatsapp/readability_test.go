package whatsapp

import (
	"testing"

	"github.com/heimatbot/heimatbot/readability/catalogcheck"
)

// TestTextsFollowTheCatalogsRules holds the adapter's own texts to the
// catalogs' rules: readable for their variant (Einfache Sprache to the
// plain limits, German to the standard ones), and every count through
// plural forms that every language has in full.
func TestTextsFollowTheCatalogsRules(t *testing.T) {
	catalogcheck.CheckCatalog(t, locales, "locales", "de")
}
