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
