package telegram

import (
	"context"
	"encoding/json"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// answerFunc answers a callback query, so the client stops spinning: by
// a call when polling, on the webhook's reply when Telegram posts. A note
// shows briefly above the chat of the person who pressed; most answers
// have none.
type answerFunc func(ctx context.Context, cq *tgbotapi.CallbackQuery, note string)

// answerCall answers a callback query with a call. Failures are logged
// only: the press itself is handled either way.
func (a *Adapter) answerCall(ctx context.Context, cq *tgbotapi.CallbackQuery, note string) {
	params := tgbotapi.Params{"callback_query_id": cq.ID}
	params.AddNonEmpty("text", note)
	if _, err := a.api.call(ctx, "answerCallbackQuery", params); err != nil {
		a.log.Debug("answer callback query", "err", err)
	}
}

// acknowledge answers a handled press and, when it was applied, edits
// its prompt to show the choice without its keyboard, so it cannot be
// pressed again; a refused press leaves the prompt as it was, and one
// whose reply replaces the prompt leaves it to that reply. It is the
// update's Ack: the engine calls it once, so a redelivered press is
// neither answered twice (Telegram takes one answer) nor edited again.
// Failures are logged only.
func (a *Adapter) acknowledge(ctx context.Context, cq *tgbotapi.CallbackQuery, answer answerFunc, o bot.PressOutcome) {
	answer(ctx, cq, "")
	m := cq.Message
	if o != bot.PressApplied || m == nil || m.Chat == nil || m.ReplyMarkup == nil {
		return
	}
	params := tgbotapi.Params{
		"chat_id":    strconv.FormatInt(m.Chat.ID, 10),
		"message_id": strconv.Itoa(m.MessageID),
	}
	method := "editMessageReplyMarkup"
	if label, ok := buttonLabel(m.ReplyMarkup, cq.Data); ok && m.Text != "" {
		text := m.Text + "\n\n→ " + label
		if textLen(text) <= MaxText {
			method = "editMessageText"
			params["text"] = text
			if len(m.Entities) > 0 {
				// The text keeps its formatting: the entities' offsets
				// still hold, as the choice is appended.
				ents, err := json.Marshal(m.Entities)
				if err == nil {
					params["entities"] = string(ents)
				}
			}
		}
	}
	if _, err := a.api.call(ctx, method, params); err != nil {
		a.log.Debug("show the choice on the prompt", "err", err)
	}
}

// buttonLabel finds the label of the button with data.
func buttonLabel(kb *tgbotapi.InlineKeyboardMarkup, data string) (string, bool) {
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData != nil && *b.CallbackData == data {
				return b.Text, true
			}
		}
	}
	return "", false
}
