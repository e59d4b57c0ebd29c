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
// Files are named NAME.LANG.yaml (for example onboarding.de.yaml); a new
// language or variant such as Einfache Sprache (de-x-ls) is a new set of
// files, and a text missing in it falls back to the default language.
type Catalog struct {
	bundle  *i18n.Bundle
	def     language.Tag
	langs   []string
	matcher language.Matcher
	tags    []language.Tag
	ids     map[string][]string
	// localizers holds one Localizer per language and Hints: a
	// Localizer is immutable apart from its cache, so all updates share
	// it.
	localizers sync.Map
	// hinters are the platforms' descriptions, by Platform.
	hinters sync.Map
}

// LoadCatalog reads every *.yaml file in dir of fsys. def is the default
// language; it must have files.
func LoadCatalog(fsys fs.FS, dir, def string) (*Catalog, error) {
	defTag, err := language.Parse(def)
	if err != nil {
		return nil, fmt.Errorf("default language %q: %w", def, err)
	}
	b := i18n.NewBundle(defTag)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list catalogs: %w", err)
	}
	ids := map[string][]string{}
	for _, f := range files {
		mf, err := b.LoadMessageFileFS(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", f, err)
		}
		for _, m := range mf.Messages {
			ids[mf.Tag.String()] = append(ids[mf.Tag.String()], m.ID)
		}
	}
	c := &Catalog{bundle: b, def: defTag, ids: ids}
	c.tags = append([]language.Tag{defTag}, withoutTag(b.LanguageTags(), defTag)...)
	for _, t := range c.tags {
		c.langs = append(c.langs, t.String())
	}
	if len(files) == 0 || !hasTag(b.LanguageTags(), defTag) {
		return nil, errors.New("no catalog for the default language " + def)
	}
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
}

// Languages lists the catalog's languages, the default first.
func (c *Catalog) Languages() []string { return c.langs }

// Match returns the supported language closest to a platform's hint, or
// the default.
func (c *Catalog) Match(hint string) string {
	if hint == "" {
		return c.def.String()
	}
	t, err := language.Parse(hint)
	if err != nil {
		return c.def.String()
	}
	_, i, conf := c.matcher.Match(t)
	if conf < language.High {
		return c.def.String()
	}
	return c.tags[i].String()
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
	l, _ := c.localizers.LoadOrStore(key, &Localizer{Lang: lang, Hints: h, l: i18n.NewLocalizer(c.bundle, lang, c.def.String())})
	return l.(*Localizer)
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
// does not (a typo, or a text no longer used).
func (c *Catalog) Gaps() []string {
	def := c.def.String()
	var gaps []string
	for _, lang := range c.langs[1:] {
		for _, id := range c.ids[def] {
			if !slices.Contains(c.ids[lang], id) {
				gaps = append(gaps, fmt.Sprintf("%s: text %q missing", lang, id))
			}
		}
		for _, id := range c.ids[lang] {
			if !slices.Contains(c.ids[def], id) {
				gaps = append(gaps, fmt.Sprintf("%s: text %q has no %s original", lang, id, def))
			}
		}
	}
	sort.Strings(gaps)
	return gaps
}

// Localizer looks texts up in one language. It is safe for concurrent use.
type Localizer struct {
	Lang string
	// Hints are how the reader's platform takes commands and buttons.
	Hints Hints
	l     *i18n.Localizer
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
	data := make(textData, len(params)/2+1)
	data[hintsKey] = textHints{l.Hints, escape}
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
	if err != nil && s == "" {
		// A missing text must not silence the bot; tests make sure every
		// id exists in every language.
		return strings.ReplaceAll(id, "_", " ")
	}
	return s
}

func withoutTag(tags []language.Tag, t language.Tag) []language.Tag {
	var out []language.Tag
	for _, x := range tags {
		if x != t {
			out = append(out, x)
		}
	}
	return out
}

func hasTag(tags []language.Tag, t language.Tag) bool {
	for _, x := range tags {
		if x == t {
			return true
		}
	}
	return false
}

// textData is what a catalog text's template sees: its parameters by
// name, and the methods below, which name commands and buttons as the
// reader's platform takes them.
type textData map[string]any

// hintsKey holds the reader's textHints in a textData; no parameter has
// this name.
const hintsKey = "\x00hints"

type textHints struct {
	Hints
	escape bool
}

// Cmd is {{.Cmd "meinung"}}: the command as the reader types it. A bare
// word is set in bold, so that it reads as a command inside a sentence.
func (d textData) Cmd(name string) string {
	h, _ := d[hintsKey].(textHints)
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
	h, _ := d[hintsKey].(textHints)
	return h.Numbered
}
