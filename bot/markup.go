package bot

import "strings"

// ParseMarkup reads the catalog markup into Text: "**bold**", "_italic_",
// "[label](url)", lines starting with "- " as list items, blank lines between
// paragraphs. A backslash makes the next character literal; Escape uses that
// to insert user text into a template so that it can never become markup.
func ParseMarkup(s string) Text {
	var t Text
	var para []string
	flush := func() {
		if len(para) > 0 {
			t.Blocks = append(t.Blocks, Block{Spans: parseInline(strings.Join(para, "\n"))})
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "- "):
			flush()
			t.Blocks = append(t.Blocks, Block{Item: true, Spans: parseInline(line[2:])})
		default:
			para = append(para, line)
		}
	}
	flush()
	return t
}

// Escape makes s literal inside markup.
func Escape(s string) string {
	if !strings.ContainsAny(s, `\*_[]()-`+"\n") {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '[', ']', '(', ')', '-':
			sb.WriteByte('\\')
		case '\n':
			// A newline inside a value stays a line break, never a paragraph
			// or list boundary.
			sb.WriteString(`\n`)
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// PlainText is a Text of one plain paragraph, for text that is already final.
func PlainText(s string) Text {
	return Text{Blocks: []Block{{Spans: []Span{{Text: s}}}}}
}

func parseInline(s string) []Span {
	var spans []Span
	var cur strings.Builder
	style := Plain
	emit := func() {
		if cur.Len() > 0 {
			spans = append(spans, Span{Text: cur.String(), Style: style})
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs):
			i++
			if rs[i] == 'n' {
				cur.WriteByte('\n')
			} else {
				cur.WriteRune(rs[i])
			}
		case r == '*' && i+1 < len(rs) && rs[i+1] == '*':
			emit()
			i++
			if style == Bold {
				style = Plain
			} else {
				style = Bold
			}
		case r == '_':
			emit()
			if style == Italic {
				style = Plain
			} else {
				style = Italic
			}
		case r == '[':
			label, url, n, ok := parseLink(rs[i:])
			if !ok {
				cur.WriteRune(r)
				continue
			}
			emit()
			spans = append(spans, Span{Text: label, Style: Link, URL: url})
			i += n - 1
		default:
			cur.WriteRune(r)
		}
	}
	emit()
	return spans
}

// parseLink reads "[label](url)" at the start of rs and returns how many
// runes it used.
func parseLink(rs []rune) (label, url string, n int, ok bool) {
	var lb strings.Builder
	i := 1
	for ; i < len(rs) && rs[i] != ']'; i++ {
		if rs[i] == '\\' && i+1 < len(rs) {
			i++
		}
		lb.WriteRune(rs[i])
	}
	if i+1 >= len(rs) || rs[i+1] != '(' {
		return "", "", 0, false
	}
	j := i + 2
	var ub strings.Builder
	for ; j < len(rs) && rs[j] != ')'; j++ {
		if rs[j] == '\\' && j+1 < len(rs) {
			j++
		}
		ub.WriteRune(rs[j])
	}
	if j >= len(rs) {
		return "", "", 0, false
	}
	return lb.String(), ub.String(), j + 1, true
}
