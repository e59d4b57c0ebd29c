package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// SecretHeader carries the webhook's secret token in Telegram's POSTs.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxWebhookBody bounds an update's size.
const maxWebhookBody = 1 << 20

// runWebhook registers the webhook with its secret and serves until ctx
// ends. The library predates secret_token, so the call is made raw.
func (a *Adapter) runWebhook(ctx context.Context) error {
	a.link.down("webhook not registered yet")
	_, err := retry(ctx, a, "set webhook", func() (json.RawMessage, error) {
		return a.api.call(ctx, "setWebhook", tgbotapi.Params{
			"url":             a.opt.WebhookURL,
			"secret_token":    a.opt.WebhookSecret,
			"allowed_updates": allowedUpdates,
		})
	})
	if err != nil {
		return nil // ctx ended
	}
	a.link.up()
	a.log.Info("receiving updates by webhook", "bot", a.self.UserName)
	<-ctx.Done()
	return nil
}

// Webhook is the handler of Telegram's POSTs. A missing secret is answered
// 401 and a wrong one 403, before the body is read; 200 follows only once
// the update is handled, and any failure asks Telegram to deliver again.
func (a *Adapter) Webhook() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get(SecretHeader)
		switch {
		case got == "":
			http.Error(w, "missing secret token", http.StatusUnauthorized)
			return
		case subtle.ConstantTimeCompare([]byte(got), []byte(a.opt.WebhookSecret)) != 1:
			http.Error(w, "wrong secret token", http.StatusForbidden)
			return
		}
		hp := a.handler.Load()
		if hp == nil {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody))
		if err != nil || !json.Valid(body) {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		up := a.decodeUpdate(body)
		// answered holds the note the press is answered with, once it is.
		var answered atomic.Pointer[string]
		answer := func(_ context.Context, _ *tgbotapi.CallbackQuery, note string) { answered.Store(&note) }
		// A panic was logged where it was recovered, and is confirmed:
		// delivered again, the update would only panic again.
		if err := a.handleAll(r.Context(), *hp, []tgbotapi.Update{up}, answer)[0]; err != nil && !bot.IsPanic(err) {
			a.log.Warn("handle webhook update", "update", up.UpdateID, "err", err)
			if note := answered.Load(); note != nil {
				// Acknowledged once the update was stored: its redelivery
				// is not acknowledged again, so the answer goes now.
				a.answerCall(context.WithoutCancel(r.Context()), up.CallbackQuery, *note)
			}
			http.Error(w, fmt.Sprintf("update %d not handled", up.UpdateID), http.StatusInternalServerError)
			return
		}
		note := answered.Load()
		if note == nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		// The press is answered on the reply, which Telegram carries out
		// once it has it: a call saved, and an answer exactly when the
		// update is confirmed.
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(webhookAnswer{Method: "answerCallbackQuery", CallbackQueryID: up.CallbackQuery.ID, Text: *note})
	})
}

// webhookAnswer is a callback query's answer as a webhook's reply.
type webhookAnswer struct {
	Method          string `json:"method"`
	CallbackQueryID string `json:"callback_query_id"`
	Text            string `json:"text,omitempty"`
}
