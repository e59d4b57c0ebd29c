package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// htmlEntityTypes maps the tags Telegram's HTML parse mode supports to the
// entity each produces.
var htmlEntityTypes = map[string]string{
	"b": "bold", "strong": "bold",
	"i": "italic", "em": "italic",
	"u": "underline", "ins": "underline",
	"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"span": "spoiler", "tg-spoiler": "spoiler",
	"a":          "text_link",
	"code":       "code",
	"pre":        "pre",
	"blockquote": "blockquote",
	"tg-emoji":   "custom_emoji",
	"tg-time":    "date_time",
}

type openTag struct {
	name   string
	entity Entity
	start  int
}

// parseHTML parses Telegram's HTML parse mode: only the supported tags,
// properly nested and closed; '<', '>' and '&' only as markup or as the
// entities &lt; &gt; &amp; &quot; and numeric ones.
func parseHTML(s string) (formatted, error) {
	var (
		b     textBuilder
		stack []openTag
	)
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if strings.HasPrefix(s[i:], "</") {
				name, next, err := readEndTag(s, i)
				if err != nil {
					return formatted{}, err
				}
				if len(stack) == 0 {
					return formatted{}, fmt.Errorf("unexpected end tag \"</%s>\" at byte offset %d", name, i)
				}
				top := stack[len(stack)-1]
				if top.name != name {
					return formatted{}, fmt.Errorf("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top.name, name)
				}
				stack = stack[:len(stack)-1]
				b.add(top.entity, top.start)
				i = next
				continue
			}
			tag, next, err := readStartTag(s, i)
			if err != nil {
				return formatted{}, err
			}
			if tag.name == "code" && len(stack) > 0 && stack[len(stack)-1].name == "pre" {
				// <pre><code class="language-go"> is one pre entity with a language.
				if lang, ok := strings.CutPrefix(tag.attrs["class"], "language-"); ok {
					stack[len(stack)-1].entity.Language = lang
				}
				tag.entity.Type = ""
			}
			stack = append(stack, openTag{name: tag.name, entity: tag.entity, start: b.u16})
			i = next
		case '>':
			return formatted{}, fmt.Errorf("character '>' at byte offset %d must be escaped as \"&gt;\"", i)
		case '&':
			r, next, err := readHTMLEntity(s, i)
			if err != nil {
				return formatted{}, err
			}
			b.writeRune(r)
			i = next
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b.writeRune(r)
			i += size
		}
	}
	if len(stack) > 0 {
		return formatted{}, fmt.Errorf("can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	return b.result(), nil
}

type startTag struct {
	name   string
	attrs  map[string]string
	entity Entity
}

func isTagNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func readName(s string, i int) (string, int) {
	j := i
	for j < len(s) && isTagNameByte(s[j]) {
		j++
	}
	return strings.ToLower(s[i:j]), j
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

func readEndTag(s string, at int) (string, int, error) {
	name, i := readName(s, at+2)
	i = skipSpaces(s, i)
	if i >= len(s) || s[i] != '>' {
		return "", 0, fmt.Errorf("unclosed end tag at byte offset %d", at)
	}
	return name, i + 1, nil
}

func readStartTag(s string, at int) (startTag, int, error) {
	name, i := readName(s, at+1)
	typ, ok := htmlEntityTypes[name]
	if !ok {
		return startTag{}, 0, fmt.Errorf("unsupported start tag \"%s\" at byte offset %d", name, at)
	}
	tag := startTag{name: name, attrs: map[string]string{}}
	for {
		i = skipSpaces(s, i)
		if i >= len(s) {
			return startTag{}, 0, fmt.Errorf("unclosed start tag at byte offset %d", at)
		}
		if s[i] == '>' {
			i++
			break
		}
		attr, j := readName(s, i)
		if attr == "" {
			return startTag{}, 0, fmt.Errorf("unexpected character %q in start tag at byte offset %d", s[i], i)
		}
		i = skipSpaces(s, j)
		value := ""
		if i < len(s) && s[i] == '=' {
			var err error
			value, i, err = readAttrValue(s, skipSpaces(s, i+1), at)
			if err != nil {
				return startTag{}, 0, err
			}
		}
		tag.attrs[attr] = value
	}
	tag.entity = Entity{Type: typ}
	switch name {
	case "a":
		tag.entity.URL = tag.attrs["href"]
		if tag.entity.URL == "" {
			tag.entity.Type = "" // Telegram drops a link without a URL
		}
	case "span":
		if tag.attrs["class"] != "tg-spoiler" {
			return startTag{}, 0, fmt.Errorf("tag \"span\" must have class \"tg-spoiler\" at byte offset %d", at)
		}
	case "blockquote":
		if _, ok := tag.attrs["expandable"]; ok {
			tag.entity.Type = "expandable_blockquote"
		}
	case "tg-emoji":
		tag.entity.CustomEmojiID = tag.attrs["emoji-id"]
		if tag.entity.CustomEmojiID == "" {
			return startTag{}, 0, fmt.Errorf("tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset %d", at)
		}
	case "tg-time":
		unix, err := strconv.ParseInt(tag.attrs["unix"], 10, 64)
		if err != nil {
			return startTag{}, 0, fmt.Errorf("tag \"tg-time\" must have an integer attribute \"unix\" at byte offset %d", at)
		}
		tag.entity.UnixTime = unix
	}
	return tag, i, nil
}

func readAttrValue(s string, i, at int) (string, int, error) {
	if i >= len(s) {
		return "", 0, fmt.Errorf("unclosed start tag at byte offset %d", at)
	}
	if q := s[i]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[i+1:], q)
		if end < 0 {
			return "", 0, fmt.Errorf("unclosed start tag at byte offset %d", at)
		}
		v, err := decodeHTMLEntities(s[i+1:i+1+end], i+1)
		return v, i + end + 2, err
	}
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != '>' {
		j++
	}
	v, err := decodeHTMLEntities(s[i:j], i)
	return v, j, err
}

func decodeHTMLEntities(s string, base int) (string, error) {
	var out strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '&' {
			out.WriteByte(s[i])
			i++
			continue
		}
		r, next, err := readHTMLEntity(s, i)
		if err != nil {
			return "", fmt.Errorf("%w (in an attribute at byte offset %d)", err, base)
		}
		out.WriteRune(r)
		i = next
	}
	return out.String(), nil
}

var namedHTMLEntities = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "quot": '"'}

// readHTMLEntity decodes the entity starting with the '&' at s[at].
func readHTMLEntity(s string, at int) (rune, int, error) {
	bad := fmt.Errorf("character '&' at byte offset %d must start one of the entities &lt; &gt; &amp; &quot; or a numeric one", at)
	end := strings.IndexByte(s[at:], ';')
	if end < 0 || end > 10 {
		return 0, 0, bad
	}
	name := s[at+1 : at+end]
	next := at + end + 1
	if r, ok := namedHTMLEntities[name]; ok {
		return r, next, nil
	}
	num, ok := strings.CutPrefix(name, "#")
	if !ok || num == "" {
		return 0, 0, bad
	}
	base := 10
	if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
		num, base = hex, 16
	}
	n, err := strconv.ParseUint(num, base, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, 0, bad
	}
	return rune(n), next, nil
}
