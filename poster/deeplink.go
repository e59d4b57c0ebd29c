package poster

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Errors reported by DeepLink; match them with errors.Is.
var (
	// ErrInvalidPayload means a start payload that Telegram would not pass
	// on: it must have 1 to 64 characters from A–Z, a–z, 0–9, '_' and '-'.
	ErrInvalidPayload = errors.New("poster: invalid start payload")
	// ErrInvalidBotUsername means a name that cannot be a Telegram bot's:
	// 5 to 32 characters from A–Z, a–z, 0–9 and '_', ending in "bot".
	ErrInvalidBotUsername = errors.New("poster: invalid bot username")
)

// MaxPayloadLen is the longest start payload Telegram accepts.
const MaxPayloadLen = 64

// DeepLink returns the link that opens a chat with the bot and sends it
// "/start <payload>", for example DeepLink("heimatbot", "ev_42") is
// "https://t.me/heimatbot?start=ev_42". A leading '@' on the username is
// ignored. The payload and the username are checked against Telegram's
// rules, since Telegram silently drops a payload it does not accept.
func DeepLink(botUsername, payload string) (string, error) {
	name := strings.TrimPrefix(botUsername, "@")
	if err := checkBotUsername(name); err != nil {
		return "", err
	}
	if err := CheckPayload(payload); err != nil {
		return "", err
	}
	return "https://t.me/" + name + "?start=" + payload, nil
}

// CheckPayload reports whether payload is a valid deep-link start payload:
// 1 to 64 characters from A–Z, a–z, 0–9, '_' and '-'. The error wraps
// ErrInvalidPayload.
func CheckPayload(payload string) error {
	if n := len(payload); n < 1 || n > MaxPayloadLen {
		return fmt.Errorf("%w: %d characters, want 1 to %d", ErrInvalidPayload, n, MaxPayloadLen)
	}
	if i := strings.IndexFunc(payload, func(r rune) bool { return !isWordChar(r) && r != '-' }); i >= 0 {
		return fmt.Errorf("%w: character %q at %d", ErrInvalidPayload, []rune(payload[i:])[0], i)
	}
	return nil
}

func checkBotUsername(name string) error {
	if n := len(name); n < 5 || n > 32 {
		return fmt.Errorf("%w: %q has %d characters, want 5 to 32", ErrInvalidBotUsername, name, n)
	}
	if strings.IndexFunc(name, func(r rune) bool { return !isWordChar(r) }) >= 0 {
		return fmt.Errorf("%w: %q has characters other than A-Z, a-z, 0-9 and _", ErrInvalidBotUsername, name)
	}
	if !strings.HasSuffix(strings.ToLower(name), "bot") {
		return fmt.Errorf("%w: %q does not end in \"bot\"", ErrInvalidBotUsername, name)
	}
	return nil
}

// isWordChar reports whether r is an ASCII letter, digit or '_'.
func isWordChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

// WhatsAppLink returns the link that opens a WhatsApp chat with number
// (international form; "+", spaces and dashes are dropped) with text
// already typed, for example WhatsAppLink("49 3948", "start ev_42") is
// "https://wa.me/493948?text=start%20ev_42".
func WhatsAppLink(number, text string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == '+' || r == ' ' || r == '-':
			return -1
		}
		return 'x'
	}, number)
	if digits == "" || strings.Contains(digits, "x") || len(digits) > 15 {
		return "", fmt.Errorf("poster: %q is no phone number in international form", number)
	}
	return "https://wa.me/" + digits + "?text=" + url.PathEscape(text), nil
}
