package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// maxCaption is Telegram's limit on a photo's or document's caption.
const maxCaption = 1024

// Send delivers m: its text in as many messages as needed, the buttons
// under the last one, a file as photo (png) or document. A blocked chat
// gives an error wrapping bot.ErrUnreachable.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	chat, err := strconv.ParseInt(m.To.Chat, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram: chat id %q: %w", m.To.Chat, err)
	}
	markup, err := a.keyboard(ctx, m.Buttons, m.For)
	if err != nil {
		return err
	}
	var parts []bot.Text
	if !m.Text.IsZero() {
		parts = pack(m.Text, MaxText)
	}
	var caption bot.Text
	if m.File != nil && len(parts) == 1 && visibleLen(parts[0]) <= maxCaption {
		caption, parts = parts[0], nil
	}
	if m.Edit != "" && m.File == nil && len(parts) == 1 {
		if err := a.edit(ctx, m, chat, parts[0], markup); err == nil {
			return nil
		}
	}
	for i, p := range parts {
		params := tgbotapi.Params{"chat_id": m.To.Chat, "text": p.Render(HTML{}), "parse_mode": tgbotapi.ModeHTML}
		if i == len(parts)-1 && m.File == nil && markup != "" {
			params["reply_markup"] = markup
		}
		if strings.TrimSpace(params["text"]) == "" {
			continue
		}
		if err := a.send(ctx, m.To, chat, "sendMessage", params); err != nil {
			return err
		}
	}
	if m.File != nil {
		return a.sendFile(ctx, m, chat, caption, markup)
	}
	return nil
}

func (a *Adapter) sendFile(ctx context.Context, m bot.Message, chat int64, caption bot.Text, markup string) error {
	method, field := "sendDocument", "document"
	if m.File.IsImage() {
		method, field = "sendPhoto", "photo"
	}
	params := tgbotapi.Params{"chat_id": m.To.Chat}
	if !caption.IsZero() {
		params["caption"] = caption.Render(HTML{})
		params["parse_mode"] = tgbotapi.ModeHTML
	}
	if markup != "" {
		params["reply_markup"] = markup
	}
	file := tgbotapi.RequestFile{Name: field, Data: tgbotapi.FileBytes{Name: m.File.Name, Bytes: m.File.Data}}
	return a.send(ctx, m.To, chat, method, params, file)
}

// send makes one sending call within the flood limits: it waits out 429,
// retries server and network errors with backoff, and reports a blocked
// chat as unreachable.
func (a *Adapter) send(ctx context.Context, to bot.Address, chat int64, method string, params tgbotapi.Params, files ...tgbotapi.RequestFile) error {
	const maxRetries = 5
	retries := 0
	for {
		if err := a.limits.wait(ctx, chat); err != nil {
			return err
		}
		_, err := a.api.call(ctx, method, params, files...)
		if err == nil {
			a.stats.sent.Add(1)
			return nil
		}
		var ae *APIError
		switch {
		case errors.As(err, &ae) && ae.Code == 429:
			a.stats.rateLimited.Add(1)
			a.log.Warn("telegram flood limit", "method", method, "retry_after", ae.RetryAfter)
			if err := a.opt.Sleep(ctx, max(ae.RetryAfter, time.Second)); err != nil {
				return err
			}
			continue
		case errors.Is(err, bot.ErrUnreachable):
			a.stats.unreachable.Add(1)
			a.opt.OnUnreachable(ctx, to)
			return err
		case ctx.Err() != nil:
			return ctx.Err()
		case temporary(err) && retries < maxRetries:
			a.stats.retried.Add(1)
			if err := a.opt.Sleep(ctx, retryWait(retries)); err != nil {
				return err
			}
			retries++
			continue
		}
		a.stats.failed.Add(1)
		return err
	}
}

// edit replaces the text and keyboard of message m.Edit. When Telegram
// refuses (the message is too old, or gone), the caller sends m anew.
func (a *Adapter) edit(ctx context.Context, m bot.Message, chat int64, text bot.Text, markup string) error {
	params := tgbotapi.Params{"chat_id": m.To.Chat, "message_id": m.Edit, "text": text.Render(HTML{}), "parse_mode": tgbotapi.ModeHTML}
	if markup != "" {
		params["reply_markup"] = markup
	}
	err := a.send(ctx, m.To, chat, "editMessageText", params)
	if err != nil {
		a.log.Debug("edit the pressed message; sending it anew", "err", err)
	}
	return err
}
