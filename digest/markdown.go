package digest

import (
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// Markdown renders the formatting model as CommonMark, for the command
// line and files.
type Markdown struct{}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`, ">", `\>`, "#", `\#`,
)

// Escape backslash-escapes Markdown's punctuation.
func (Markdown) Escape(s string) string { return mdEscaper.Replace(s) }

// Span wraps a styled run; line breaks inside a block become hard breaks.
func (Markdown) Span(style bot.Style, s, url string) string {
	s = strings.ReplaceAll(s, "\n", "  \n")
	switch style {
	case bot.Bold:
		return "**" + s + "**"
	case bot.Italic:
		return "_" + s + "_"
	case bot.Link:
		return "[" + s + "](" + url + ")"
	}
	return s
}

// Item makes a list item.
func (Markdown) Item(s string) string { return "- " + s }

// Markdown renders the digest as Markdown in l's language.
func (r *Report) Markdown(l *bot.Localizer) string {
	return r.Text(l).Render(Markdown{}) + "\n"
}

// Markdown renders the opinion map alone as the digest shows it, as
// Markdown in l's language.
func (m MapView) Markdown(l *bot.Localizer) string {
	w := &writer{l: l}
	w.opinionMap(m)
	if w.shownP {
		w.add("digest_footer")
	}
	return w.t.Render(Markdown{}) + "\n"
}
