package telegram

import "unicode/utf16"

// utf16Slice cuts s by UTF-16 offsets, as Telegram's entities measure.
func utf16Slice(s string, offset, length int) string {
	u := utf16.Encode([]rune(s))
	if offset < 0 || length < 0 || offset+length > len(u) {
		return ""
	}
	return string(utf16.Decode(u[offset : offset+length]))
}
