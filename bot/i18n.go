package bot

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Catalog holds the message catalogs: every user-facing text, by language.
// Files are named NAME.LANG.yaml (for example onboarding.de.yaml). A new
// language is a new set of files. So is a variant of a language, tagged
// with a private-use subtag, such as Einfache Sprache (de-x-einfach): it
// may leave texts out, and a text it lacks is looked up in its language
// (de), then in the default.
type Catalog struct {
	bundle *i18n.Bundle
	// base is the main bundle's default, the language every text exists
	// in; def is what a person is addressed in when nothing else is
	// known: base, or a variant of it.
	base, def language.Tag
	langs     []string
	matcher   language.Matcher
	tags      []language.Tag
	ids       map[string][]string
	// variants holds a bundle of its own per variant: go-i18n's matcher
	// takes de-x-einfach for de, so within one bundle the variant's
	// texts would never be found.
	variants map[string]*i18n.Bundle
	// localizers holds one Localizer per language and Hints: a
	// Localizer is immutable apart from its cache, so all updates share
	// it.
	localizers sync.Map
	// hinters are the platforms' descriptions, by Platform.
	hinters sync.Map
}

// LoadCatalog reads every *.yaml file in dir of fsys. def is the default
// language; it must have files, or, when def is a variant, its language
// must.
func LoadCatalog(fsys fs.FS, dir, def string) (*Catalog, error) {
	defTag, err := language.Parse(def)
	if err != nil {
		return nil, fmt.Errorf("default language %q: %w", def, err)
	}
	baseTag := defTag
	if isVariant(defTag) {
		baseTag = baseOf(defTag)
	}
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list catalogs: %w", err)
	}
	c := &Catalog{bundle: newBundle(baseTag), base: baseTag, def: defTag, ids: map[string][]string{},
		variants: map[string]*i18n.Bundle{}}
	var found []language.Tag
	for _, f := range files {
		b := c.bundle
		if t, err := language.Parse(tagOf(f)); err == nil && isVariant(t) {
			if c.variants[t.String()] == nil {
				c.variants[t.String()] = newBundle(t)
			}
			b = c.variants[t.String()]
		}
		mf, err := b.LoadMessageFileFS(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", f, err)
		}
		if !slices.Contains(found, mf.Tag) {
			found = append(found, mf.Tag)
		}
		for _, m := range mf.Messages {
			c.ids[mf.Tag.String()] = append(c.ids[mf.Tag.String()], m.ID)
		}
	}
	if !slices.Contains(found, baseTag) || !slices.Contains(found, defTag) {
		return nil, errors.New("no catalog for the default language " + def)
	}
	c.tags = order(found, defTag)
	for _, t := range c.tags {
		c.langs = append(c.langs, t.String())
	}
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
}

func newBundle(t language.Tag) *i18n.Bundle {
	b := i18n.NewBundle(t)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	return b
}

// tagOf returns the language of a catalog file named NAME.LANG.yaml.
func tagOf(file string) string {
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	return name[strings.LastIndex(name, ".")+1:]
}

// isVariant reports whether t is a variant of its language marked by a
// private-use subtag ("de-x-einfach").
func isVariant(t language.Tag) bool {
	_, ok := t.Extension('x')
	return ok
}

// baseOf is the language a variant belongs to: de for de-x-einfach.
func baseOf(t language.Tag) language.Tag {
	b, _ := t.Base()
	return language.Make(b.String())
}

// order puts def first, then every language followed by its variants, in
// the order the files were found: Deutsch, Einfache Sprache, English.
func order(found []language.Tag, def language.Tag) []language.Tag {
	out := []language.Tag{def}
	add := func(t language.Tag) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if isVariant(def) {
		add(baseOf(def))
	}
	for _, t := range found {
		if isVariant(t) && baseOf(t) == baseOf(def) {
			add(t)
		}
	}
	for _, t := range found {
		if isVariant(t) {
			continue
		}
		add(t)
		for _, v := range found {
			if isVariant(v) && baseOf(v) == t {
				add(v)
			}
		}
	}
	for _, t := range found {
		add(t) // variants of languages without files of their own
	}
	return out
}

// Languages lists the catalog's languages, the default first.
func (c *Catalog) Languages() []string { return c.langs }

// Match returns the supported language closest to a platform's hint, or
// the default. Where the default is a variant, a hint of its language
// means the variant: a community that speaks Einfache Sprache by default
// does so to everyone whose phone is set to German.
func (c *Catalog) Match(hint string) string {
	if hint == "" {
		return c.def.String()
	}
	t, err := language.Parse(hint)
	if err != nil {
		return c.def.String()
	}
	if isVariant(t) && slices.Contains(c.langs, t.String()) {
		return t.String()
	}
	_, i, conf := c.matcher.Match(t)
	if conf < language.High {
		return c.def.String()
	}
	m := c.tags[i]
	if isVariant(m) {
		m = baseOf(m) // a platform's hint never asks for a variant
	}
	if isVariant(c.def) && m == baseOf(c.def) {
		return c.def.String()
	}
	return m.String()
}

