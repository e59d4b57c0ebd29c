package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/datetext"
)

// valuePlain is the answer of the offer of Einfache Sprache.
const valuePlain = "_plain"

// plainOffer is the one-tap offer of Einfache Sprache under the first
// message, for readers of standard German where the catalogs have it. It
// is one more button, not one more question: taking it shows the same
// message again in plain language.
func plainOffer(c *bot.Conv) []bot.Choice {
	if !slices.Contains(c.Languages(), PlainLanguage) || !strings.HasPrefix(PlainLanguage, c.Lang()+"-") {
		return nil
	}
	return []bot.Choice{{Label: c.L.S("start_plain_offer"), Value: valuePlain}}
}

// tookPlainOffer switches to Einfache Sprache when the offer was taken.
func tookPlainOffer(c *bot.Conv, in bot.Input) bool {
	if in.Choice != valuePlain || !slices.Contains(c.Languages(), PlainLanguage) {
		return false
	}
	c.SetLang(PlainLanguage)
	return true
}

// whenSpoken writes an event's time for plain language, nothing
// abbreviated: "Dienstag, 8. Dezember, um 19 Uhr bis 21 Uhr". end is zero
// when the event has none.
func whenSpoken(start, end, now time.Time) string {
	s := datetext.FormatSpoken(start, now)
	switch {
	case end.IsZero():
		return s
	case sameDay(start, end):
		return s + " bis " + datetext.FormatHour(end)
	default:
		return s + " bis " + datetext.FormatSpoken(end, now)
	}
}
