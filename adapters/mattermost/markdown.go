package mattermost

import (
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// Markdown renders the core's formatting model as Mattermost Markdown. Its
// Escape makes user text literal: Markdown specials get a backslash, and an
// "@" cannot start a mention (@channel would alert everyone).
type Markdown struct{}

var _ bot.Renderer = Markdown{}

// Escape makes s literal text. Characters that only matter at the start of
// a line (lists, headings, quotes) are escaped there; s is treated as
// starting a line, which at worst escapes a harmless character.
func (Markdown) Escape(s string) string {
	var sb strings.Builder
	lineStart := true
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case strings.ContainsRune("\\`*_~[]|", r):
			sb.WriteByte('\\')
		case lineStart && strings.ContainsRune("-+=#>", r):
			sb.WriteByte('\\')
		case r == '@':
			// A zero-width joiner keeps the text as it reads but stops
			// Mattermost from seeing a mention.
			sb.WriteString("@\u2060")
			lineStart = false
			continue
		case (r == '.' || r == ')') && i > 0 && isDigit(rs[i-1]) && digitsFromLineStart(rs[:i]):
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
		if r == '\n' {
			lineStart = true
		} else if r != ' ' && r != '\t' {
			lineStart = false
		}
	}
	return sb.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitsFromLineStart reports whether rs ends in a run of digits that
// starts a line: "12" in "12. Mai" would become an ordered list.
func digitsFromLineStart(rs []rune) bool {
	i := len(rs)
	for i > 0 && isDigit(rs[i-1]) {
		i--
	}
	for i > 0 && (rs[i-1] == ' ' || rs[i-1] == '\t') {
		i--
	}
	return i == 0 || rs[i-1] == '\n'
}

// Span marks an escaped run up. Emphasis markers go around the text
// without its outer spaces, which Markdown would not accept inside them.
func (Markdown) Span(style bot.Style, escaped, url string) string {
	switch style {
	case bot.Bold, bot.Italic:
		mark := "**"
		if style == bot.Italic {
			mark = "_"
		}
		core := strings.TrimSpace(escaped)
		if core == "" {
			return escaped
		}
		lead := escaped[:strings.Index(escaped, core)]
		trail := escaped[len(lead)+len(core):]
		return lead + mark + core + mark + trail
	case bot.Link:
		if url == "" {
			return escaped
		}
		return "[" + escaped + "](" + linkTarget(url) + ")"
	}
	return escaped
}

// linkTarget keeps a URL from ending the link early.
func linkTarget(url string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(url)
}

// Item marks a list entry.
func (Markdown) Item(rendered string) string { return "- " + rendered }
