package telegram

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/bot"
)

// HTML renders the formatting model in Telegram's HTML parse mode. Every
// piece of text is escaped, so user text can never become markup.
type HTML struct{}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// Escape escapes the characters HTML parse mode reads as markup.
func (HTML) Escape(s string) string { return htmlEscaper.Replace(s) }

// Span wraps escaped text in its style's tag.
func (h HTML) Span(style bot.Style, escaped, url string) string {
	switch style {
	case bot.Bold:
		return "<b>" + escaped + "</b>"
	case bot.Italic:
		return "<i>" + escaped + "</i>"
	case bot.Link:
		if url == "" {
			return escaped
		}
		return `<a href="` + h.Escape(url) + `">` + escaped + "</a>"
	}
	return escaped
}

// Item prefixes a bullet.
func (HTML) Item(s string) string { return "• " + s }

// visible renders what a Telegram user sees of an HTML text: the text
// without tags, links as their label. Its length is what Telegram limits.
type visible struct{}

func (visible) Escape(s string) string               { return s }
func (visible) Span(_ bot.Style, s, _ string) string { return s }
func (visible) Item(s string) string                 { return "• " + s }

// textLen is the length Telegram counts, in UTF-16 code units.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func visibleLen(t bot.Text) int { return textLen(t.Render(visible{})) }

func blockLen(b bot.Block) int { return visibleLen(bot.Text{Blocks: []bot.Block{b}}) }

// separatorLen is what Text.Render puts between two blocks.
func separatorLen(prev, next bot.Block) int {
	if prev.Item && next.Item {
		return 1
	}
	return 2
}

var _ bot.Renderer = HTML{}

// MaxText is how long a Telegram message may be, in UTF-16 code units as
// the user sees it (Telegram counts characters; UTF-16 units are never
// fewer).
const MaxText = 4096

// pack splits t into texts of at most limit visible characters: whole
// paragraphs where they fit, an over-long paragraph at line breaks, else
// at spaces, else anywhere.
func pack(t bot.Text, limit int) []bot.Text {
	if visibleLen(t) <= limit {
		return []bot.Text{t}
	}
	var out []bot.Text
	var cur []bot.Block
	n := 0
	for _, whole := range t.Blocks {
		for _, b := range splitBlock(whole, limit) {
			l := blockLen(b)
			if len(cur) > 0 && n+separatorLen(cur[len(cur)-1], b)+l > limit {
				out = append(out, bot.Text{Blocks: cur})
				cur, n = nil, 0
			}
			if len(cur) > 0 {
				n += separatorLen(cur[len(cur)-1], b)
			}
			cur = append(cur, b)
			n += l
		}
	}
	if len(cur) > 0 {
		out = append(out, bot.Text{Blocks: cur})
	}
	return out
}

// splitBlock cuts a block longer than limit into blocks that fit. Styles
// are kept; a link cut in two becomes two links.
func splitBlock(b bot.Block, limit int) []bot.Block {
	if blockLen(b) <= limit {
		return []bot.Block{b}
	}
	var out []bot.Block
	cur := bot.Block{Item: b.Item}
	n := 0
	if b.Item {
		n = 2 // the bullet
	}
	flush := func() {
		out = append(out, cur)
		cur, n = bot.Block{}, 0
	}
	for _, s := range b.Spans {
		text := s.Text
		for text != "" {
			room := limit - n
			if l := textLen(text); l <= room {
				cur.Spans = append(cur.Spans, bot.Span{Text: text, Style: s.Style, URL: s.URL})
				n += l
				break
			}
			head, tail := cut(text, room, len(cur.Spans) == 0)
			if head != "" {
				cur.Spans = append(cur.Spans, bot.Span{Text: head, Style: s.Style, URL: s.URL})
			}
			flush()
			text = tail
		}
	}
	if len(cur.Spans) > 0 {
		out = append(out, cur)
	}
	return out
}

// cut splits s so that head has at most room UTF-16 units: after its last
// line break, else its last space, else (when force, as nothing else is
// in the block) exactly at room. The separator is dropped.
func cut(s string, room int, force bool) (head, tail string) {
	lastNL, lastSp, hard := -1, -1, 0
	n := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if n+w > room {
			break
		}
		n += w
		switch r {
		case '\n':
			lastNL = i
		case ' ':
			lastSp = i
		}
		hard = i + len(string(r))
	}
	switch {
	case lastNL > 0:
		return s[:lastNL], s[lastNL+1:]
	case lastSp > 0:
		return s[:lastSp], s[lastSp+1:]
	case force || hard == len(s):
		if hard == 0 { // room for nothing: take one character anyway
			_, hard = utf8.DecodeRuneInString(s)
		}
		return s[:hard], s[hard:]
	}
	return "", s // start a new block and try again there
}
