package telegram

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// updateID is the engine's id of a Telegram update, for de-duplication.
func updateID(id int) string { return "tg:" + strconv.Itoa(id) }

// toUpdate maps a Telegram update to the core's. ok is false for updates
// the bot ignores. A pressed button's payload is still raw (see resolve).
func (a *Adapter) toUpdate(up *tgbotapi.Update) (u bot.Update, ok bool) {
	switch {
	case up.CallbackQuery != nil:
		cq := up.CallbackQuery
		if cq.Message == nil || cq.Message.Chat == nil || cq.From == nil {
			return u, false // a button under an inline message: none of ours
		}
		u = a.base(up.UpdateID, cq.Message.Chat, cq.From)
		u.Button = cq.Data
		if u.Button == "" {
			return u, false
		}
		return u, true
	case up.Message != nil:
		return a.message(up.UpdateID, up.Message)
	case up.EditedMessage != nil:
		m := up.EditedMessage
		if m.Chat == nil || !m.Chat.IsPrivate() || m.From == nil || m.From.IsBot {
			return u, false
		}
		u = a.base(up.UpdateID, m.Chat, m.From)
		u.Unsupported = true
		return u, true
	}
	// Channel posts, chat member changes and whatever Telegram adds later.
	return u, false
}

func (a *Adapter) message(id int, m *tgbotapi.Message) (bot.Update, bool) {
	if m.Chat == nil || m.From == nil || m.From.IsBot || m.Chat.IsChannel() {
		return bot.Update{}, false
	}
	u := a.base(id, m.Chat, m.From)
	if m.Text == "" {
		// A sticker, photo, voice message, a member joining: only a
		// person in a private chat is told that the bot reads text.
		u.Unsupported = true
		return u, u.Private
	}
	u.Text = m.Text
	if u.Private {
		return u, true
	}
	switch {
	case m.IsCommand():
		// The command is what its entity covers, counted in UTF-16 as
		// Telegram counts; the text may hold anything else.
		e := m.Entities[0]
		_, to, named := strings.Cut(utf16Slice(m.Text, e.Offset, e.Length), "@")
		return u, !named || strings.EqualFold(to, a.self.UserName)
	case m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == a.self.ID:
		u.Text = a.withoutMention(m.Text)
		return u, true
	case a.mentioned(m):
		u.Text = a.withoutMention(m.Text)
		return u, true
	}
	return u, false
}

func (a *Adapter) base(id int, chat *tgbotapi.Chat, from *tgbotapi.User) bot.Update {
	return bot.Update{
		ID:      updateID(id),
		Chat:    bot.Address{Platform: bot.Telegram, Chat: strconv.FormatInt(chat.ID, 10)},
		User:    bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(from.ID, 10), Name: from.UserName, Lang: from.LanguageCode},
		Private: chat.IsPrivate(),
	}
}

// mentioned reports whether a group message names the bot.
func (a *Adapter) mentioned(m *tgbotapi.Message) bool {
	for _, e := range m.Entities {
		switch e.Type {
		case "mention":
			if strings.EqualFold(utf16Slice(m.Text, e.Offset, e.Length), "@"+a.self.UserName) {
				return true
			}
		case "text_mention":
			if e.User != nil && e.User.ID == a.self.ID {
				return true
			}
		}
	}
	return false
}

// withoutMention removes "@botname" from a group message.
func (a *Adapter) withoutMention(text string) string {
	name := "@" + a.self.UserName
	var out []string
	for _, w := range strings.Fields(text) {
		if !strings.EqualFold(strings.TrimRight(w, ",:"), name) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
