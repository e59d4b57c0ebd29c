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

// DirectChatter is an adapter that can reach a person in their direct chat
// with the bot, where the engine sends what is personal (a profile, an
// export, the person's own answers) when they asked in a shared chat. The
// address may still be unreachable when sent to (Telegram writes only to
// people who started the bot): Send then gives ErrUnreachable.
type DirectChatter interface {
	DirectChat(ctx context.Context, u User) (Address, error)
}

// ErrNoDirectChat is returned by DirectChat where the platform has no
// direct chat with the person.
var ErrNoDirectChat = errors.New("no direct chat with the person")

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

// DirectChat asks the adapter of the person's platform for their direct
// chat.
func (s Senders) DirectChat(ctx context.Context, u User) (Address, error) {
	if d, ok := s[u.Platform].(DirectChatter); ok {
		return d.DirectChat(ctx, u)
	}
	return Address{}, ErrNoDirectChat
}