// Localizer returns the lookup for one language, naming commands with a
// slash (SlashCommands). For a text to a chat, use For.
func (c *Catalog) Localizer(lang string) *Localizer {
	return c.localizer(lang, SlashCommands)
}

// Describe tells the catalog how platform p takes commands and buttons;
// adapters implement Hinter, and whoever connects them describes them.
func (c *Catalog) Describe(p Platform, h Hinter) { c.hinters.Store(p, h) }

// Hints is how a chat on platform p takes commands and buttons
// (SlashCommands for a platform nobody described).
func (c *Catalog) Hints(p Platform, private bool) Hints {
	if h, ok := c.hinters.Load(p); ok {
		return h.(Hinter).Hints(private)
	}
	return SlashCommands
}

// For returns the lookup for one language, with the texts naming commands
// and buttons as a chat on platform p (private: one-to-one) takes them.
func (c *Catalog) For(lang string, p Platform, private bool) *Localizer {
	return c.localizer(lang, c.Hints(p, private))
}

func (c *Catalog) localizer(lang string, h Hints) *Localizer {
	key := localizerKey{lang, h}
	if l, ok := c.localizers.Load(key); ok {
		return l.(*Localizer)
	}
	l := &Localizer{Lang: lang, Hints: h}
	if b := c.variants[lang]; b != nil {
		l.l = i18n.NewLocalizer(b, lang)
		base := c.base.String()
		if t, err := language.Parse(lang); err == nil && slices.Contains(c.langs, baseOf(t).String()) {
			base = baseOf(t).String()
		}
		l.fallback = c.localizer(base, h)
	} else {
		l.l = i18n.NewLocalizer(c.bundle, lang, c.base.String())
	}
	stored, _ := c.localizers.LoadOrStore(key, l)
	return stored.(*Localizer)
}

type localizerKey struct {
	lang  string
	hints Hints
}

// IDs lists the ids of the texts a language has, for tests that read
// every text.
func (c *Catalog) IDs(lang string) []string { return slices.Clone(c.ids[lang]) }

// Gaps lists, for tests, where the languages differ: a text of the
// default language another language lacks (its readers would get the
// default's words), and a text another language has that the default
// does not (a typo, or a text no longer used). A variant may lack texts
// (see Lacks), but has none its language has not.
func (c *Catalog) Gaps() []string {
	base := c.base.String()
	var gaps []string
	for _, lang := range c.langs {
		if lang == base {
			continue
		}
		orig := base
		if t := language.Make(lang); isVariant(t) {
			if slices.Contains(c.langs, baseOf(t).String()) {
				orig = baseOf(t).String()
			}
		} else {
			for _, id := range c.ids[base] {
				if !slices.Contains(c.ids[lang], id) {
					gaps = append(gaps, fmt.Sprintf("%s: text %q missing", lang, id))
				}
			}
		}
		for _, id := range c.ids[lang] {
			if !slices.Contains(c.ids[orig], id) {
				gaps = append(gaps, fmt.Sprintf("%s: text %q has no %s original", lang, id, orig))
			}
		}
	}
	sort.Strings(gaps)
	return gaps
}

// Lacks lists the texts a variant leaves to its language, sorted: its
// readers get those in the language's words.
func (c *Catalog) Lacks(variant string) []string {
	t, err := language.Parse(variant)
	if err != nil || !isVariant(t) {
		return nil
	}
	var lacks []string
	for _, id := range c.ids[baseOf(t).String()] {
		if !slices.Contains(c.ids[variant], id) {
			lacks = append(lacks, id)
		}
	}
	sort.Strings(lacks)
	return lacks
}

// Localizer looks texts up in one language. It is safe for concurrent use.
type Localizer struct {
	Lang string
	// Hints are how the reader's platform takes commands and buttons.
	Hints Hints
	l     *i18n.Localizer
	// fallback, for a variant, looks up the texts it lacks.
	fallback *Localizer
	// plain caches the parsed texts without parameters, the most common
	// kind (prompts), and labels the strings without parameters (button
	// labels): they never change.
	plain, labels sync.Map
}

// T returns the formatted text of message id. Params come as name, value
// pairs; string values are user text and can never turn into markup.
func (l *Localizer) T(id string, params ...any) Text {
	if len(params) == 0 {
		if t, ok := l.plain.Load(id); ok {
			return Text{Blocks: slices.Clone(t.(Text).Blocks)}
		}
		t := ParseMarkup(l.lookup(id, true, nil))
		l.plain.Store(id, t)
		return Text{Blocks: slices.Clone(t.Blocks)}
	}
	return ParseMarkup(l.lookup(id, true, params))
}

