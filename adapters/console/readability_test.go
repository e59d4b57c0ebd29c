package console

import (
	"testing"

	"github.com/heimatbot/heimatbot/readability/catalogcheck"
)

// TestTextsFollowTheCatalogsRules holds the console's own texts to the
// catalogs' rules, as the other adapters' are.
func TestTextsFollowTheCatalogsRules(t *testing.T) {
	problems, _, err := catalogcheck.CatalogProblems(locales, "locales", "de")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
