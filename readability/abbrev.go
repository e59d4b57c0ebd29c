package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are German short forms written with a period, lower-cased.
// Single letters with a period ("z.", "B.", "d.", "h.") are abbreviations
// too: a sentence never ends in one.
var abbreviations = map[string]bool{
	"bzw.": true, "ggf.": true, "usw.": true, "etc.": true, "ca.": true, "evtl.": true,
	"vgl.": true, "bspw.": true, "inkl.": true, "exkl.": true, "zzgl.": true, "max.": true,
	"min.": true, "nr.": true, "str.": true, "dr.": true, "tel.": true, "mind.": true,
	"sog.": true, "u.a.": true, "z.b.": true, "d.h.": true, "o.ä.": true, "u.ä.": true,
	"z.t.": true, "u.u.": true, "i.d.r.": true, "v.a.": true, "s.o.": true, "s.u.": true,
	"allg.": true, "bes.": true, "jhd.": true, "jh.": true, "abs.": true, "geb.": true,
	"std.": true, "mo.": true, "di.": true, "mi.": true, "do.": true, "fr.": true,
	"sa.": true, "so.": true, "jan.": true, "feb.": true, "okt.": true, "dez.": true,
	"zt.": true, "ebd.": true, "bzgl.": true, "ggü.": true, "insb.": true, "lt.": true,
}

// isAbbreviation reports whether a token ending in a period is a short
// form, not a word at the end of a sentence.
func isAbbreviation(t string) bool {
	t = strings.TrimLeftFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	if abbreviations[strings.ToLower(t)] {
		return true
	}
	body := strings.TrimSuffix(t, ".")
	r, size := utf8.DecodeRuneInString(body)
	return size > 0 && size == len(body) && unicode.IsLetter(r)
}

// Abbreviations lists the short forms written with a period in text, such
// as "z. B.", "bzw." or "ggf.", each as it is written. Plain language
// writes words out.
func Abbreviations(text string) []string {
	var found []string
	tokens := strings.Fields(text)
	for i := 0; i < len(tokens); i++ {
		t := strings.TrimRightFunc(tokens[i], func(r rune) bool { return isClosing(r) || r == ',' || r == ';' })
		if !strings.HasSuffix(t, ".") || !isAbbreviation(t) {
			continue
		}
		ab := strings.TrimLeftFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
		// "z. B." and "d. h." are one short form in two tokens.
		if i+1 < len(tokens) && len([]rune(ab)) == 2 {
			if n := strings.TrimRightFunc(tokens[i+1], isClosing); isAbbreviation(n) && len([]rune(n)) == 2 {
				ab += " " + n
				i++
			}
		}
		found = append(found, ab)
	}
	return found
}