// S returns the plain string of message id, for button labels.
func (l *Localizer) S(id string, params ...any) string {
	if len(params) > 0 {
		return l.lookup(id, false, params)
	}
	if s, ok := l.labels.Load(id); ok {
		return s.(string)
	}
	s := l.lookup(id, false, nil)
	l.labels.Store(id, s)
	return s
}

func (l *Localizer) lookup(id string, escape bool, params []any) string {
	return l.localize(id, escape, params, l, nil)
}

// Check renders message id as T does and returns, besides the text, what
// went wrong on the way, which T passes over so that the bot still says
// something: a text the language lacks, a plural form its count needs but
// the text lacks (go-i18n then takes "other"), a counted phrase
// ({{.Plural}}) that is missing, lacks a form or got no count. For tests.
func (l *Localizer) Check(id string, params ...any) (Text, error) {
	var errs []error
	s := l.localize(id, true, params, l, &errs)
	return ParseMarkup(s), errors.Join(errs...)
}

// localize renders message id for reader, who is l or, when l is the
// language a variant falls back to, the variant's reader: a counted
// phrase in the text is looked up in the reader's words first. errs, if
// not nil, collects what went wrong.
func (l *Localizer) localize(id string, escape bool, params []any, reader *Localizer, errs *[]error) string {
	data := make(textData, len(params)/2+1)
	data[contextKey] = textContext{Hints: l.Hints, escape: escape, reader: reader, errs: errs}
	var count any
	for i := 0; i+1 < len(params); i += 2 {
		name, _ := params[i].(string)
		v := params[i+1]
		if s, ok := v.(string); ok && escape {
			v = Escape(s)
		}
		if name == "Count" {
			count = v
		}
		data[name] = v
	}
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if notFound := (*i18n.MessageNotFoundErr)(nil); errors.As(err, &notFound) && s == "" && l.fallback != nil {
		return l.fallback.localize(id, escape, params, reader, errs)
	}
	if err != nil && errs != nil {
		*errs = append(*errs, fmt.Errorf("%s (%s): %w", id, l.Lang, err))
	}
	if err != nil && s == "" {
		// A missing text must not silence the bot; tests make sure every
		// id exists in every language.
		return strings.ReplaceAll(id, "_", " ")
	}
	return s
}

// textData is what a catalog text's template sees: its parameters by
// name, and the methods below, which name commands and buttons as the
// reader's platform takes them.
type textData map[string]any

// contextKey holds the textContext in a textData; no parameter has this
// name.
const contextKey = "\x00context"

// textContext is where a text is rendered: for whom, how the reader's
// platform takes commands, and whether values are escaped as markup.
type textContext struct {
	Hints
	escape bool
	// reader looks up the counted phrases, in the reader's words.
	reader *Localizer
	// errs, when set, collects what went wrong (Localizer.Check).
	errs *[]error
}

// Cmd is {{.Cmd "meinung"}}: the command as the reader types it. A bare
// word is set in bold, so that it reads as a command inside a sentence.
func (d textData) Cmd(name string) string {
	h, _ := d[contextKey].(textContext)
	s := h.Cmd(name)
	switch {
	case !h.escape:
		return s
	case h.Command == "":
		return "**" + Escape(s) + "**"
	}
	return Escape(s)
}

// Numbered is {{if .Numbered}}: whether typing a button's number presses
// it where the text is read.
func (d textData) Numbered() bool {
	h, _ := d[contextKey].(textContext)
	return h.Numbered
}

// Phone is {{if .Phone}}: whether the handle others could be shown is the
// reader's phone number.
func (d textData) Phone() bool {
	h, _ := d[contextKey].(textContext)
	return h.PhoneNumbers
}

// Plural is {{.Plural "n_opinions" .Opinions}}: a count with its noun,
// in the plural form the reader's language gives the number, from the
// counted phrase id ("1 Meinung", "2 Meinungen"). The phrase is a catalog
// text with plural forms (one:, other: …) whose {{.Count}} is the number;
// a variant that lacks it takes its language's. A sentence with several
// counts names each through Plural; a text with one count may instead
// have plural forms of its own, with the count as Count.
func (d textData) Plural(id string, n any) string {
	c, _ := d[contextKey].(textContext)
	if c.reader == nil {
		return fmt.Sprint(n)
	}
	if n == nil && c.errs != nil {
		*c.errs = append(*c.errs, fmt.Errorf("counted phrase %s (%s): no count", id, c.reader.Lang))
	}
	return c.reader.localize(id, c.escape, []any{"Count", n}, c.reader, c.errs)
}
