package telegram

import (
	"testing"

	"github.com/heimatbot/heimatbot/readability/catalogcheck"
)

// TestTextsFollowTheCatalogsRules holds the adapter's own texts to the
// catalogs' rules: readable for their variant, and every count through
// plural forms.
func TestTextsFollowTheCatalogsRules(t *testing.T) {
	catalogcheck.CheckCatalog(t, locales, "locales", "de")
}
