package flows_test

import (
	"slices"
	"strings"
	"testing"
)

func TestVoicesTextsExistInEveryLanguage(t *testing.T) {
	cat := mustCatalog(t)
	voices := func(lang string) []string {
		var ids []string
		for _, id := range cat.IDs(lang) {
			if strings.HasPrefix(id, "voices_") {
				ids = append(ids, id)
			}
		}
		return ids
	}
	de := voices("de")
	if len(de) == 0 {
		t.Fatal("no voices texts in German")
	}
	for _, lang := range cat.Languages() {
		if got := voices(lang); !slices.Equal(got, de) {
			t.Errorf("%s voices texts differ from German:\n%v\n%v", lang, got, de)
		}
	}
}
