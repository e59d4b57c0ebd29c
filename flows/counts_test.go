package flows_test

import (
	"os"
	"testing"

	"github.com/heimatbot/heimatbot/readability/catalogcheck"
)

// TestCountedTextsHaveEveryPluralForm fails on a counted phrase or a text
// with plural forms that lacks a form its language's CLDR rules give a
// whole number (German and English: one and other).
func TestCountedTextsHaveEveryPluralForm(t *testing.T) {
	texts := loadTexts(t)
	for _, p := range catalogcheck.MissingForms(texts) {
		t.Error(p)
	}
	for _, lang := range mustCatalog(t).Languages() {
		t.Logf("%s needs the forms %v", lang, catalogcheck.PluralForms(lang))
	}
}

// TestCountedTextsRenderWithEveryCount renders every text that takes a
// count with 0, 1, 2 and 5 in every language, and fails on anything the
// bot would pass over: a form the count needs but the text lacks, a
// counted phrase missing in a language or given no count.
func TestCountedTextsRenderWithEveryCount(t *testing.T) {
	for _, p := range catalogcheck.RenderCounts(loadTexts(t), mustCatalog(t)) {
		t.Error(p)
	}
}

// TestNoBareCounts fails on a count written before a word without a
// counted phrase ("{{.Opinions}} freigegebene Meinungen"), and on a text
// that, rendered with 1, says "1 Meinungen" or "1 neue Angebote".
func TestNoBareCounts(t *testing.T) {
	texts := loadTexts(t)
	for _, p := range catalogcheck.BareCounts(texts) {
		t.Error(p)
	}
	for _, p := range catalogcheck.WrongForms(texts, mustCatalog(t)) {
		t.Error(p)
	}
}

func loadTexts(t *testing.T) []catalogcheck.Text {
	t.Helper()
	texts, err := catalogcheck.Load(os.DirFS("."), "locales")
	if err != nil {
		t.Fatal(err)
	}
	return texts
}
