package telegram

import (
	"context"
	"encoding/json"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// acknowledge answers a callback query, so the client stops spinning, and
// edits the prompt to show the choice without its keyboard, so it cannot
// be pressed again. A redelivered press (to this or another process) is
// answered only once, as Telegram accepts one answer per query: the
// query is noted with the person's last handled updates. Without Redis
// it is not answered: the press cannot be handled either, so it comes
// again and is answered then. Failures are logged only: the press itself
// is handled either way.
func (a *Adapter) acknowledge(ctx context.Context, cq *tgbotapi.CallbackQuery) {
	if cq.From == nil {
		return
	}
	who := bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(cq.From.ID, 10)}
	if first, err := a.store.Once(ctx, who, "cq:"+cq.ID); err != nil || !first {
		return
	}
	if _, err := a.api.call(ctx, "answerCallbackQuery", tgbotapi.Params{"callback_query_id": cq.ID}); err != nil {
		a.log.Debug("answer callback query", "err", err)
	}
	m := cq.Message
	if m == nil || m.Chat == nil || m.ReplyMarkup == nil {
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
