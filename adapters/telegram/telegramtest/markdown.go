package telegramtest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// markdownV2Reserved are the characters MarkdownV2 requires to be escaped
// with a preceding backslash outside of markup.
const markdownV2Reserved = "_*[]()~`>#+-=|{}.!"

// markdownV2Names are the entity names Telegram uses in its errors.
var markdownV2Names = map[string]string{
	"bold": "Bold", "italic": "Italic", "underline": "Underline",
	"strikethrough": "Strikethrough", "spoiler": "Spoiler",
	"text_link": "TextUrl", "custom_emoji": "CustomEmoji",
}

type openMark struct {
	entity Entity
	start  int // UTF-16 offset in the plain text
	at     int // byte offset in the source, for errors
}

// parseMarkdownV2 parses Telegram's MarkdownV2 parse mode.
func parseMarkdownV2(s string) (formatted, error) {
	var (
		b     textBuilder
		stack []openMark
	)
	top := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1].entity.Type
	}
	// toggle closes the entity if it is innermost, or opens it.
	toggle := func(typ string, at int) error {
		if top() == typ {
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b.add(m.entity, m.start)
			return nil
		}
		for _, m := range stack {
			if m.entity.Type == typ {
				return fmt.Errorf("can't find end of %s entity at byte offset %d", markdownV2Names[typ], m.at)
			}
		}
		stack = append(stack, openMark{entity: Entity{Type: typ}, start: b.u16, at: at})
		return nil
	}
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		atLineStart := lineStart
		lineStart = c == '\n'
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] >= 1 && s[i+1] <= 126:
			b.writeRune(rune(s[i+1]))
			i += 2
			continue
		case c == '*' && atLineStart && strings.HasPrefix(s[i:], "**>"):
			i += 3 // expandable block quotation
			continue
		case c == '>' && atLineStart:
			i++ // block quotation
			continue
		case c == '|' && strings.HasPrefix(s[i:], "||"):
			if err := toggle("spoiler", i); err != nil {
				return formatted{}, err
			}
			i += 2
			continue
		case c == '*':
			if err := toggle("bold", i); err != nil {
				return formatted{}, err
			}
		case c == '_':
			typ, n := "italic", 1
			if top() != "italic" && strings.HasPrefix(s[i:], "__") {
				typ, n = "underline", 2
			}
			if err := toggle(typ, i); err != nil {
				return formatted{}, err
			}
			i += n
			continue
		case c == '~':
			if err := toggle("strikethrough", i); err != nil {
				return formatted{}, err
			}
		case c == '[' || c == '!' && strings.HasPrefix(s[i:], "!["):
			typ, n := "text_link", 1
			if c == '!' {
				typ, n = "custom_emoji", 2
			}
			stack = append(stack, openMark{entity: Entity{Type: typ}, start: b.u16, at: i})
			i += n
			continue
		case c == ']' && (top() == "text_link" || top() == "custom_emoji"):
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !strings.HasPrefix(s[i:], "](") {
				return formatted{}, fmt.Errorf("can't find end of %s entity at byte offset %d", markdownV2Names[m.entity.Type], m.at)
			}
			url, next, err := readMarkdownV2Until(s, i+2, ")")
			if err != nil {
				return formatted{}, fmt.Errorf("can't find end of a url at byte offset %d", i+1)
			}
			if m.entity.Type == "custom_emoji" {
				id, ok := strings.CutPrefix(url, "tg://emoji?id=")
				if !ok {
					return formatted{}, fmt.Errorf("custom emoji URL must have scheme tg://emoji?id= at byte offset %d", i+1)
				}
				m.entity.CustomEmojiID = id
			} else {
				m.entity.URL = url
			}
			b.add(m.entity, m.start)
			i = next
			continue
		case c == '`':
			if err := readMarkdownV2Code(s, &i, &b); err != nil {
				return formatted{}, err
			}
			continue
		case strings.IndexByte(markdownV2Reserved, c) >= 0:
			return formatted{}, fmt.Errorf("character '%c' is reserved and must be escaped with the preceding '\\'", c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b.writeRune(r)
			i += size
			continue
		}
		i++
	}
	if len(stack) > 0 {
		m := stack[len(stack)-1]
		return formatted{}, fmt.Errorf("can't find end of %s entity at byte offset %d", markdownV2Names[m.entity.Type], m.at)
	}
	return b.result(), nil
}

// readMarkdownV2Code reads `code` or ```pre``` starting at s[*i].
func readMarkdownV2Code(s string, i *int, b *textBuilder) error {
	at := *i
	delim, e := "`", Entity{Type: "code"}
	start := at + 1
	if strings.HasPrefix(s[at:], "```") {
		delim, e = "```", Entity{Type: "pre"}
		start = at + 3
		if nl := strings.IndexByte(s[start:], '\n'); nl >= 0 {
			if lang := s[start : start+nl]; !strings.ContainsAny(lang, " `\\") {
				e.Language, start = lang, start+nl+1
			}
		}
	}
	body, next, err := readMarkdownV2Until(s, start, delim)
	if err != nil {
		name := "Code"
		if e.Type == "pre" {
			name = "Pre"
		}
		return fmt.Errorf("can't find end of %s entity at byte offset %d", name, at)
	}
	begin := b.u16
	b.writeString(body)
	b.add(e, begin)
	*i = next
	return nil
}

// readMarkdownV2Until reads up to the unescaped delimiter, undoing
// backslash escapes; it returns the text and the offset past the delimiter.
func readMarkdownV2Until(s string, i int, delim string) (string, int, error) {
	var out strings.Builder
	for i < len(s) {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] >= 1 && s[i+1] <= 126 {
			out.WriteByte(s[i+1])
			i += 2
			continue
		}
		if strings.HasPrefix(s[i:], delim) {
			return out.String(), i + len(delim), nil
		}
		out.WriteByte(s[i])
		i++
	}
	return "", 0, fmt.Errorf("unterminated")
}

// parseMarkdown parses the legacy Markdown parse mode: *bold*, _italic_,
// `code`, ```pre``` and [text](url), not nested; '\' escapes a markup
// character outside of entities.
func parseMarkdown(s string) (formatted, error) {
	var b textBuilder
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte("_*`[", s[i+1]) >= 0 {
			b.writeRune(rune(s[i+1]))
			i += 2
			continue
		}
		var (
			delim string
			e     Entity
		)
		switch {
		case strings.HasPrefix(s[i:], "```"):
			delim, e = "```", Entity{Type: "pre"}
		case c == '`':
			delim, e = "`", Entity{Type: "code"}
		case c == '*':
			delim, e = "*", Entity{Type: "bold"}
		case c == '_':
			delim, e = "_", Entity{Type: "italic"}
		case c == '[':
			delim, e = "]", Entity{Type: "text_link"}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b.writeRune(r)
			i += size
			continue
		}
		start := i + len(delim)
		if delim == "]" {
			start = i + 1
		}
		end := strings.Index(s[start:], delim)
		if end < 0 {
			return formatted{}, fmt.Errorf("can't find end of the entity starting at byte offset %d", i)
		}
		body, next := s[start:start+end], start+end+len(delim)
		if e.Type == "text_link" {
			closing := strings.IndexByte(s[next:], ')')
			if !strings.HasPrefix(s[next:], "(") || closing < 0 {
				return formatted{}, fmt.Errorf("can't find end of the entity starting at byte offset %d", i)
			}
			e.URL = s[next+1 : next+closing]
			next += closing + 1
		}
		begin := b.u16
		b.writeString(body)
		b.add(e, begin)
		i = next
	}
	return b.result(), nil
}
