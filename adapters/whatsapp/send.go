package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/adapters/longpayload"
	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
)

// maxAttempts bounds the tries of one message after throttling, server
// and network errors.
const maxAttempts = 8

// Send delivers m. Within the person's 24-hour window: its text in as many
// messages as needed, its buttons as reply buttons or lists, its file
// uploaded as image or document. Outside it: the template of m's kind, or
// an error wrapping ErrWindowClosed and bot.ErrUnreachable (nobody can be
// reached then until they write again).
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	to := m.To.Chat
	if !isNumber(to) {
		return fmt.Errorf("whatsapp: recipient %q is no number", to)
	}
	u := bot.User{Platform: bot.WhatsApp, ID: to}
	buttons, err := a.shorten(ctx, m.Buttons)
	if err != nil {
		return err
	}
	m.Buttons = buttons
	open, err := a.isOpen(ctx, u)
	if err != nil {
		return err
	}
	if !open {
		if t, ok := a.opt.Templates[m.Kind]; ok && m.Kind != "" {
			return a.sendTemplate(ctx, u, m, t)
		}
		a.stats.windowClosed.Add(1)
		kind := m.Kind
		if kind == "" {
			kind = "answer"
		}
		a.log.Info("window closed and no template", "kind", kind)
		return fmt.Errorf("%w (%s): %w", ErrWindowClosed, kind, bot.ErrUnreachable)
	}
	msgs, err := a.render(ctx, u, m)
	if err != nil {
		return err
	}
	for _, om := range msgs {
		if err := a.post(ctx, u, om); err != nil {
			return err
		}
	}
	return nil
}

