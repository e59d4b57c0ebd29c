package console

import "strings"

// texts are the console's own words, by language: what to type first.
// The conversation itself speaks the catalog's language.
var texts = map[string]map[string]string{
	"de": {
		"intro": "Schreib /start, um anzufangen, oder /hilfe.",
	},
	"en": {
		"intro": "Type /start to begin, or /help.",
	},
}

// text is the console's text id in the language of the hint lang (a
// locale such as "en_GB.UTF-8"), German unless it is English.
func text(lang, id string) string {
	l := "de"
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		l = "en"
	}
	return texts[l][id]
}
