package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync/atomic"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/longpayload"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// Adapter is the Telegram platform: a bot.Adapter.
type Adapter struct {
	opt    Options
	api    *client
	self   tgbotapi.User
	store  *store.Store
	rdb    redis.UniversalClient
	long   *longpayload.Store // button payloads too long for callback_data
	texts  *bot.Catalog       // the adapter's own texts
	limits *limiter
	log    *slog.Logger
	stats  counters

	// handler is set when Run starts; the webhook refuses updates before.
	handler atomic.Pointer[bot.Handler]
	link    link
}

var _ bot.Adapter = (*Adapter)(nil)

// New connects to the Bot API (getMe) and, with a webhook URL, registers
// the webhook handler on opt.Mux. Nothing is received before Run.
func New(ctx context.Context, opt Options) (*Adapter, error) {
	opt.defaults()
	if opt.Token == "" {
		return nil, errors.New("telegram: no token")
	}
	if opt.Store == nil {
		return nil, errors.New("telegram: no store")
	}
	var hook *url.URL
	if opt.WebhookURL != "" {
		var err error
		if hook, err = url.Parse(opt.WebhookURL); err != nil {
			return nil, fmt.Errorf("telegram: webhook url: %w", err)
		}
		if opt.WebhookSecret == "" || opt.Mux == nil {
			return nil, errors.New("telegram: a webhook needs a secret and a mux")
		}
	}
	texts, err := bot.LoadCatalog(locales, "locales", "de")
	if err != nil {
		return nil, fmt.Errorf("telegram: texts: %w", err)
	}
	api, err := newClient(ctx, opt.Token, opt.APIURL, opt.HTTPClient)
	if err != nil {
		return nil, fmt.Errorf("telegram: connect: %w", err)
	}
	a := &Adapter{
		opt: opt, api: api, self: api.api.Self, store: opt.Store, rdb: opt.Store.Client(), texts: texts,
		limits: newLimiter(opt.Limits, opt.Now, opt.Sleep), log: opt.Log.With("platform", "telegram"),
		long: longpayload.New(opt.Store.Client(), func(id string) string { return opt.Store.Key("telegram", "button", id) }, opt.ButtonTTL),
	}
	a.link.down("not started")
	if hook != nil {
		path := hook.Path
		if path == "" || path == "/" {
			path = "/telegram/webhook"
		}
		opt.Mux.Handle("POST "+path, a.Webhook())
	}
	return a, nil
}

// Platform is bot.Telegram.
func (a *Adapter) Platform() bot.Platform { return bot.Telegram }

// Username is the bot's Telegram username, from getMe.
func (a *Adapter) Username() string { return a.self.UserName }

// Run sets the command menu and receives updates until ctx ends: by long
// polling, or through the webhook when one is configured.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	a.handler.Store(&h)
	defer a.link.down("stopped")
	if err := a.setCommands(ctx); err != nil {
		a.log.Warn("set command menu", "err", err)
	}
	if a.opt.WebhookURL != "" {
		return a.runWebhook(ctx)
	}
	return a.poll(ctx, h)
}

// allowedUpdates are the kinds the bot asks for.
const allowedUpdates = `["message","edited_message","callback_query"]`
