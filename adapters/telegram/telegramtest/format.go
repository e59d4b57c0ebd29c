package telegramtest

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Parse modes Telegram accepts.
const (
	ModeHTML       = "HTML"
	ModeMarkdownV2 = "MarkdownV2"
	ModeMarkdown   = "Markdown"
)

// Entity is a MessageEntity as Telegram returns it: offsets and lengths are
// in UTF-16 code units of the plain text.
type Entity struct {
	Type          string `json:"type"`
	Offset        int    `json:"offset"`
	Length        int    `json:"length"`
	URL           string `json:"url,omitempty"`
	Language      string `json:"language,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
	UnixTime      int64  `json:"unix_time,omitempty"`
}

// formatted is a text after entity parsing: what the user sees, and where
// the formatting applies.
type formatted struct {
	Plain    string
	Entities []Entity
}

// parseFormatted parses text in the given parse mode ("" for none), as
// Telegram does before checking the length limits.
func parseFormatted(text, mode string) (formatted, error) {
	var (
		f   formatted
		err error
	)
	switch mode {
	case "":
		return formatted{Plain: text}, nil
	case ModeHTML:
		f, err = parseHTML(text)
	case ModeMarkdownV2:
		f, err = parseMarkdownV2(text)
	case ModeMarkdown:
		f, err = parseMarkdown(text)
	default:
		return formatted{}, fmt.Errorf("unsupported parse_mode %q", mode)
	}
	if err != nil {
		return formatted{}, fmt.Errorf("can't parse entities: %w", err)
	}
	return f, nil
}

// textBuilder accumulates plain text and entities, tracking the UTF-16
// length that entity offsets are measured in.
type textBuilder struct {
	buf      []byte
	u16      int
	entities []Entity
}

func (b *textBuilder) writeRune(r rune) {
	b.buf = utf8.AppendRune(b.buf, r)
	if utf16.IsSurrogate(r) || r > 0xFFFF {
		b.u16 += 2
	} else {
		b.u16++
	}
}

func (b *textBuilder) writeString(s string) {
	for _, r := range s {
		b.writeRune(r)
	}
}

// add records an entity that started at UTF-16 offset start and ends here;
// Telegram drops empty entities.
func (b *textBuilder) add(e Entity, start int) {
	e.Offset, e.Length = start, b.u16-start
	if e.Length > 0 && e.Type != "" {
		b.entities = append(b.entities, e)
	}
}

func (b *textBuilder) result() formatted {
	return formatted{Plain: string(b.buf), Entities: b.entities}
}
