package readability

import (
	"strings"
	"unicode"
)

// LongWord is the number of letters a word must exceed to count as long.
const LongWord = 6

// Figures are the counts of one text or of several texts together.
type Figures struct {
	Words     int
	Sentences int
	// Long counts the words of more than LongWord letters.
	Long int
	// Longest is the number of words of the longest sentence, and
	// LongestText that sentence.
	Longest     int
	LongestText string
}

// LIX is Björnsson's readability index; 0 for a text without words.
func (f Figures) LIX() float64 {
	if f.Words == 0 || f.Sentences == 0 {
		return 0
	}
	return float64(f.Words)/float64(f.Sentences) + 100*float64(f.Long)/float64(f.Words)
}

// MeanSentence is the mean number of words per sentence.
func (f Figures) MeanSentence() float64 {
	if f.Sentences == 0 {
		return 0
	}
	return float64(f.Words) / float64(f.Sentences)
}

// LongShare is the share of long words, from 0 to 1.
func (f Figures) LongShare() float64 {
	if f.Words == 0 {
		return 0
	}
	return float64(f.Long) / float64(f.Words)
}

// Add returns the figures of both texts taken as one.
func (f Figures) Add(g Figures) Figures {
	s := Figures{Words: f.Words + g.Words, Sentences: f.Sentences + g.Sentences, Long: f.Long + g.Long,
		Longest: f.Longest, LongestText: f.LongestText}
	if g.Longest > s.Longest {
		s.Longest, s.LongestText = g.Longest, g.LongestText
	}
	return s
}

// Measure counts the words, sentences and long words of plain text.
func Measure(text string) Figures {
	var f Figures
	for _, s := range Sentences(text) {
		n := 0
		for _, w := range strings.Fields(s) {
			letters, ok := word(w)
			if !ok {
				continue
			}
			n++
			if letters > LongWord {
				f.Long++
			}
		}
		if n == 0 {
			continue
		}
		f.Words += n
		f.Sentences++
		if n > f.Longest {
			f.Longest, f.LongestText = n, s
		}
	}
	return f
}

// Sentences splits plain text into its sentences, each trimmed; see the
// package documentation for where a sentence ends.
func Sentences(text string) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		tokens := strings.Fields(line)
		start := 0
		for i, t := range tokens {
			if i == len(tokens)-1 || endsSentence(t, tokens[i+1]) {
				out = append(out, strings.Join(tokens[start:i+1], " "))
				start = i + 1
			}
		}
	}
	return out
}

// endsSentence reports whether token t, followed by next, ends a sentence.
func endsSentence(t, next string) bool {
	core := strings.TrimRightFunc(t, isClosing)
	if core == "" {
		return false
	}
	switch {
	case strings.HasSuffix(core, "…"), strings.HasSuffix(core, "!"), strings.HasSuffix(core, "?"), strings.HasSuffix(core, ":"):
		return true
	case !strings.HasSuffix(core, "."):
		return false
	case isAbbreviation(core):
		return false
	case isDigits(strings.TrimSuffix(core, ".")) && startsWord(next):
		return false // an ordinal: "am 8. Dezember"
	}
	return true
}

// word reports whether token t is a word and how many letters it has. A
// placeholder of [Template] is a short word.
func word(t string) (letters int, ok bool) {
	if strings.HasPrefix(t, "⟨") {
		return 0, true
	}
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letters++
			ok = true
		case unicode.IsDigit(r):
			ok = true
		}
	}
	return letters, ok
}

// isClosing is what may follow a sentence's last mark: quotes, brackets
// and the markup's emphasis.
func isClosing(r rune) bool {
	return strings.ContainsRune(`"'“”‘’»«)]}*_`, r)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func startsWord(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}
