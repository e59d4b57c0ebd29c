package flows_test

import (
	"slices"
	"testing"
)

func TestEveryTextExistsInEveryLanguage(t *testing.T) {
	cat := mustCatalog(t)
	de := cat.IDs("de")
	if len(de) == 0 {
		t.Fatal("no German texts")
	}
	for _, lang := range cat.Languages() {
		ids := cat.IDs(lang)
		for _, id := range de {
			if !slices.Contains(ids, id) {
				t.Errorf("%s: text %q missing", lang, id)
			}
		}
		for _, id := range ids {
			if !slices.Contains(de, id) {
				t.Errorf("%s: text %q has no German original", lang, id)
			}
		}
	}
}
