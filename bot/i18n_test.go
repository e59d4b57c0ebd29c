package bot_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/heimatbot/heimatbot/bot"
)

// variantCatalogs has German, English and Einfache Sprache, which lacks
// one text and has one its language has not.
var variantCatalogs = fstest.MapFS{
	"l/a.de.yaml":           {Data: []byte("hello: Guten Tag, {{.Name}}.\nextra: Nur auf Deutsch.\nvotes:\n  one: \"{{.Count}} Stimme\"\n  other: \"{{.Count}} Stimmen\"\n")},
	"l/a.en.yaml":           {Data: []byte("hello: Good day, {{.Name}}.\nextra: English too.\nvotes:\n  one: \"{{.Count}} vote\"\n  other: \"{{.Count}} votes\"\n")},
	"l/a.de-x-einfach.yaml": {Data: []byte("hello: Hallo {{.Name}}!\nvotes:\n  one: \"{{.Count}} Stimme\"\n  other: \"{{.Count}} Stimmen\"\ntypo: Gibt es nicht.\n")},
}

func TestVariantFallsBackToItsLanguage(t *testing.T) {
	cat, err := bot.LoadCatalog(variantCatalogs, "l", "de")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cat.Languages(), []string{"de", "de-x-einfach", "en"}; !slices.Equal(got, want) {
		t.Errorf("Languages() = %v, want %v (each language followed by its variants)", got, want)
	}
	plain := cat.Localizer("de-x-einfach")
	for _, tc := range []struct{ got, want string }{
		{plain.S("hello", "Name", "Ana"), "Hallo Ana!"},
		{plain.S("extra"), "Nur auf Deutsch."},
		{plain.S("votes", "Count", 1), "1 Stimme"},
		{plain.S("votes", "Count", 3), "3 Stimmen"},
		{cat.Localizer("de").S("hello", "Name", "Ana"), "Guten Tag, Ana."},
		{cat.Localizer("en").S("hello", "Name", "Ana"), "Good day, Ana."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got := cat.Lacks("de-x-einfach"); !slices.Equal(got, []string{"extra"}) {
		t.Errorf("Lacks = %q, want [extra]", got)
	}
	gaps := strings.Join(cat.Gaps(), "\n")
	if !strings.Contains(gaps, `de-x-einfach: text "typo" has no de original`) || strings.Contains(gaps, `"extra"`) {
		t.Errorf("Gaps() =\n%s\nwant the variant's extra text only (a variant may lack texts)", gaps)
	}
	for hint, want := range map[string]string{"": "de", "de": "de", "de-AT": "de", "en-GB": "en", "fr": "de", "de-x-einfach": "de-x-einfach"} {
		if got := cat.Match(hint); got != want {
			t.Errorf("Match(%q) = %q, want %q", hint, got, want)
		}
	}
}

func TestVariantAsTheDefault(t *testing.T) {
	cat, err := bot.LoadCatalog(variantCatalogs, "l", "de-x-einfach")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cat.Languages(), []string{"de-x-einfach", "de", "en"}; !slices.Equal(got, want) {
		t.Errorf("Languages() = %v, want %v", got, want)
	}
	// A German phone gets the community's default variant; others their language.
	for hint, want := range map[string]string{"": "de-x-einfach", "de": "de-x-einfach", "de-CH": "de-x-einfach", "en": "en", "fr": "de-x-einfach"} {
		if got := cat.Match(hint); got != want {
			t.Errorf("Match(%q) = %q, want %q", hint, got, want)
		}
	}
	if got := cat.Localizer("de").S("hello", "Name", "Ana"); got != "Guten Tag, Ana." {
		t.Errorf("a person who chose standard German gets %q", got)
	}
	if got := cat.Localizer("de-x-einfach").S("extra"); got != "Nur auf Deutsch." {
		t.Errorf("a text the default variant lacks: %q", got)
	}
	if _, err := bot.LoadCatalog(variantCatalogs, "l", "fr-x-einfach"); err == nil {
		t.Error("a default without files loaded")
	}
}

// countCatalogs have a sentence with two counts, each through a counted
// phrase; Einfache Sprache has one phrase of its own and takes the
// other from German. English lacks a form and a phrase, on purpose.
var countCatalogs = fstest.MapFS{
	"l/a.de.yaml": {Data: []byte(`stats: '{{.Plural "n_votes" .Votes}}, {{.Plural "n_new_offers" .Offers}}.'
typo: 'Es sind {{.Plural "n_votes" .Vots}}.'
n_votes:
  one: "{{.Count}} Stimme"
  other: "{{.Count}} Stimmen"
n_new_offers:
  one: "**{{.Count}}** neues Angebot"
  other: "**{{.Count}}** neue Angebote"
`)},
	"l/a.de-x-einfach.yaml": {Data: []byte(`n_votes:
  one: "{{.Count}} Mal abgestimmt"
  other: "{{.Count}} Mal abgestimmt"
`)},
	"l/a.en.yaml": {Data: []byte(`stats: '{{.Plural "n_votes" .Votes}}, {{.Plural "n_new_offers" .Offers}}.'
typo: 'There are {{.Plural "n_votes" .Vots}}.'
n_votes:
  other: "{{.Count}} votes"
`)},
}

func TestCountedPhrasesTakeTheFormTheNumberNeeds(t *testing.T) {
	cat, err := bot.LoadCatalog(countCatalogs, "l", "de")
	if err != nil {
		t.Fatal(err)
	}
	de, plain, en := cat.Localizer("de"), cat.Localizer("de-x-einfach"), cat.Localizer("en")
	for _, tc := range []struct{ got, want string }{
		{de.T("stats", "Votes", 1, "Offers", 1).Plain(), "1 Stimme, 1 neues Angebot."},
		{de.T("stats", "Votes", 0, "Offers", 2).Plain(), "0 Stimmen, 2 neue Angebote."},
		{de.T("stats", "Votes", int64(5), "Offers", 5).Plain(), "5 Stimmen, 5 neue Angebote."},
		// the phrase's markup is the text's: bold, not escaped
		{de.S("stats", "Votes", 1, "Offers", 1), "1 Stimme, **1** neues Angebot."},
		// a variant's own phrase first, then its language's
		{plain.T("stats", "Votes", 1, "Offers", 1).Plain(), "1 Mal abgestimmt, 1 neues Angebot."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	bold := slices.ContainsFunc(de.T("stats", "Votes", 2, "Offers", 1).Blocks[0].Spans, func(s bot.Span) bool {
		return s.Style == bot.Bold && s.Text == "1"
	})
	if !bold {
		t.Errorf("the counted phrase's bold is lost: %+v", de.T("stats", "Votes", 2, "Offers", 1))
	}
	if _, err := de.Check("stats", "Votes", 1, "Offers", 2); err != nil {
		t.Errorf("Check of a complete text: %v", err)
	}
	// What T passes over, Check reports.
	if got := en.T("stats", "Votes", 1, "Offers", 1).Plain(); got != "1 votes, 1 neues Angebot." {
		t.Errorf("English, best effort: %q", got)
	}
	_, err = en.Check("stats", "Votes", 1, "Offers", 1)
	if err == nil || !strings.Contains(err.Error(), "n_votes (en)") || !strings.Contains(err.Error(), "n_new_offers (en)") {
		t.Errorf("Check = %v, want the missing one form of n_votes and the missing phrase n_new_offers", err)
	}
	if _, err := de.Check("typo", "Votes", 1); err == nil || !strings.Contains(err.Error(), "no count") {
		t.Errorf("Check of a phrase given no count = %v", err)
	}
}
