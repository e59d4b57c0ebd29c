package whatsapp

import (
	"testing"

	"github.com/heimatbot/heimatbot/readability/catalogcheck"
)

// TestTextsAreReadable holds the adapter's own texts to the catalogs'
// readability limits: Einfache Sprache to the plain ones, German to the
// standard ones.
func TestTextsAreReadable(t *testing.T) {
	texts, err := catalogcheck.Load(locales, "locales")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range catalogcheck.Problems(texts) {
		t.Error(p)
	}
	t.Logf("\n%s", catalogcheck.Table(catalogcheck.Summary(texts, catalogcheck.LIXFrom)))
}
