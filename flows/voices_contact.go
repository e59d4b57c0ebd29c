package flows

import "regexp"

// Patterns of contact details that must not appear in an opinion unseen.
var (
	emailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}`)
	linkPattern  = regexp.MustCompile(`(?i)(https?://|www\.)\S+|\b[a-z0-9-]+\.(de|com|org|net|eu|info|io|app|shop|online)\b`)
	phonePattern = regexp.MustCompile(`(\+|\b0)\d[\d\s/().-]{4,}\d`)
)

// The kinds of contact details found in a text.
const (
	contactPhone = "phone"
	contactEmail = "email"
	contactLink  = "link"
)

// contactKind reports which kind of contact detail text holds: an e-mail
// address, a link or a phone number (at least six digits after a leading
// 0 or +), or "" for none.
func contactKind(text string) string {
	switch {
	case emailPattern.MatchString(text):
		return contactEmail
	case linkPattern.MatchString(text):
		return contactLink
	}
	for _, m := range phonePattern.FindAllString(text, -1) {
		if digits(m) >= 6 {
			return contactPhone
		}
	}
	return ""
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
