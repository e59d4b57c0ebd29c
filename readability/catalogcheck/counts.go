package catalogcheck

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/heimatbot/heimatbot/bot"
)

// Counts are the numbers every text that takes a count is rendered with:
// none, one, two and a few, which in German and English already take
// every form there is.
var Counts = []int{0, 1, 2, 5}

// formNames are the names of x/text's plural forms, by value, as the
// catalogs write them.
var formNames = [...]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many"}

// PluralForms lists the plural forms lang's CLDR rules give whole numbers
// (counts never have decimals): one and other for German and English. A
// variant (de-x-einfach) takes its language's.
func PluralForms(lang string) []string {
	base, _, _ := strings.Cut(lang, "-x-")
	tag := language.Make(base)
	var forms []string
	add := func(i int) {
		f := formNames[plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0)]
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	for i := range 1001 {
		add(i)
	}
	for _, i := range []int{10_000, 100_000, 1_000_000, 10_000_000} {
		add(i) // some languages have forms for round millions
	}
	sort.Strings(forms)
	return forms
}

// pluralParam is the count of a text with plural forms.
const pluralParam = "Count"

// MissingForms lists every text with plural forms (a counted phrase or a
// whole text) that lacks a form its language needs.
func MissingForms(texts []Text) []string {
	have := map[string][]string{} // "lang id" → forms
	var keys []string
	for _, t := range texts {
		if t.Form == "" {
			continue
		}
		k := t.Lang + " " + t.ID
		if have[k] == nil {
			keys = append(keys, k)
		}
		have[k] = append(have[k], t.Form)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		lang, id, _ := strings.Cut(k, " ")
		for _, f := range PluralForms(lang) {
			if !slices.Contains(have[k], f) {
				out = append(out, fmt.Sprintf("%s (%s): no %q form, which %s needs (it has %v)", id, lang, f, lang, have[k]))
			}
		}
	}
	return out
}

// fieldRef is a parameter a template reads: {{.Title}}, {{if .N}}, the
// count of {{.Plural "n" .Votes}}.
var fieldRef = regexp.MustCompile(`\.([A-Z]\w*)`)

// methods are textData's methods, which no caller passes.
var methods = []string{"Cmd", "Numbered", "Phone", "Plural"}

// params lists, by id, the parameters any language's text of the id reads.
func params(texts []Text) map[string][]string {
	out := map[string][]string{}
	for _, t := range texts {
		for _, m := range fieldRef.FindAllStringSubmatch(templateActions(t.Source), -1) {
			if p := m[1]; !slices.Contains(methods, p) && !slices.Contains(out[t.ID], p) {
				out[t.ID] = append(out[t.ID], p)
			}
		}
	}
	return out
}

// action is one {{…}} of a template.
var action = regexp.MustCompile(`\{\{.*?\}\}`)

// templateActions is what s has between {{ and }}, without its text.
func templateActions(s string) string {
	return strings.Join(action.FindAllString(s, -1), " ")
}

// takesCount reports whether a text takes a count: it has plural forms,
// or it names counted phrases.
func takesCount(texts []Text, id string) bool {
	for _, t := range texts {
		if t.ID == id && (t.Form != "" || pluralCall.MatchString(t.Source)) {
			return true
		}
	}
	return false
}

// RenderCounts renders every text that takes a count in every language of
// cat, with each of Counts as every parameter, and lists what went wrong
// (bot.Localizer.Check): a form the count needs but the text or one of its
// counted phrases lacks, a counted phrase a language lacks or that gets
// no count.
func RenderCounts(texts []Text, cat *bot.Catalog) []string {
	ps := params(texts)
	var ids []string
	for id := range ps {
		if takesCount(texts, id) {
			ids = append(ids, id)
		}
	}
	for _, t := range texts {
		if !slices.Contains(ids, t.ID) && takesCount(texts, t.ID) {
			ids = append(ids, t.ID) // a text without parameters but with forms
		}
	}
	sort.Strings(ids)
	var out []string
	for _, lang := range cat.Languages() {
		l := cat.Localizer(lang)
		for _, id := range ids {
			for _, n := range Counts {
				var args []any
				for _, p := range ps[id] {
					args = append(args, p, n)
				}
				if _, err := l.Check(id, args...); err != nil {
					out = append(out, fmt.Sprintf("%s (%s) with %d: %v", id, lang, n, err))
				}
			}
		}
	}
	return out
}

