package whatsapptest

import (
	"strings"
	"unicode"
)

// Styled is a stretch of text WhatsApp shows formatted.
type Styled struct {
	Marker string // "*" bold, "_" italic, "~" strike, "```" monospace
	Text   string
}

// Formatted reads text as WhatsApp's clients do and returns what they show
// formatted: a marker opens where no letter or digit precedes it and no
// space follows, and closes on the same line where no space precedes it
// and no letter or digit follows.
func Formatted(text string) []Styled {
	var out []Styled
	for _, line := range strings.Split(text, "\n") {
		out = append(out, formattedLine([]rune(line))...)
	}
	return out
}

func formattedLine(rs []rune) []Styled {
	var out []Styled
	word := func(i int) bool { return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	space := func(i int) bool { return i < 0 || i >= len(rs) || unicode.IsSpace(rs[i]) }
	for i := 0; i < len(rs); i++ {
		if strings.HasPrefix(string(rs[i:]), "```") {
			if end := strings.Index(string(rs[i+3:]), "```"); end > 0 {
				inner := []rune(string(rs[i+3:])[:end])
				out = append(out, Styled{Marker: "```", Text: string(inner)})
				i += 3 + len(inner) + 2
				continue
			}
		}
		c := rs[i]
		if !strings.ContainsRune("*_~", c) || word(i-1) || space(i+1) || rs[i+1] == c {
			continue
		}
		for j := i + 2; j < len(rs); j++ {
			if rs[j] == c && !space(j-1) && !word(j+1) {
				out = append(out, Styled{Marker: string(c), Text: string(rs[i+1 : j])})
				i = j
				break
			}
		}
	}
	return out
}
