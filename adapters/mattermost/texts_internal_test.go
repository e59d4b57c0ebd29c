package mattermost

import (
	"testing"

	"github.com/heimatbot/heimatbot/bot"
)

// The adapter's own texts (answers to buttons and commands) exist in
// every language of the bot.
func TestAdapterTextsExistInEveryLanguage(t *testing.T) {
	cat, err := bot.LoadCatalog(locales, "locales", "de")
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
