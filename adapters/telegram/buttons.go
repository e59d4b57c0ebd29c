package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// maxCallbackData is Telegram's limit on callback_data, in bytes.
const maxCallbackData = 64

// shortPrefix marks callback_data that is a short id of a longer payload.
const shortPrefix = "#"

type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// keyboard turns button rows into an inline keyboard (JSON), keeping
// payloads too long for callback_data in Redis under a short id, all in
// one round trip. It returns "" for no buttons.
func (a *Adapter) keyboard(ctx context.Context, rows [][]bot.Button) (string, error) {
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
			if len(data) > maxCallbackData || strings.HasPrefix(data, shortPrefix) || data == "" {
				data = shortID(b.Payload)
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
	if len(long) > 0 {
		_, err := a.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for id, payload := range long {
				p.Set(ctx, a.buttonKey(id), payload, a.opt.ButtonTTL)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("keep long button payloads: %w", err)
		}
	}
	b, err := json.Marshal(kb)
	if err != nil {
		return "", fmt.Errorf("encode keyboard: %w", err)
	}
	return string(b), nil
}

// shortID names a payload by its hash, so the same payload keeps its id.
func shortID(payload string) string {
	sum := sha256.Sum256([]byte(payload))
	return shortPrefix + base64.RawURLEncoding.EncodeToString(sum[:15])
}

// resolve returns the payload behind callback_data. An id that expired
// stays as it is, which the engine answers as a stale button.
func (a *Adapter) resolve(ctx context.Context, data string) (string, error) {
	if !strings.HasPrefix(data, shortPrefix) {
		return data, nil
	}
	payload, err := a.rdb.Get(ctx, a.buttonKey(data)).Result()
	if errors.Is(err, redis.Nil) {
		return data, nil
	}
	if err != nil {
		return "", fmt.Errorf("resolve button: %w", err)
	}
	return payload, nil
}

func (a *Adapter) buttonKey(id string) string {
	return a.store.Key("telegram", "button", strings.TrimPrefix(id, shortPrefix))
}
