package mattermost

import (
	"context"
	"net/http"

	"github.com/heimatbot/heimatbot/bot"
)

// guard runs f for the update id and recovers a panic in it: the update is
// logged once with its id (never its text), counted, the person is told
// in chat (when it is known) that it did not work, and f's result is a
// *bot.PanicError, so the update is confirmed instead of read again and
// panicking again after every reconnect.
func (a *Adapter) guard(ctx context.Context, id string, chat *bot.Address, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			pe := bot.Recovered(id, p)
			a.panics.Add(1)
			a.log.Error("mattermost: update panicked", "update", id, "panic", p, "stack", string(pe.Stack))
			if chat != nil {
				if err := a.Send(ctx, bot.Message{To: *chat, Text: a.texts.T("mattermost_try_again")}); err != nil {
					a.log.Warn("mattermost: send technical problem notice", "update", id, "err", err)
				}
			}
			err = pe
		}
	}()
	return f()
}

// recovering answers a callback whose handling panicked with answer (that
// it did not work, for the person alone) instead of dropping the
// connection, which Mattermost would show as an error.
func (a *Adapter) recovering(h http.HandlerFunc, answer func(w http.ResponseWriter, text string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := a.guard(r.Context(), "mm:callback "+r.URL.Path, nil, func() error {
			h(w, r)
			return nil
		})
		if bot.IsPanic(err) {
			answer(w, a.texts.T("mattermost_try_again").Render(Markdown{}))
		}
	}
}

// Panics counts the updates whose mapping panicked in the adapter (a
// panic in the engine is counted with the handled updates).
func (a *Adapter) Panics() int64 { return a.panics.Load() }
