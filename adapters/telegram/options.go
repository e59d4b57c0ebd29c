package telegram

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// Options configure an Adapter. Token and Store are required.
type Options struct {
	Token string
	// APIURL is the Bot API server's base URL (DefaultAPIURL when empty),
	// for a self-hosted server or a fake.
	APIURL string
	// WebhookURL switches from long polling to a webhook: the public URL
	// Telegram posts to. Its path is served on Mux; WebhookSecret is
	// required with it.
	WebhookURL    string
	WebhookSecret string
	Mux           *http.ServeMux

	// Store keeps the polling offset and long button payloads.
	Store *store.Store

	// Commands and Catalog make the command menu (setMyCommands) in every
	// catalog language; commands without a Help id are left out.
	Commands []bot.Command
	Catalog  *bot.Catalog

	// OnUnreachable is called when Telegram refuses to deliver to a chat
	// because the person blocked the bot (403).
	OnUnreachable func(ctx context.Context, to bot.Address)

	// Limits are the flood limits the sender keeps (TelegramLimits when
	// zero).
	Limits Limits

	// HTTPClient calls the Bot API; the default has timeouts in every phase.
	HTTPClient *http.Client
	// PollTimeout is how long one getUpdates waits (default 25 s).
	PollTimeout time.Duration
	// ButtonTTL is how long a long button payload stays resolvable
	// (default 30 days).
	ButtonTTL time.Duration
	// MaxAttempts is how often an update whose handling fails is tried
	// before it is given up (default 5).
	MaxAttempts int

	// Now and Sleep are the clock, for tests; Sleep returns early with the
	// context's error.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Log   *slog.Logger
}

func (o *Options) defaults() {
	if o.PollTimeout <= 0 {
		o.PollTimeout = 25 * time.Second
	}
	if o.HTTPClient == nil {
		o.HTTPClient = newHTTPClient(o.PollTimeout)
	}
	if o.ButtonTTL <= 0 {
		o.ButtonTTL = 30 * 24 * time.Hour
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.Limits == (Limits{}) {
		o.Limits = TelegramLimits()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = backoff.Sleep
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.OnUnreachable == nil {
		o.OnUnreachable = func(context.Context, bot.Address) {}
	}
}
