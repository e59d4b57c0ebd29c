package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/longpayload"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// buttonTTL is how long a long button payload stays resolvable: as long
// as a list may be answered in practice.
const buttonTTL = 30 * 24 * time.Hour

// Adapter is the WhatsApp platform: a bot.Adapter.
type Adapter struct {
	opt   Options
	api   *client
	store *store.Store
	rdb   redis.UniversalClient
	long  *longpayload.Store // button payloads too long for a row id
	pace  *pacer
	texts *bot.Catalog
	log   *slog.Logger
	stats counters
	// recent are the people who wrote to this process, and when.
	recent recent

	// handler is set when Run starts; the webhook refuses messages before.
	handler atomic.Pointer[bot.Handler]
}

var _ bot.Adapter = (*Adapter)(nil)

// New makes the adapter and registers its webhook on opt.Mux. Nothing is
// received before Run.
func New(opt Options) (*Adapter, error) {
	opt.defaults()
	switch {
	case opt.Token == "":
		return nil, errors.New("whatsapp: no token")
	case opt.AppSecret == "":
		return nil, errors.New("whatsapp: no app secret")
	case opt.VerifyToken == "":
		return nil, errors.New("whatsapp: no verify token")
	case opt.PhoneNumberID == "":
		return nil, errors.New("whatsapp: no phone number id")
	case opt.Store == nil:
		return nil, errors.New("whatsapp: no store")
	case opt.Mux == nil:
		return nil, errors.New("whatsapp: no mux for the webhook")
	}
	texts, err := loadTexts()
	if err != nil {
		return nil, err
	}
	a := &Adapter{
		opt: opt, store: opt.Store, rdb: opt.Store.Client(), texts: texts,
		long: longpayload.New(opt.Store.Client(), func(id string) string { return opt.Store.Key("whatsapp", "button", id) }, buttonTTL),
		api:  &client{http: opt.HTTPClient, base: opt.APIURL, token: opt.Token, phone: opt.PhoneNumberID},
		log:  opt.Log.With("platform", string(bot.WhatsApp)),
		pace: newPacer(opt.Store, opt.Pace, opt.AppSecret, opt.Sleep),
	}
	opt.Mux.Handle("GET "+opt.Path, a.verify())
	opt.Mux.Handle("POST "+opt.Path, a.Webhook())
	return a, nil
}

// Platform is bot.WhatsApp.
func (a *Adapter) Platform() bot.Platform { return bot.WhatsApp }

// Run accepts webhooks with h until ctx ends.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	a.handler.Store(&h)
	defer a.handler.Store(nil)
	a.log.Info("receiving messages by webhook", "path", a.opt.Path)
	<-ctx.Done()
	return nil
}

// Healthy reports, for /readyz, whether messages can reach the bot: once
// Run has started.
func (a *Adapter) Healthy(context.Context) error {
	if a.handler.Load() == nil {
		return errors.New("not started")
	}
	return nil
}
