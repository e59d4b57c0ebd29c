package whatsapp

import (
	"testing"

	"github.com/heimatbot/heimatbot/bot"
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

// TestCountsTakePluralForms holds the adapter's texts to the catalogs'
// rule for counts: every count goes through plural forms, which every
// language has in full (catalogcheck.CountProblems).
func TestCountsTakePluralForms(t *testing.T) {
	texts, err := catalogcheck.Load(locales, "locales")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := bot.LoadCatalog(locales, "locales", "de")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range catalogcheck.CountProblems(texts, cat) {
		t.Error(p)
	}
}
