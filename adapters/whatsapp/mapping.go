package whatsapp

import (
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// updateID is the engine's id of a message, for de-duplication.
func updateID(wamid string) string { return "wa:" + wamid }

// toUpdate maps a person's message to the core's update. ok is false for
// messages the bot ignores (reactions, system notices, messages without
// a sender).
func toUpdate(m InMessage) (u bot.Update, ok bool) {
	if m.From == "" || m.ID == "" {
		return u, false
	}
	u = bot.Update{
		ID:   updateID(m.ID),
		Chat: bot.Address{Platform: bot.WhatsApp, Chat: m.From},
		// The number is the only handle WhatsApp gives; it is shown to
		// organizers only where the person allowed it, as handles are.
		User:         bot.User{Platform: bot.WhatsApp, ID: m.From, Name: "+" + m.From},
		Private:      true,
		BareCommands: true,
	}
	switch m.Type {
	case "text":
		if m.Text == nil || strings.TrimSpace(m.Text.Body) == "" {
			return u, false // WhatsApp sends no empty text: nothing to answer
		}
		u.Text = bareMenu(m.Text.Body)
	case "interactive":
		if m.Interactive == nil {
			return u, false
		}
		switch {
		case m.Interactive.ButtonReply != nil:
			u.Button = m.Interactive.ButtonReply.ID
		case m.Interactive.ListReply != nil:
			u.Button = m.Interactive.ListReply.ID
		default:
			u.Unsupported = true
		}
		if u.Button == "" && !u.Unsupported {
			return u, false
		}
	case "button":
		// A template's quick-reply button: its payload is the core's
		// button payload; a button without one counts as its text.
		if m.Button == nil || m.Button.Payload == "" && strings.TrimSpace(m.Button.Text) == "" {
			return u, false // a button that says nothing (found by FuzzParseWebhook)
		}
		if u.Button = m.Button.Payload; u.Button == "" {
			u.Text = m.Button.Text
		}
	case "reaction", "system", "request_welcome", "ephemeral":
		return u, false
	default:
		// image, sticker, audio, video, document, location, contacts,
		// order, unsupported, and whatever Meta adds.
		u.Unsupported = true
	}
	return u, true
}

// menuWords are what people type on WhatsApp for the menu; they ask for
// help, which shows it.
var menuWords = map[string]bool{"menü": true, "menu": true, "menue": true}

// bareMenu turns a menu word into the help command. WhatsApp has no
// slash commands, so its users name commands by words.
func bareMenu(text string) string {
	if menuWords[strings.ToLower(strings.TrimSpace(text))] {
		return "/hilfe"
	}
	return text
}
