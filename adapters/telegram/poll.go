package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// poll long-polls getUpdates until ctx ends. The offset that confirms
// updates to Telegram moves only past updates that were handled and whose
// id is saved in Redis; an update whose handling fails is fetched and
// tried again, and given up after MaxAttempts.
func (a *Adapter) poll(ctx context.Context, h bot.Handler) error {
	last, err := retry(ctx, a, "read offset", func() (int, error) { return a.loadOffset(ctx) })
	if err != nil {
		return nil // ctx ended
	}
	// A webhook left over from an earlier configuration makes getUpdates
	// fail; its pending updates stay.
	if _, err := retry(ctx, a, "delete webhook", func() (json.RawMessage, error) {
		return a.api.call(ctx, "deleteWebhook", nil)
	}); err != nil {
		return nil
	}
	a.log.Info("polling for updates", "bot", a.self.UserName)
	// Telegram answered; a long poll in progress keeps the link up.
	a.link.up()
	attempts := map[int]int{}
	failures := 0
	for ctx.Err() == nil {
		// After a failure the next call does not wait for updates, so
		// the link is known to be up again at once.
		wait := a.opt.PollTimeout
		if failures > 0 {
			wait = 0
		}
		ups, err := a.getUpdates(ctx, last+1, wait)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			a.log.Warn("get updates", "err", err)
			a.link.down("get updates: " + err.Error())
			if a.opt.Sleep(ctx, retryWait(failures)) != nil {
				return nil
			}
			failures++
			continue
		}
		failures = 0
		a.link.up()
		done, failed := a.confirmable(ups, a.handleAll(ctx, h, ups, a.answerCall), attempts)
		if ctx.Err() != nil {
			return nil // a stopping process confirms nothing more
		}
		if done > last {
			if err := a.saveOffset(ctx, done); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				a.log.Warn("save offset", "err", err)
				failed = true
			} else {
				last = done
			}
		}
		if failed && a.opt.Sleep(ctx, retryWait(0)) != nil {
			return nil
		}
	}
	return nil
}

// confirmable returns the id up to which the batch may be confirmed: the
// updates before the first failure, a failure that used up its attempts,
// and an update that panicked.
func (a *Adapter) confirmable(ups []tgbotapi.Update, errs []error, attempts map[int]int) (done int, failed bool) {
	for i, up := range ups {
		// A panic was logged where it was recovered; handled again, the
		// update would only panic again.
		if err := errs[i]; err != nil && !bot.IsPanic(err) {
			attempts[up.UpdateID]++
			if attempts[up.UpdateID] < a.opt.MaxAttempts {
				a.log.Warn("handle update, will retry", "update", up.UpdateID, "err", err)
				return done, true
			}
			a.log.Error("handle update, giving up", "update", up.UpdateID, "attempts", attempts[up.UpdateID], "err", err)
		}
		delete(attempts, up.UpdateID)
		done = up.UpdateID
	}
	return done, false
}

func (a *Adapter) getUpdates(ctx context.Context, offset int, wait time.Duration) ([]tgbotapi.Update, error) {
	raw, err := a.api.call(ctx, "getUpdates", tgbotapi.Params{
		"offset":          strconv.Itoa(offset),
		"limit":           "100",
		"timeout":         strconv.Itoa(int(wait.Seconds())),
		"allowed_updates": allowedUpdates,
	})
	if err != nil {
		return nil, err
	}
	return a.decodeUpdates(raw)
}

// decodeUpdates reads getUpdates' result.
func (a *Adapter) decodeUpdates(raw []byte) ([]tgbotapi.Update, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(raw, &raws); err != nil {
		return nil, fmt.Errorf("decode updates: %w", err)
	}
	ups := make([]tgbotapi.Update, len(raws))
	for i, r := range raws {
		ups[i] = a.decodeUpdate(r)
	}
	return ups, nil
}

// decodeUpdate reads one update from getUpdates or the webhook. A shape
// this library does not know keeps only the id, so the update is
// confirmed and ignored rather than delivered forever.
func (a *Adapter) decodeUpdate(raw []byte) tgbotapi.Update {
	var up tgbotapi.Update
	if err := json.Unmarshal(raw, &up); err != nil {
		var id struct {
			UpdateID int `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &id)
		a.log.Warn("undecodable update", "update", id.UpdateID, "err", err)
		return tgbotapi.Update{UpdateID: id.UpdateID}
	}
	return up
}

// retry calls f until it succeeds or ctx ends, with backoff.
func retry[T any](ctx context.Context, a *Adapter, what string, f func() (T, error)) (T, error) {
	for n := 0; ; n++ {
		v, err := f()
		if err == nil {
			return v, nil
		}
		if ctx.Err() != nil {
			return v, ctx.Err()
		}
		a.log.Warn(what, "err", err)
		if err := a.opt.Sleep(ctx, retryWait(n)); err != nil {
			return v, err
		}
	}
}
