package poster_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/poster"
	"github.com/heimatbot/heimatbot/poster/postertest"
)

func sheet(links ...poster.Link) poster.Sheet {
	return poster.Sheet{
		Community:   "Ballenstedt",
		Title:       "Stadtgespräch Jugendclub",
		When:        "Sa., 12.12.2026, 18:30 Uhr – 20:00 Uhr",
		Place:       "Bürgerhaus Badeborn",
		Description: "Wir reden über den Jugendclub: Öffnungszeiten, wer ihn betreut, was fehlt.",
		Call:        "Scanne den Code mit dem Handy: Der Bot zeigt dir den Termin, und du sagst gleich zu.",
		Links:       links,
	}
}

func TestPosterCodesDecodeToTheLinks(t *testing.T) {
	tg := poster.Link{Label: "Telegram", URL: "https://t.me/heimatbot?start=ev_0123456789"}
	wa := poster.Link{Label: "WhatsApp", URL: "https://wa.me/4939483123456?text=ev_0123456789"}
	for _, links := range [][]poster.Link{{tg}, {tg, wa}} {
		data, err := poster.PDF(sheet(links...))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, l := range links {
			want = append(want, l.URL)
		}
		slices.Sort(want)
		if got := postertest.Codes(t, data); !slices.Equal(got, want) {
			t.Errorf("%d links: the codes decode to %q, want %q", len(links), got, want)
		}
		text := strings.ReplaceAll(postertest.Text(t, data), "\n", " ")
		for _, want := range []string{"Ballenstedt", "Stadtgespräch Jugendclub", "Sa., 12.12.2026, 18:30 Uhr", "Bürgerhaus Badeborn", "Öffnungszeiten", "t.me/heimatbot?start=ev_0123456789"} {
			if !strings.Contains(text, want) {
				t.Errorf("%d links: the page lacks %q:\n%s", len(links), want, text)
			}
		}
	}
}

// The longest title and description the bot accepts still leave the code
// its full size on one page, the text cut with "…"; empty fields leave no
// gap that breaks the page.
func TestPosterFitsLongAndEmptyTexts(t *testing.T) {
	link := poster.Link{Label: "Telegram", URL: "https://t.me/heimatbot?start=ev_0123456789"}
	long := sheet(link)
	long.Title = strings.Repeat("Stadtgespräch ", 9)[:120]
	long.Description = strings.Repeat("Ein langer Satz über den Jugendclub und was ihm fehlt. ", 19)[:1000]
	empty := poster.Sheet{Title: "Treffen", When: "Sa., 12.12.2026, 18:30 Uhr", Call: "Scanne den Code.", Links: []poster.Link{link}}
	for name, s := range map[string]poster.Sheet{"long": long, "empty": empty} {
		data, err := poster.PDF(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := postertest.Codes(t, data); len(got) != 1 || got[0] != link.URL {
			t.Errorf("%s: the code decodes to %q", name, got)
		}
		text := postertest.Text(t, data)
		if name == "long" && (!strings.Contains(text, "…") || strings.Contains(text, long.Description[900:])) {
			t.Errorf("long: the description is not cut:\n%s", text)
		}
		if !strings.Contains(text, "t.me/heimatbot?start=ev_0123456789") {
			t.Errorf("%s: no short link:\n%s", name, text)
		}
	}
	if _, err := poster.PDF(poster.Sheet{Title: "Ohne Link"}); !errors.Is(err, poster.ErrNoLink) {
		t.Errorf("no link: err %v, want ErrNoLink", err)
	}
}
