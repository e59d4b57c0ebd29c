// Package catalogcheck measures the message catalogs' texts with package
// readability and holds them to the limits of their variant, for the
// catalog tests of the flows and the adapters.
//
// A text is measured as a reader sees it: its template resolved by
// [readability.Template], its markup by [bot.ParseMarkup] (a list item and
// a paragraph end a sentence, a link counts by its label, a counted phrase
// ({{.Plural "n_opinions" .Opinions}}) by its words in the "other" form).
// Every plural form is a text of its own ("id (one)").
package catalogcheck

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/readability"
)

// Text is one form of one catalog message, measured.
type Text struct {
	// Catalog is the file's name without language: "core".
	Catalog, Lang, ID string
	// Form is the plural form ("one", "other"), empty for a text without.
	Form string
	// Source is the form's template as the catalog has it.
	Source  string
	Plain   string
	Figures readability.Figures
}

// Name is how a failure names the text: "core.de: start_welcome (one)".
func (t Text) Name() string {
	n := t.Catalog + "." + t.Lang + ": " + t.ID
	if t.Form != "" {
		n += " (" + t.Form + ")"
	}
	return n
}

// Load reads and measures every text of the *.yaml catalogs in dir.
func Load(fsys fs.FS, dir string) ([]Text, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var texts []Text
	for _, f := range files {
		name, lang, ok := strings.Cut(strings.TrimSuffix(path.Base(f), ".yaml"), ".")
		if !ok {
			return nil, fmt.Errorf("%s: no language in the name", f)
		}
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var msgs map[string]yaml.Node
		if err := yaml.Unmarshal(raw, &msgs); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for id, node := range msgs {
			forms := map[string]string{}
			switch node.Kind {
			case yaml.ScalarNode:
				forms[""] = node.Value
			case yaml.MappingNode:
				if err := node.Decode(&forms); err != nil {
					return nil, fmt.Errorf("%s: %s: %w", f, id, err)
				}
			default:
				return nil, fmt.Errorf("%s: %s is neither text nor plural forms", f, id)
			}
			for form, s := range forms {
				texts = append(texts, Text{Catalog: name, Lang: lang, ID: id, Form: form, Source: s})
			}
		}
	}
	for i := range texts {
		t := &texts[i]
		s := resolvePlurals(t.Source, t.Lang, texts)
		t.Plain = bot.ParseMarkup(readability.Template(s)).Render(labelsOnly{})
		t.Figures = readability.Measure(t.Plain)
	}
	sort.Slice(texts, func(i, j int) bool { return texts[i].Name() < texts[j].Name() })
	return texts, nil
}

// pluralCall is a counted phrase in a template: {{.Plural "id" .Param}}.
var pluralCall = regexp.MustCompile(`\{\{-?\s*\.Plural\s+"(\w+)"\s+\.(\w+)\s*-?\}\}`)

// resolvePlurals puts in place of each counted phrase in s its "other"
// form in lang, or, for a variant that lacks it, in the variant's
// language; a phrase found nowhere stays as it is.
func resolvePlurals(s, lang string, texts []Text) string {
	return pluralCall.ReplaceAllStringFunc(s, func(call string) string {
		id := pluralCall.FindStringSubmatch(call)[1]
		base, _, _ := strings.Cut(lang, "-x-")
		for _, l := range []string{lang, base} {
			for _, t := range texts {
				if t.Lang == l && t.ID == id && t.Form == "other" {
					return t.Source
				}
			}
		}
		return call
	})
}

// labelsOnly renders markup as plain text with links by their label.
type labelsOnly struct{}

func (labelsOnly) Escape(s string) string               { return s }
func (labelsOnly) Span(_ bot.Style, s, _ string) string { return s }
func (labelsOnly) Item(s string) string                 { return s }

// Limits are what the texts of one variant must keep.
type Limits struct {
	// MaxWords is the most words a sentence may have.
	MaxWords int
	// MaxLIX is the highest LIX a text may have, once it has at least
	// LIXFrom words: below that one long word moves the share of long
	// words by more than a tenth, and the index says nothing of the text.
	MaxLIX  float64
	LIXFrom int
	// NoAbbreviations refuses short forms such as "z. B." and "bzw.".
	NoAbbreviations bool
}

// The limits of the catalogs (flows/locales/README.md says why): Plain for
// Einfache Sprache, Standard for standard German resident texts.
var (
	Plain    = Limits{MaxWords: 12, MaxLIX: 35, LIXFrom: LIXFrom, NoAbbreviations: true}
	Standard = Limits{MaxWords: 20, MaxLIX: 45, LIXFrom: LIXFrom}
)