// WrongForms renders every text in every language of cat with 1 as every
// parameter and lists each that says "1" with a form meant for other
// numbers: the words the "other" form of a counted phrase or text puts
// after its count, where they differ from the "one" form's ("1 Meinungen",
// "1 neue Angebote", "1 people"). A bare count left before such a noun
// shows here.
func WrongForms(texts []Text, cat *bot.Catalog) []string {
	wrong := map[string][]string{} // lang → "Meinungen", "neue Angebote"
	forms := map[string]map[string]string{}
	for _, t := range texts {
		if t.Form == "" {
			continue
		}
		k := t.Lang + " " + t.ID
		if forms[k] == nil {
			forms[k] = map[string]string{}
		}
		forms[k][t.Form] = t.Source
	}
	for k, f := range forms {
		lang, _, _ := strings.Cut(k, " ")
		one, other := wordsAfterCount(f["one"]), wordsAfterCount(f["other"])
		for i, w := range other {
			if i >= len(one) || one[i] != w {
				if p := strings.Join(other[:i+1], " "); !slices.Contains(wrong[lang], p) {
					wrong[lang] = append(wrong[lang], p)
				}
				break
			}
		}
	}
	ps := params(texts)
	var out []string
	for _, lang := range cat.Languages() {
		base, _, _ := strings.Cut(lang, "-x-")
		var res []*regexp.Regexp
		phrases := slices.Clone(wrong[lang])
		if base != lang {
			phrases = append(phrases, wrong[base]...)
		}
		for _, p := range phrases {
			res = append(res, regexp.MustCompile(`(^|[^\p{N},.])1 `+regexp.QuoteMeta(p)+`($|[^\p{L}])`))
		}
		l := cat.Localizer(lang)
		seen := map[string]bool{}
		for _, t := range texts {
			if seen[t.ID] {
				continue
			}
			seen[t.ID] = true
			var args []any
			for _, p := range ps[t.ID] {
				args = append(args, p, 1)
			}
			text, err := l.Check(t.ID, args...)
			if err != nil {
				out = append(out, fmt.Sprintf("%s (%s) with 1: %v", t.ID, lang, err))
				continue
			}
			s := text.Render(labelsOnly{})
			for _, re := range res {
				if m := re.FindString(s); m != "" {
					out = append(out, fmt.Sprintf("%s (%s) says %q: a count before a noun must go through a counted phrase ({{.Plural}}) or plural forms", t.ID, lang, strings.TrimSpace(m)))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// wordsAfterCount are the words that follow {{.Count}} in a form, up to
// the next template action or punctuation.
func wordsAfterCount(s string) []string {
	_, after, ok := strings.Cut(s, "{{."+pluralParam+"}}")
	if !ok {
		return nil
	}
	if i := strings.IndexAny(after, "{.,:;()!?\n"); i >= 0 {
		after = after[:i]
	}
	return strings.Fields(strings.NewReplacer("**", "", "_", "").Replace(after))
}

// bareValue is a template value written before a word: "{{.N}} Menschen",
// "**{{.N}}** Menschen".
var bareValue = regexp.MustCompile(`\{\{-?\s*\.(\w+)\s*-?\}\}(?:\*\*|_)?[ \t]+(?:\*\*|_)?([\p{L}][\p{L}-]*)`)

// handMade is a plural made by hand: {{if eq .N 1}}.
var handMade = regexp.MustCompile(`\beq\s+\.(\w+)\s+1\b`)

// notCounts are the parameters written before a word that are no counts,
// so that the word never has to agree with them.
var notCounts = []string{
	"Command",                                       // "Den Befehl /x kenne ich nicht"
	"Title",                                         // an event's or a plan's title
	"Name",                                          // a person's, a district's, a group's name
	"Group",                                         // a group's letter: "Gruppe A denkt …"
	"Districts",                                     // a list of names: "Für Badeborn fehlt …"
	"Community",                                     // the town's name: "Was Ballenstedt geschrieben hat"
	"Preselected",                                   // a district's name: "Badeborn ist schon ausgewählt"
	"Due", "Date", "From", "PrevFrom", "To", "Time", // dates and times
	"Per1000", "Expected", // decimals ("1,0"), which take the plural: "1,0 Aktive"
}

// afterAnyNumber are the words that read right after any number, in every
// language of the catalogs: prepositions and adjectives that do not
// inflect there ("1 von 5", "2 aktiv", "1 joined").
var afterAnyNumber = []string{
	"von", "bis", "auf", "neu", "aktiv", "angemeldet", "freigegeben", "zurückgezogen", "offen", "vielleicht",
	"dafür", "dagegen", "neutral", "da",
	"of", "to", "joined", "active", "registered", "approved", "withdrawn", "open", "maybe", "agree", "disagree",
	"pass", "came", "waiting",
}

// BareCounts lists every template value written right before a word,
// unless the value is no count (notCounts), the word reads after any
// number (afterAnyNumber) or the value is the Count of a text with plural
// forms; and every plural made by hand with {{if eq .N 1}}. A count before
// a word goes through a counted phrase ({{.Plural}}), so that the word
// takes the form the number needs: a new count written bare fails here
// until it does, or until it is listed above with a reason.
func BareCounts(texts []Text) []string {
	var out []string
	for _, t := range texts {
		for _, m := range bareValue.FindAllStringSubmatch(t.Source, -1) {
			param, word := m[1], m[2]
			if slices.Contains(notCounts, param) || slices.Contains(afterAnyNumber, word) ||
				(t.Form != "" && param == pluralParam) {
				continue
			}
			out = append(out, fmt.Sprintf("%s: %q: a count before a word; use {{.Plural \"n_…\" .%s}} (or, if %s is no count, list it in catalogcheck's notCounts)", t.Name(), m[0], param, param))
		}
		for _, m := range handMade.FindAllStringSubmatch(t.Source, -1) {
			out = append(out, fmt.Sprintf("%s: %q: a plural made by hand; use {{.Plural \"n_…\" .%s}}", t.Name(), m[0], m[1]))
		}
	}
	return out
}

// CountProblems is all of the above for one catalog: the forms its
// counted texts lack, what goes wrong rendering them with Counts, bare
// counts, and texts that say "1" with a plural noun.
func CountProblems(texts []Text, cat *bot.Catalog) []string {
	out := MissingForms(texts)
	out = append(out, RenderCounts(texts, cat)...)
	out = append(out, BareCounts(texts)...)
	return append(out, WrongForms(texts, cat)...)
}
