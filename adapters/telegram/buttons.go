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
				data = shortID(kept)
				long[data] = kept
			case len(data) > maxCallbackData || strings.HasPrefix(data, shortPrefix) || data == "":
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

// resolve returns the payload behind callback_data and the person the
// button belongs to ("": anyone in the chat). An id that expired stays as
// it is, which the engine answers as a stale button.
func (a *Adapter) resolve(ctx context.Context, data string) (payload, owner string, err error) {
	if !strings.HasPrefix(data, shortPrefix) {
		return data, "", nil
	}
	payload, err = a.rdb.Get(ctx, a.buttonKey(data)).Result()
	if errors.Is(err, redis.Nil) {
		return data, "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("resolve button: %w", err)
	}
	if who, rest, found := strings.Cut(payload, ownerMark); found {
		return rest, who, nil
	}
	return payload, "", nil
}

func (a *Adapter) buttonKey(id string) string {
	return a.store.Key("telegram", "button", strings.TrimPrefix(id, shortPrefix))
}
