package whatsapp

import (
	"strings"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/bot"
)

// Meta's limits on what a message may hold, in characters.
const (
	MaxText        = 4096 // a text message's body
	MaxBody        = 1024 // an interactive message's body, a caption
	MaxButtons     = 3    // reply buttons of one message
	MaxButtonTitle = 20   // a reply button's title, a list's button
	MaxRows        = 10   // rows of one list message
	MaxRowTitle    = 24
	MaxRowDesc     = 72
	MaxReplyID     = 256 // a reply button's id
	MaxRowID       = 200 // a list row's id
)

// Markup renders the formatting model in WhatsApp's markup: *bold*,
// _italic_. WhatsApp has no escape character, so every marker character
// in the text (* _ ~ `) becomes a look-alike that never formats: user text
// can never become markup.
type Markup struct{}

var escaper = strings.NewReplacer("*", "∗", "_", "ˍ", "~", "∼", "`", "ˋ")

// Escape replaces WhatsApp's marker characters by look-alikes.
func (Markup) Escape(s string) string { return escaper.Replace(s) }

// Span wraps escaped text in its style's markers. Markers must touch the
// text, so surrounding spaces stay outside them.
func (Markup) Span(style bot.Style, escaped, url string) string {
	switch style {
	case bot.Bold:
		return wrap(escaped, "*")
	case bot.Italic:
		return wrap(escaped, "_")
	case bot.Link:
		if url == "" || url == escaped {
			return escaped
		}
		return escaped + " (" + url + ")"
	}
	return escaped
}

// wrap puts marker around s, each line on its own, as WhatsApp formats
// within a line only.
func wrap(s, marker string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		core := strings.TrimSpace(l)
		if core == "" {
			continue
		}
		lead := l[:strings.Index(l, core)]
		trail := l[len(lead)+len(core):]
		lines[i] = lead + marker + core + marker + trail
	}
	return strings.Join(lines, "\n")
}

// Item prefixes a bullet.
func (Markup) Item(s string) string { return "• " + s }

var _ bot.Renderer = Markup{}

// length is what Meta counts: characters.
func length(s string) int { return utf8.RuneCountInString(s) }

// pack renders t into texts of at most limit characters: whole
// paragraphs where they fit, an over-long one cut at line breaks, else
// spaces, else anywhere.
func pack(t bot.Text, limit int) []string {
	var out []string
	cur := ""
	for i, b := range t.Blocks {
		r := bot.Text{Blocks: []bot.Block{b}}.Render(Markup{})
		sep := "\n\n"
		if i > 0 && b.Item && t.Blocks[i-1].Item {
			sep = "\n"
		}
		switch {
		case cur == "":
		case length(cur)+length(sep)+length(r) <= limit:
			cur += sep + r
			continue
		default:
			out = append(out, cur)
		}
		cs := chunks(r, limit)
		out = append(out, cs[:len(cs)-1]...)
		cur = cs[len(cs)-1]
	}
	if strings.TrimSpace(cur) != "" {
		out = append(out, cur)
	}
	return out
}

// chunks cuts s into texts of at most limit characters.
func chunks(s string, limit int) []string {
	var out []string
	for length(s) > limit {
		head, tail := cut(s, limit)
		out = append(out, head)
		s = tail
	}
	return append(out, s)
}

// cut splits s so that head has at most limit characters: after its last
// line break, else its last space, else exactly at limit.
func cut(s string, limit int) (head, tail string) {
	end, n := 0, 0
	for i, r := range s {
		if n == limit {
			end = i
			break
		}
		n++
		end = i + utf8.RuneLen(r)
	}
	if i := strings.LastIndex(s[:end], "\n"); i > 0 {
		return s[:i], s[i+1:]
	}
	if i := strings.LastIndex(s[:end], " "); i > 0 {
		return s[:i], s[i+1:]
	}
	return s[:end], s[end:]
}

// shorten cuts s to at most n characters, ending in "…" when cut, at a
// word where one ends late enough.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if length(s) <= n {
		return s
	}
	runes := []rune(s)
	head := string(runes[:n-1])
	if i := strings.LastIndex(head, " "); i >= len(head)/2 {
		head = head[:i]
	}
	return strings.TrimRight(head, " ,.;:-") + "…"
}
