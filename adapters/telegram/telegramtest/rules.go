package telegramtest

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Telegram's documented limits.
const (
	maxMessageText      = 4096 // characters of a message text after entity parsing
	maxCaption          = 1024 // characters of a media caption after entity parsing
	maxCallbackAnswer   = 200  // characters of an answerCallbackQuery text
	maxCallbackData     = 64   // bytes of an inline button's callback_data
	maxCommandLen       = 32   // characters of a bot command
	maxCommandDescLen   = 256  // characters of a bot command description
	maxPlaceholderLen   = 64   // characters of an input field placeholder
	maxSecretTokenLen   = 256  // characters of a webhook secret token
	maxGetUpdatesLimit  = 100  // updates returned by one getUpdates
	maxLongPollSeconds  = 50   // Telegram caps long polling at 50 seconds
	defaultMaxWebhookCx = 40   // default max_connections of a webhook
)

// inlineButtonActions are the fields of which an InlineKeyboardButton must
// have exactly one.
var inlineButtonActions = []string{
	"url", "callback_data", "web_app", "login_url", "switch_inline_query",
	"switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
	"copy_text", "callback_game", "pay",
}

// checkObjectRules applies the constraints the spec states in prose for the
// object types a bot commonly sends.
func checkObjectRules(where, typ string, obj map[string]any) error {
	switch typ {
	case "InlineKeyboardButton":
		if text, _ := obj["text"].(string); text == "" {
			return fmt.Errorf("%s: BUTTON_TEXT_INVALID: button text must be non-empty", where)
		}
		if data, ok := obj["callback_data"].(string); ok && (len(data) < 1 || len(data) > maxCallbackData) {
			return fmt.Errorf("%s: BUTTON_DATA_INVALID: callback_data must be 1-%d bytes, got %d", where, maxCallbackData, len(data))
		}
		n := 0
		for _, a := range inlineButtonActions {
			if _, ok := obj[a]; ok {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("%s: can't parse inline keyboard button: exactly one of the optional fields must be used, got %d", where, n)
		}
	case "KeyboardButton":
		if text, _ := obj["text"].(string); text == "" {
			return fmt.Errorf("%s: BUTTON_TEXT_INVALID: button text must be non-empty", where)
		}
	case "BotCommand":
		cmd, _ := obj["command"].(string)
		if !validCommand(cmd) {
			return fmt.Errorf("%s: BOT_COMMAND_INVALID: command %q must be 1-%d lowercase letters, digits and underscores", where, cmd, maxCommandLen)
		}
		desc, _ := obj["description"].(string)
		if n := utf8.RuneCountInString(desc); n < 1 || n > maxCommandDescLen {
			return fmt.Errorf("%s: BOT_COMMAND_DESCRIPTION_INVALID: description must be 1-%d characters", where, maxCommandDescLen)
		}
	case "ReplyKeyboardMarkup", "ForceReply":
		if p, ok := obj["input_field_placeholder"].(string); ok {
			if n := utf8.RuneCountInString(p); n < 1 || n > maxPlaceholderLen {
				return fmt.Errorf("%s: input_field_placeholder must be 1-%d characters", where, maxPlaceholderLen)
			}
		}
		if v, ok := obj["force_reply"]; ok && v != true {
			return errors.New(where + ": force_reply must be True")
		}
	case "ReplyKeyboardRemove":
		if obj["remove_keyboard"] != true {
			return errors.New(where + ": remove_keyboard must be True")
		}
	}
	return nil
}

func validCommand(cmd string) bool {
	if len(cmd) < 1 || len(cmd) > maxCommandLen {
		return false
	}
	for _, r := range cmd {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
