package telegram

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// guard runs f for update up and recovers a panic in it: the update is
// logged once with its id (never its text), counted, the person is told
// of a technical problem when the chat is known, and f's result is a
// *bot.PanicError, so the update is confirmed instead of fetched and
// panicking again after every restart.
func (a *Adapter) guard(ctx context.Context, up *tgbotapi.Update, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			pe := bot.Recovered(updateID(up.UpdateID), p)
			a.stats.panics.Add(1)
			a.log.Error("update panicked", "update", pe.Update, "panic", p, "stack", string(pe.Stack))
			a.technicalProblem(ctx, up)
			err = pe
		}
	}()
	return f()
}

// technicalProblem tells the person who sent up that it failed: in a
// private chat, under a pressed button, or after a command in a group;
// other group messages were likely not meant for the bot.
func (a *Adapter) technicalProblem(ctx context.Context, up *tgbotapi.Update) {
	var chat *tgbotapi.Chat
	var from *tgbotapi.User
	switch {
	case up.CallbackQuery != nil && up.CallbackQuery.Message != nil:
		chat, from = up.CallbackQuery.Message.Chat, up.CallbackQuery.From
	case up.Message != nil:
		m := up.Message
		if m.Chat != nil && !m.Chat.IsPrivate() && !strings.HasPrefix(m.Text, "/") {
			return
		}
		chat, from = m.Chat, m.From
	case up.EditedMessage != nil && up.EditedMessage.Chat != nil && up.EditedMessage.Chat.IsPrivate():
		chat, from = up.EditedMessage.Chat, up.EditedMessage.From
	}
	if chat == nil || a.opt.Catalog == nil {
		return
	}
	lang := ""
	if from != nil {
		lang = from.LanguageCode
	}
	m := bot.Message{
		To:   bot.Address{Platform: bot.Telegram, Chat: strconv.FormatInt(chat.ID, 10)},
		Text: a.opt.Catalog.Localizer(a.opt.Catalog.Match(lang)).T("error_technical"),
	}
	if err := a.Send(ctx, m); err != nil {
		a.log.Warn("send technical problem notice", "update", up.UpdateID, "err", err)
	}
}

// Panics counts the updates whose mapping panicked in the adapter (a
// panic in the engine is counted with the handled updates).
func (a *Adapter) Panics() int64 { return a.stats.panics.Load() }
