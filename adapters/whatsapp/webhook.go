package whatsapp

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook's body.
const SignatureHeader = "X-Hub-Signature-256"

// verify answers Meta's verification handshake: the challenge is echoed
// when the mode is subscribe and the token is the verify token.
func (a *Adapter) verify() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("hub.mode") != "subscribe" ||
			subtle.ConstantTimeCompare([]byte(q.Get("hub.verify_token")), []byte(a.opt.VerifyToken)) != 1 {
			http.Error(w, "verification failed", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, q.Get("hub.challenge"))
	})
}

// Sign is the X-Hub-Signature-256 value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// signed reports whether header is body's signature under secret.
func signed(secret, header string, body []byte) bool {
	got, ok := strings.CutPrefix(header, "sha256=")
	if !ok {
		return false
	}
	sum, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(sum, mac.Sum(nil))
}

// Webhook is the handler of Meta's POSTs. A missing signature is answered
// 401 and a wrong one 403, before the body is parsed; 200 follows only
// once every message in it is handled, and any failure asks Meta to
// deliver the payload again (what was handled is recognised then).
func (a *Adapter) Webhook() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxPayload+1))
		if err != nil {
			http.Error(w, "read body", http.StatusBadRequest)
			return
		}
		sig := r.Header.Get(SignatureHeader)
		switch {
		case sig == "":
			http.Error(w, "missing signature", http.StatusUnauthorized)
			return
		case !signed(a.opt.AppSecret, sig, body):
			http.Error(w, "wrong signature", http.StatusForbidden)
			return
		}
		hp := a.handler.Load()
		if hp == nil {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		p, err := ParseWebhook(body)
		if err != nil {
			// Signed by Meta, yet unreadable: asking again would bring the
			// same bytes, so it is refused for good.
			a.log.Warn("unreadable webhook", "err", err)
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		if err := a.handlePayload(r.Context(), *hp, p); err != nil {
			a.log.Warn("handle webhook", "err", err)
			http.Error(w, "not handled", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// submitter is the bot.Router's way in: one chat's updates in order,
// different chats in parallel.
type submitter interface {
	Submit(u bot.Update) <-chan error
}

// handlePayload handles every status and message of p; messages go to h
// in order (through the router when h is one). It returns once all are
// done, with their errors joined. A panic is an error, not a crash.
func (a *Adapter) handlePayload(ctx context.Context, h bot.Handler, p Payload) (err error) {
	defer func() {
		if v := recover(); v != nil {
			a.log.Error("panic handling webhook", "panic", v, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	var errs []error
	var waits []<-chan error
	sub, parallel := h.(submitter)
	for _, e := range p.Entry {
		for _, c := range e.Changes {
			if c.Field != "messages" {
				continue
			}
			if c.Value.Metadata.PhoneNumberID != "" && c.Value.Metadata.PhoneNumberID != a.opt.PhoneNumberID {
				continue // another number of the same app
			}
			for _, s := range c.Value.Statuses {
				a.status(ctx, s)
			}
			for _, m := range c.Value.Messages {
				u, ok := toUpdate(m)
				if !ok {
					continue
				}
				if u.Button != "" {
					payload, err := a.long.Resolve(ctx, u.Button)
					if err != nil {
						errs = append(errs, err)
						continue
					}
					u.Button = payload
				}
				if err := a.opened(ctx, u.User); err != nil {
					errs = append(errs, err)
					continue
				}
				if parallel {
					waits = append(waits, sub.Submit(u))
				} else {
					errs = append(errs, a.handleOne(ctx, h, u))
				}
			}
		}
	}
	for _, ch := range waits {
		errs = append(errs, <-ch)
	}
	return errors.Join(errs...)
}

func (a *Adapter) handleOne(ctx context.Context, h bot.Handler, u bot.Update) (err error) {
	defer func() {
		if v := recover(); v != nil {
			a.log.Error("panic handling message", "panic", v, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return h.Handle(ctx, u)
}

// status counts a sent message's status; a failure for an undeliverable
// person marks them unreachable, one for a closed window closes it here.
func (a *Adapter) status(ctx context.Context, s Status) {
	a.stats.status(s.Status)
	if s.Status != "failed" {
		return
	}
	to := bot.Address{Platform: bot.WhatsApp, Chat: s.RecipientID}
	for _, e := range s.Errors {
		a.log.Warn("message failed", "code", e.Code, "title", e.Title)
		switch e.Code {
		case CodeUndeliverable:
			a.stats.unreachable.Add(1)
			a.opt.OnUnreachable(ctx, to)
		case CodeOutsideWindow:
			if err := a.closed(ctx, bot.User{Platform: bot.WhatsApp, ID: s.RecipientID}); err != nil {
				a.log.Warn("close window", "err", err)
			}
		}
	}
}
