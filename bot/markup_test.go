package bot

import (
	"strings"
	"testing"
)

// tagRenderer makes styles visible, to check what the parser produced.
type tagRenderer struct{}

func (tagRenderer) Escape(s string) string { return s }
func (tagRenderer) Item(s string) string   { return "* " + s }
func (tagRenderer) Span(st Style, s, url string) string {
	switch st {
	case Bold:
		return "<b>" + s + "</b>"
	case Italic:
		return "<i>" + s + "</i>"
	case Link:
		return "<a " + url + ">" + s + "</a>"
	}
	return s
}

func TestParseMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hallo **Welt**!", "Hallo <b>Welt</b>!"},
		{"ein _kleines_ Wort", "ein <i>kleines</i> Wort"},
		{"[Karte](https://example.org/a_b)", "<a https://example.org/a_b>Karte</a>"},
		{"Absatz eins\n\nAbsatz zwei", "Absatz eins\n\nAbsatz zwei"},
		{"Zeile eins\nZeile zwei", "Zeile eins\nZeile zwei"},
		{"Liste:\n- eins\n- zwei\n\nEnde", "Liste:\n\n* eins\n* zwei\n\nEnde"},
		{`kein \*fett\* und kein \_kursiv\_`, "kein *fett* und kein _kursiv_"},
		{"[nur Klammer", "[nur Klammer"},
	}
	for _, tt := range tests {
		if got := ParseMarkup(tt.in).Render(tagRenderer{}); got != tt.want {
			t.Errorf("ParseMarkup(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapedUserTextNeverBecomesMarkup(t *testing.T) {
	evil := []string{
		"**fett** _kursiv_ [link](http://x)",
		"- kein Listenpunkt\n\n- auch nicht",
		`\**`, "a_b_c", "(x) [y]",
	}
	for _, s := range evil {
		got := ParseMarkup("Du schreibst: " + Escape(s)).Render(tagRenderer{})
		if strings.ContainsAny(got, "<>") || strings.Contains(got, "\n* ") {
			t.Errorf("user text %q became markup: %q", s, got)
		}
		if want := "Du schreibst: " + s; got != want {
			t.Errorf("user text %q rendered as %q, want %q", s, got, want)
		}
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		in, name, args string
		ok             bool
	}{
		{"/start", "start", "", true},
		{"/Termine  mehr ", "termine", "mehr", true},
		{"/start@heimatbot ev_12", "start", "ev_12", true},
		{"/termin_neu", "termin_neu", "", true},
		{"hallo", "", "", false},
		{"/", "", "", false},
		{"/ start", "", "", false},
		{"/12.12.", "", "", false},
	}
	for _, tt := range tests {
		name, args, ok := ParseCommand(tt.in)
		if name != tt.name || args != tt.args || ok != tt.ok {
			t.Errorf("ParseCommand(%q) = %q, %q, %v; want %q, %q, %v", tt.in, name, args, ok, tt.name, tt.args, tt.ok)
		}
	}
}
