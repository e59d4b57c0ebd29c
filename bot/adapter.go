package bot

import (
	"context"
	"errors"
)

// Handler handles one update. It returns only after the update's effects are
// stored, so an adapter may confirm the update to its platform when it
// returns nil.
type Handler interface {
	Handle(ctx context.Context, u Update) error
}

// HandlerFunc lets a plain function be a Handler.
type HandlerFunc func(ctx context.Context, u Update) error

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, u Update) error { return f(ctx, u) }

// Sender delivers messages on one platform.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Adapter connects one platform: it receives updates and passes them to a
// Handler until ctx ends, and it sends messages.
type Adapter interface {
	Sender
	Platform() Platform
	Run(ctx context.Context, h Handler) error
}

// ErrUnreachable is returned by Send when the person blocked the bot or left
// the platform. It is no failure of the bot: the person is marked
// unreachable until they write again.
var ErrUnreachable = errors.New("recipient unreachable")

// Senders routes messages to the adapter of their platform.
type Senders map[Platform]Sender

// Send delivers m through the sender of its platform.
func (s Senders) Send(ctx context.Context, m Message) error {
	snd, ok := s[m.To.Platform]
	if !ok {
		return errors.New("no adapter for platform " + string(m.To.Platform))
	}
	return snd.Send(ctx, m)
}
