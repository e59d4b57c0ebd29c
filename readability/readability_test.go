package readability_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/readability"
)

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"marks", "Hallo! Wie geht es dir? Gut. Und dann…  weiter",
			[]string{"Hallo!", "Wie geht es dir?", "Gut.", "Und dann…", "weiter"}},
		{"colon ends, as Björnsson counts", "Wozu: damit die Stadt es weiß.",
			[]string{"Wozu:", "damit die Stadt es weiß."}},
		{"line breaks end", "Dein Profil\n• Sprache: Deutsch\n• Ortsteil: Rieder",
			[]string{"Dein Profil", "• Sprache:", "Deutsch", "• Ortsteil:", "Rieder"}},
		{"colons inside words end nothing", "Für Organisator:innen ab 19:30 Uhr.",
			[]string{"Für Organisator:innen ab 19:30 Uhr."}},
		{"ordinals and abbreviations end nothing", "Am Dienstag, 8. Dezember, z. B. um 19 Uhr. Bzw. später.",
			[]string{"Am Dienstag, 8. Dezember, z. B. um 19 Uhr.", "Bzw. später."}},
		{"a number at the end of a line ends", "Plätze: 30.\nKomm vorbei.",
			[]string{"Plätze:", "30.", "Komm vorbei."}},
		// Ambiguous in German; ordinals are the more common case in dates.
		{"a number before a word reads as an ordinal", "Plätze: 30. Komm vorbei.",
			[]string{"Plätze:", "30. Komm vorbei."}},
		{"closing quotes and emphasis", "Er sagt „Ja.“ Dann **Schluss!** Gut",
			[]string{"Er sagt „Ja.“", "Dann **Schluss!**", "Gut"}},
		{"blank lines and spaces only", "\n  \n\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := readability.Sentences(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	for _, tc := range []struct {
		name, text                  string
		words, sentences, long, max int
		lix                         float64
	}{
		// 8 words, 3 sentences, long: Heimatbot (9), Ballenstedt (11)
		{"by hand", "Hallo! Ich bin der Heimatbot für Ballenstedt. Schön.", 8, 3, 2, 6, 8.0/3 + 100.0*2/8},
		{"exactly six letters is short", "Termin Straße wohnst", 3, 1, 0, 3, 3},
		{"seven letters is long", "Termine", 1, 1, 1, 1, 101},
		{"hyphenated compound is one long word", "Die E-Mail-Adresse.", 2, 1, 1, 2, 2 + 50},
		{"digits are no letters", "Am 12.12.2026 um 19:30 Uhr kommen 8682 Menschen.", 8, 1, 1, 8, 8 + 12.5},
		{"punctuation and emoji are no words", "✓ – • Ja , gut .", 2, 1, 0, 2, 2},
		{"placeholders are short words", "Hallo ⟨Community⟩!", 2, 1, 0, 2, 2},
		{"empty", "", 0, 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := readability.Measure(tc.text)
			if f.Words != tc.words || f.Sentences != tc.sentences || f.Long != tc.long || f.Longest != tc.max {
				t.Errorf("Measure(%q) = %d words, %d sentences, %d long, longest %d; want %d, %d, %d, %d",
					tc.text, f.Words, f.Sentences, f.Long, f.Longest, tc.words, tc.sentences, tc.long, tc.max)
			}
			if math.Abs(f.LIX()-tc.lix) > 1e-9 {
				t.Errorf("LIX(%q) = %.2f, want %.2f", tc.text, f.LIX(), tc.lix)
			}
		})
	}
}

func TestAddPoolsTexts(t *testing.T) {
	a := readability.Measure("Kurz. Ein etwas längerer Satz mit Wörtern.")
	b := readability.Measure("Das ist der allerlängste Satz in diesem ganzen Beispiel hier.")
	ab := readability.Measure("Kurz. Ein etwas längerer Satz mit Wörtern.\nDas ist der allerlängste Satz in diesem ganzen Beispiel hier.")
	if got := a.Add(b); got != ab {
		t.Errorf("Add = %+v, want the figures of both texts as one: %+v", got, ab)
	}
	if ab.Longest != 10 || !strings.HasPrefix(ab.LongestText, "Das ist der allerlängste") {
		t.Errorf("longest = %d %q", ab.Longest, ab.LongestText)
	}
}

func TestAbbreviations(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Bring z. B. Kuchen mit, bzw. Obst, ggf. auch Tee.", []string{"z. B.", "bzw.", "ggf."}},
		{"Ca. 20 Leute, d.h. viele (u. a. Kinder).", []string{"Ca.", "d.h.", "u. a."}},
		{"Am 8. Dezember um 19 Uhr. Das ist gut.", nil},
		{"Schreib eine E-Mail an die Organisator:innen.", nil},
	} {
		if got := readability.Abbreviations(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Abbreviations(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestTemplate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hallo {{.Community}}!", "Hallo ⟨Community⟩!"},
		{"{{.Yes}} Zusagen{{if .Capacity}} bei {{.Capacity}} Plätzen{{end}}.", "⟨Yes⟩ Zusagen bei ⟨Capacity⟩ Plätzen."},
		{"{{if .Agreeing}}stimmt zu{{else}}lehnt ab{{end}}: gut", "stimmt zu: gut"},
		{"a{{if .X}}b{{if .Y}}c{{else}}d{{end}}e{{else}}f{{if .Z}}g{{end}}h{{end}}i", "abcei"},
		{"{{- .Trimmed -}} und {{ .Spaced }}", "⟨Trimmed⟩ und ⟨Spaced⟩"},
		{"offen {{ ohne Ende", "offen {{ ohne Ende"},
		{"kein Template", "kein Template"},
	} {
		if got := readability.Template(tc.in); got != tc.want {
			t.Errorf("Template(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzMeasure checks what must hold for any text: the counts agree with
// each other and with the sentences, and nothing panics.
func FuzzMeasure(f *testing.F) {
	for _, s := range []string{
		"Hallo! Ich bin der Heimatbot für **Ballenstedt**.",
		"Am Dienstag, 8. Dezember, um 19 Uhr. z. B. bzw. ggf.",
		"- Sprache: {{.Language}}\n- Ortsteil: {{if .D}}{{.D}}{{else}}keiner{{end}}",
		"„Ja.“ … : ! ? ⟨x⟩ 19:30 Organisator:innen E-Mail-Adresse",
		"{{", "}}{{end}}{{else}}", "\n\n\n", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, text := range []string{s, readability.Template(s)} {
			m := readability.Measure(text)
			if m.Long > m.Words || m.Longest > m.Words || m.Sentences > m.Words {
				t.Fatalf("Measure(%q) = %+v: counts disagree", text, m)
			}
			if m.Words > 0 && (m.Sentences == 0 || m.Longest == 0 || m.LIX() <= 0) {
				t.Fatalf("Measure(%q) = %+v: words without a sentence", text, m)
			}
			if n := len(readability.Sentences(text)); n < m.Sentences {
				t.Fatalf("Measure(%q) counted %d sentences of %d", text, m.Sentences, n)
			}
			_ = readability.Abbreviations(text)
		}
	})
}