func isNumber(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// render turns m into Cloud API messages: the file, then the text (the
// last part bearing the buttons); a file with a short text and no buttons
// carries the text as its caption.
func (a *Adapter) render(ctx context.Context, u bot.User, m bot.Message) ([]outMessage, error) {
	to := u.ID
	bs := flatten(m.Buttons)
	var parts []string
	if !m.Text.IsZero() {
		parts = pack(m.Text, MaxText)
	}
	var out []outMessage
	if m.File != nil {
		// A short text without buttons is the file's caption; otherwise
		// the file comes first, so the buttons end the answer, where
		// the person taps.
		caption := ""
		if len(bs) == 0 && len(parts) == 1 && length(parts[0]) <= MaxBody {
			caption, parts = parts[0], nil
		}
		fm, err := a.fileMessage(ctx, to, m.File, caption, a.localizer(ctx, u))
		if err != nil {
			return nil, err
		}
		out = append(out, fm...)
	}
	if len(bs) == 0 {
		for _, p := range parts {
			out = append(out, textMessage(to, p))
		}
		return out, nil
	}
	// The buttons go under a body of at most 1,024 characters: the last
	// part, cut further when needed.
	body := ""
	if len(parts) > 0 {
		body = parts[len(parts)-1]
		parts = parts[:len(parts)-1]
		if length(body) > MaxBody {
			cs := chunks(body, MaxBody)
			parts = append(parts, cs[:len(cs)-1]...)
			body = cs[len(cs)-1]
		}
	}
	if strings.TrimSpace(body) == "" {
		body = "…"
	}
	for _, p := range parts {
		out = append(out, textMessage(to, p))
	}
	l := a.localizer(ctx, u)
	cs, err := choices(to, body, bs, l.S("whatsapp_choose"), l.S("whatsapp_more_choices"))
	if err != nil {
		return nil, err
	}
	return append(out, cs...), nil
}

func textMessage(to, body string) outMessage {
	m := newMessage(to, "text")
	m.Text = &outText{Body: body}
	return m
}

// documentTypes are the document types WhatsApp takes as they are; text
// files of other types (.ics, .csv, .json) go as text/plain under their
// own name.
var documentTypes = map[string]bool{
	"application/pdf":               true,
	"text/plain":                    true,
	"application/msword":            true,
	"application/vnd.ms-excel":      true,
	"application/vnd.ms-powerpoint": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
}

// uploadType is the type a file is uploaded as; ok is false when
// WhatsApp takes no file of its kind.
func uploadType(f *bot.File) (string, bool) {
	ct, _, _ := strings.Cut(f.ContentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	switch {
	case ct == "image/png" || ct == "image/jpeg":
		return ct, true
	case documentTypes[ct]:
		return ct, true
	case strings.HasPrefix(ct, "text/") || ct == "application/json":
		return "text/plain", true
	}
	switch strings.ToLower(path.Ext(f.Name)) {
	case ".ics", ".csv", ".json", ".txt":
		return "text/plain", true
	}
	return "", false
}

// fileMessage uploads f and returns the message showing it. A file of a
// kind WhatsApp does not take (a ZIP) is left out, with a log line and a
// word to the person that it cannot come this way, so the rest of the
// answer still goes.
func (a *Adapter) fileMessage(ctx context.Context, to string, f *bot.File, caption string, l *bot.Localizer) ([]outMessage, error) {
	mime, ok := uploadType(f)
	if !ok {
		a.log.Warn("file type WhatsApp does not take", "type", f.ContentType)
		var out []outMessage
		if caption != "" {
			out = append(out, textMessage(to, caption))
		}
		return append(out, textMessage(to, l.T("whatsapp_file_not_sendable", "Name", f.Name).Render(Markup{}))), nil
	}
	id, err := a.upload(ctx, f.Name, mime, f.Data)
	if err != nil {
		return nil, err
	}
	if mime == "image/png" || mime == "image/jpeg" {
		m := newMessage(to, "image")
		m.Image = &media{ID: id, Caption: caption}
		return []outMessage{m}, nil
	}
	m := newMessage(to, "document")
	m.Document = &media{ID: id, Caption: caption, Filename: f.Name}
	return []outMessage{m}, nil
}

// upload sends a file to Meta, retrying server and network errors.
func (a *Adapter) upload(ctx context.Context, name, mime string, data []byte) (string, error) {
	var id string
	err := a.attempt(ctx, func() error {
		var err error
		id, err = a.api.upload(ctx, name, mime, data)
		return err
	})
	if err != nil {
		a.stats.failed.Add(1)
		return "", fmt.Errorf("whatsapp: upload %s: %w", name, err)
	}
	return id, nil
}

// post sends one message in its turn: the recipient's pace, then the
// number's. Throttling answers are waited out, server and network errors
// retried; an undeliverable person is reported and marked.
func (a *Adapter) post(ctx context.Context, u bot.User, om outMessage) error {
	err := a.attempt(ctx, func() error {
		if err := a.pace.wait(ctx, u); err != nil {
			return err
		}
		_, err := a.api.send(ctx, om)
		return err
	})
	switch {
	case err == nil:
		a.stats.sent.Add(1)
		return nil
	case errors.Is(err, bot.ErrUnreachable):
		a.stats.unreachable.Add(1)
		a.opt.OnUnreachable(ctx, bot.Address{Platform: bot.WhatsApp, Chat: u.ID})
		return err
	case errors.Is(err, ErrWindowClosed):
		// Meta knows better than the note: the window is closed.
		if cerr := a.closed(ctx, u); cerr != nil {
			a.log.Warn("close window", "err", cerr)
		}
	}
	a.stats.failed.Add(1)
	return err
}

// attempt calls f until it succeeds, fails for good or the attempts are
// used up: throttling is waited out (Meta names no time: a second,
// doubling), server and network errors retried with backoff.
func (a *Adapter) attempt(ctx context.Context, f func() error) error {
	for n := 0; ; n++ {
		err := f()
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case n+1 >= maxAttempts:
			return err
		case throttled(err):
			a.stats.rateLimited.Add(1)
			a.log.Warn("whatsapp throttled", "err", err)
			if err := a.opt.Sleep(ctx, backoff.Wait(n, time.Second, 30*time.Second)); err != nil {
				return err
			}
		case temporary(err):
			a.stats.retried.Add(1)
			if err := a.opt.Sleep(ctx, backoff.Wait(n, 500*time.Millisecond, 30*time.Second)); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// shorten gives every button whose payload is longer than a list row's id
// may be (MaxRowID) a short id kept in Redis, which the webhook resolves
// when it is pressed.
func (a *Adapter) shorten(ctx context.Context, rows [][]bot.Button) ([][]bot.Button, error) {
	long := map[string]string{}
	out := make([][]bot.Button, len(rows))
	for i, row := range rows {
		out[i] = slices.Clone(row)
		for j, b := range row {
			if len(b.Payload) > MaxRowID || strings.HasPrefix(b.Payload, longpayload.Prefix) {
				id := longpayload.ID(b.Payload)
				long[id] = b.Payload
				out[i][j].Payload = id
			}
		}
	}
	return out, a.long.Keep(ctx, long)
}
