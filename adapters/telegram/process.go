package telegram

import (
	"context"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/bot"
)

// submitter is the bot.Router's way in: one chat's updates in order,
// different chats in parallel.
type submitter interface {
	Submit(u bot.Update) <-chan error
}

// prepared is a Telegram update ready for the handler; skip is set for
// updates the bot ignores.
type prepared struct {
	u    bot.Update
	skip bool
	cq   *tgbotapi.CallbackQuery
	// note answers a skipped press, such as one on someone else's button.
	note string
}

// prepare maps an update and resolves a short button id. A press the bot
// handles is acknowledged through the update's Ack.
func (a *Adapter) prepare(ctx context.Context, up *tgbotapi.Update, answer answerFunc) (prepared, error) {
	u, ok := a.toUpdate(up)
	p := prepared{u: u, skip: !ok, cq: up.CallbackQuery}
	if !ok {
		return p, nil
	}
	if u.Button != "" {
		payload, owner, err := a.resolve(ctx, u.Button)
		if err != nil {
			return p, err
		}
		if owner != "" && owner != u.User.ID {
			// Someone else's button in a group: it changes nothing, and
			// the answer says so to whoever pressed it, and only to them.
			p.skip = true
			p.note = a.textsFor(ctx, u.User).S("telegram_button_not_yours")
			return p, nil
		}
		p.u.Button = payload
		cq := up.CallbackQuery
		p.u.Ack = func(ctx context.Context, o bot.PressOutcome) { a.acknowledge(ctx, cq, answer, o) }
		if cq.Message != nil {
			p.u.Pressed = strconv.Itoa(cq.Message.MessageID)
		}
	}
	return p, nil
}

// handleAll handles a batch: updates go to h in order (through the
// router when h is one, so chats run in parallel), and it returns when
// all are done with each update's error. A press the bot ignores is
// answered at once, so the client stops spinning.
func (a *Adapter) handleAll(ctx context.Context, h bot.Handler, ups []tgbotapi.Update, answer answerFunc) []error {
	errs := make([]error, len(ups))
	results := make([]<-chan error, len(ups))
	sub, parallel := h.(submitter)
	for i := range ups {
		up := &ups[i]
		var p prepared
		if err := a.guard(ctx, up, func() (err error) {
			p, err = a.prepare(ctx, up, answer)
			return err
		}); err != nil {
			errs[i] = err
			continue
		}
		if p.skip {
			if p.cq != nil {
				answer(ctx, p.cq, p.note)
			}
			continue
		}
		if parallel {
			results[i] = sub.Submit(p.u)
		} else {
			errs[i] = a.guard(ctx, up, func() error { return h.Handle(ctx, p.u) })
		}
	}
	for i, ch := range results {
		if ch != nil {
			errs[i] = <-ch
		}
	}
	for i, err := range errs {
		// A press whose update panicked is confirmed: its spinner stops.
		if cq := ups[i].CallbackQuery; cq != nil && bot.IsPanic(err) {
			answer(ctx, cq, "")
		}
	}
	return errs
}
