package whatsapp

import "testing"

// The adapter's own texts (the list button, more choices) exist in every
// language of the bot.
func TestAdapterTextsExistInEveryLanguage(t *testing.T) {
	cat, err := loadTexts()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Languages()) < 2 {
		t.Fatalf("languages %v, want German and at least one more", cat.Languages())
	}
	for _, gap := range cat.Gaps() {
		t.Error(gap)
	}
}