// LIXFrom is the least number of words a text needs for its LIX to count.
const LIXFrom = 10

// Check lists what text t does wrong against l, each with its figures.
func (l Limits) Check(t Text) []string {
	var out []string
	f := t.Figures
	if l.MaxWords > 0 && f.Longest > l.MaxWords {
		out = append(out, fmt.Sprintf("%s: a sentence of %d words (at most %d): %q", t.Name(), f.Longest, l.MaxWords, f.LongestText))
	}
	if l.MaxLIX > 0 && f.Words >= l.LIXFrom && f.LIX() > l.MaxLIX {
		out = append(out, fmt.Sprintf("%s: LIX %.1f (at most %.0f): %d words in %d sentences, %d long (%.0f %%)",
			t.Name(), f.LIX(), l.MaxLIX, f.Words, f.Sentences, f.Long, 100*f.LongShare()))
	}
	if l.NoAbbreviations {
		if ab := readability.Abbreviations(t.Plain); len(ab) > 0 {
			out = append(out, fmt.Sprintf("%s: abbreviations %q; write the words out", t.Name(), ab))
		}
	}
	return out
}

// Row is one line of the summary: the texts of one catalog in one language.
type Row struct {
	Catalog, Lang string
	Texts         int
	// Pooled are the figures of all its texts taken as one.
	Pooled readability.Figures
	// MeanLIX and WorstLIX are over the texts with at least LIXFrom words.
	MeanLIX, WorstLIX float64
	Worst             string
}

// Summary sums up texts by catalog and language; lixFrom is the least
// number of words a text needs to count in the LIX columns.
func Summary(texts []Text, lixFrom int) []Row {
	var rows []Row
	index := map[string]int{}
	measured := map[int]int{} // texts in the LIX columns, by row
	for _, t := range texts {
		k := t.Catalog + "." + t.Lang
		i, ok := index[k]
		if !ok {
			i = len(rows)
			index[k] = i
			rows = append(rows, Row{Catalog: t.Catalog, Lang: t.Lang})
		}
		r := &rows[i]
		r.Texts++
		r.Pooled = r.Pooled.Add(t.Figures)
		if t.Figures.Words >= lixFrom {
			measured[i]++
			r.MeanLIX += t.Figures.LIX() // a sum until the end
			if lix := t.Figures.LIX(); lix > r.WorstLIX {
				r.WorstLIX, r.Worst = lix, t.ID
			}
		}
	}
	for i, n := range measured {
		rows[i].MeanLIX /= float64(n)
	}
	slices.SortFunc(rows, func(a, b Row) int {
		return strings.Compare(a.Catalog+"."+a.Lang, b.Catalog+"."+b.Lang)
	})
	return rows
}

// Table formats rows as a Markdown table.
func Table(rows []Row) string {
	var sb strings.Builder
	sb.WriteString("| catalog | variant | texts | mean sentence (words) | longest sentence | mean LIX | worst LIX |\n")
	sb.WriteString("|---|---|---:|---:|---:|---:|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&sb, "| %s | %s | %d | %.1f | %d | %.1f | %.1f (%s) |\n",
			r.Catalog, r.Lang, r.Texts, r.Pooled.MeanSentence(), r.Pooled.Longest, r.MeanLIX, r.WorstLIX, r.Worst)
	}
	return sb.String()
}

// Problems holds each text to the limits of its variant: Einfache Sprache
// to Plain, standard German to Standard; other languages pass.
func Problems(texts []Text) []string {
	var problems []string
	for _, tx := range texts {
		switch tx.Lang {
		case "de-x-einfach":
			problems = append(problems, Plain.Check(tx)...)
		case "de":
			problems = append(problems, Standard.Check(tx)...)
		}
	}
	return problems
}

// CheckCatalog reads the catalogs in dir of fsys (default language def)
// and fails t on every text's problem: readability for its variant
// (Problems) and counts without plural forms (CountProblems); it logs the
// texts' figures. An adapter's test holds its own texts to the catalogs'
// rules with it.
func CheckCatalog(t testing.TB, fsys fs.FS, dir, def string) {
	t.Helper()
	texts, err := Load(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := bot.LoadCatalog(fsys, dir, def)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(Problems(texts), CountProblems(texts, cat)...) {
		t.Error(p)
	}
	t.Logf("\n%s", Table(Summary(texts, LIXFrom)))
}
