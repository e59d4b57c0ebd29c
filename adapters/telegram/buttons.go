package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/heimatbot/heimatbot/adapters/longpayload"
	"github.com/heimatbot/heimatbot/bot"
)

// maxCallbackData is Telegram's limit on callback_data, in bytes.
const maxCallbackData = 64

type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// ownerMark separates the person a group's button belongs to from its
// payload, in a payload kept under a short id.
const ownerMark = "\x00"

// keyboard turns button rows into an inline keyboard (JSON), keeping
// payloads too long for callback_data in Redis under a short id, all in
// one round trip. The buttons of a message for one person in a group
// (owner, bot.Message.For) are all kept that way, with their owner, so a
// press by anyone else is known. It returns "" for no buttons.
func (a *Adapter) keyboard(ctx context.Context, rows [][]bot.Button, owner string) (string, error) {
	if len(rows) == 0 {
		return "", nil
	}
	kb := inlineKeyboard{InlineKeyboard: make([][]inlineButton, 0, len(rows))}
	long := map[string]string{}
	for _, row := range rows {
		if len(row) == 0 {
			continue
		}
		r := make([]inlineButton, 0, len(row))
		for _, b := range row {
			data := b.Payload
			switch {
			case owner != "":
				kept := owner + ownerMark + b.Payload
				data = longpayload.ID(kept)
				long[data] = kept
			case len(data) > maxCallbackData || strings.HasPrefix(data, longpayload.Prefix) || data == "":
				data = longpayload.ID(b.Payload)
				long[data] = b.Payload
			}
			label := b.Label
			if strings.TrimSpace(label) == "" {
				label = "·"
			}
			r = append(r, inlineButton{Text: label, CallbackData: data})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	if len(kb.InlineKeyboard) == 0 {
		return "", nil
	}
	if err := a.long.Keep(ctx, long); err != nil {
		return "", err
	}
	b, err := json.Marshal(kb)
	if err != nil {
		return "", fmt.Errorf("encode keyboard: %w", err)
	}
	return string(b), nil
}

// resolve returns the payload behind callback_data and the person the
// button belongs to ("": anyone in the chat). An id that expired stays as
// it is, which the engine answers as a stale button.
func (a *Adapter) resolve(ctx context.Context, data string) (payload, owner string, err error) {
	payload, err = a.long.Resolve(ctx, data)
	if err != nil {
		return "", "", err
	}
	if who, rest, found := strings.Cut(payload, ownerMark); found && strings.HasPrefix(data, longpayload.Prefix) {
		return rest, who, nil
	}
	return payload, "", nil
}
