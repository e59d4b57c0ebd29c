package flows_test

import "testing"

func TestEveryTextExistsInEveryLanguage(t *testing.T) {
	cat := mustCatalog(t)
	if len(cat.Languages()) < 2 {
		t.Fatalf("languages %v, want German and at least one more", cat.Languages())
	}
	for _, gap := range cat.Gaps() {
		t.Error(gap)
	}
}
