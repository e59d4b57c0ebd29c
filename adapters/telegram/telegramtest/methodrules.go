package telegramtest

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// chatActions are the values sendChatAction accepts.
var chatActions = []string{
	"typing", "upload_photo", "record_video", "upload_video", "record_voice",
	"upload_voice", "upload_document", "choose_sticker", "find_location",
	"record_video_note", "upload_video_note",
}

// checkMethodRules applies the constraints the spec states in prose rather
// than in types. It returns the text or caption after entity parsing.
func checkMethodRules(method string, p map[string]string) (formatted, *apiError) {
	mode, hasMode := p["parse_mode"]
	if hasMode && mode != ModeHTML && mode != ModeMarkdownV2 && mode != ModeMarkdown {
		return formatted{}, badRequest("unsupported parse_mode %q", mode)
	}
	var text formatted
	if src, ok := p["text"]; ok && method != "answerCallbackQuery" {
		f, err := parseFormatted(src, mode)
		if err != nil {
			return formatted{}, badRequest("%v", err)
		}
		if strings.TrimSpace(f.Plain) == "" {
			return formatted{}, badRequest("message text is empty")
		}
		if n := utf8.RuneCountInString(f.Plain); n > maxMessageText {
			return formatted{}, badRequest("message is too long (%d characters after entity parsing, at most %d)", n, maxMessageText)
		}
		if e := explicitEntities(&f, p["entities"]); e != nil {
			return formatted{}, e
		}
		text = f
	}
	if src, ok := p["caption"]; ok {
		f, err := parseFormatted(src, mode)
		if err != nil {
			return formatted{}, badRequest("%v", err)
		}
		if n := utf8.RuneCountInString(f.Plain); n > maxCaption {
			return formatted{}, badRequest("message caption is too long (%d characters after entity parsing, at most %d)", n, maxCaption)
		}
		if e := explicitEntities(&f, p["caption_entities"]); e != nil {
			return formatted{}, e
		}
		text = f
	}
	switch method {
	case "editMessageText":
		if _, ok := p["text"]; !ok {
			return formatted{}, badRequest("message text is empty")
		}
		fallthrough
	case "editMessageReplyMarkup", "editMessageCaption":
		if _, inline := p["inline_message_id"]; !inline {
			if _, ok := p["chat_id"]; !ok {
				return formatted{}, badRequest("chat_id is empty")
			}
			if _, ok := p["message_id"]; !ok {
				return formatted{}, badRequest("message identifier is not specified")
			}
		}
	case "answerCallbackQuery":
		if n := utf8.RuneCountInString(p["text"]); n > maxCallbackAnswer {
			return formatted{}, badRequest("MESSAGE_TOO_LONG: callback answer text has %d characters, at most %d", n, maxCallbackAnswer)
		}
	case "sendChatAction":
		if !slices.Contains(chatActions, p["action"]) {
			return formatted{}, badRequest("wrong parameter action in request")
		}
	case "setWebhook":
		if tok, ok := p["secret_token"]; ok && !validSecretToken(tok) {
			return formatted{}, badRequest("secret token contains unallowed characters or has a wrong length (1-%d of A-Z, a-z, 0-9, _ and -)", maxSecretTokenLen)
		}
	case "setMyCommands", "getMyCommands", "deleteMyCommands":
		if lang, ok := p["language_code"]; ok && !validLanguageCode(lang) {
			return formatted{}, badRequest("invalid language code %q (want a two-letter ISO 639-1 code or empty)", lang)
		}
	}
	return text, nil
}

func validSecretToken(tok string) bool {
	if len(tok) < 1 || len(tok) > maxSecretTokenLen {
		return false
	}
	for _, r := range tok {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func validLanguageCode(lang string) bool {
	if lang == "" {
		return true
	}
	return len(lang) == 2 && lang[0] >= 'a' && lang[0] <= 'z' && lang[1] >= 'a' && lang[1] <= 'z'
}

// explicitEntities applies an entities parameter, which Telegram uses
// instead of parse_mode when both are given.
func explicitEntities(f *formatted, raw string) *apiError {
	if raw == "" || raw == "null" {
		return nil
	}
	var es []Entity
	if err := json.Unmarshal([]byte(raw), &es); err != nil {
		return badRequest("can't parse entities JSON object: %v", err)
	}
	f.Entities = es
	return nil
}
