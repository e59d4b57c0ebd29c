package bot

import "strings"

// Style is how a span of text is shown.
type Style uint8

// The styles of the formatting model. Adapters map them to their platform.
const (
	Plain Style = iota
	Bold
	Italic
	Link
)

// Span is a run of text in one style. URL is set for links.
type Span struct {
	Text  string
	Style Style
	URL   string
}

// Block is a paragraph or, when Item is set, one entry of a bulleted list.
// A span's text may contain "\n" for a line break inside the block.
type Block struct {
	Item  bool
	Spans []Span
}

// Text is formatted message text: the small model every adapter renders.
type Text struct {
	Blocks []Block
}

// Plain returns the text without formatting, list items marked with "• ".
func (t Text) Plain() string {
	return t.Render(PlainRenderer{})
}

// IsZero reports whether the text has no visible content.
func (t Text) IsZero() bool {
	for _, b := range t.Blocks {
		for _, s := range b.Spans {
			if s.Text != "" {
				return false
			}
		}
	}
	return true
}

// Append returns t followed by the blocks of u.
func (t Text) Append(u Text) Text {
	blocks := make([]Block, 0, len(t.Blocks)+len(u.Blocks))
	blocks = append(blocks, t.Blocks...)
	blocks = append(blocks, u.Blocks...)
	return Text{Blocks: blocks}
}

// Renderer turns the formatting model into a platform's markup. Escape is
// applied to every piece of text, so user text can never become markup.
type Renderer interface {
	Escape(s string) string
	Span(style Style, escaped, url string) string
	Item(rendered string) string
}

// Render writes t with r: blocks separated by a blank line, consecutive list
// items by a single line break.
func (t Text) Render(r Renderer) string {
	var sb strings.Builder
	for i, b := range t.Blocks {
		if i > 0 {
			if b.Item && t.Blocks[i-1].Item {
				sb.WriteString("\n")
			} else {
				sb.WriteString("\n\n")
			}
		}
		var line strings.Builder
		for _, s := range b.Spans {
			line.WriteString(r.Span(s.Style, r.Escape(s.Text), s.URL))
		}
		if b.Item {
			sb.WriteString(r.Item(line.String()))
		} else {
			sb.WriteString(line.String())
		}
	}
	return sb.String()
}

// Split returns one Text per block of t, for adapters that split long
// messages at paragraph boundaries.
func (t Text) Split() []Text {
	out := make([]Text, len(t.Blocks))
	for i, b := range t.Blocks {
		out[i] = Text{Blocks: []Block{b}}
	}
	return out
}

// PlainRenderer renders without markup, for terminals and previews.
type PlainRenderer struct{}

// Escape returns s unchanged: plain text has nothing to escape.
func (PlainRenderer) Escape(s string) string { return s }

// Span shows a link as "label (url)" unless the label is the url.
func (PlainRenderer) Span(style Style, s, url string) string {
	if style == Link && url != "" && url != s {
		return s + " (" + url + ")"
	}
	return s
}

// Item prefixes a bullet.
func (PlainRenderer) Item(s string) string { return "• " + s }
