package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
)

// webhookSecret is the secret the bot registers and the load sends.
const webhookSecret = "heimatbot-load-secret"

// publicWebhook is the URL the bot registers with Telegram; a proxy in
// front would pass its path on to the bot's listener.
const publicWebhook = "https://bot.example.org/telegram/webhook"

// target is the system under load: the fake Bot API and the bot in
// webhook mode on a loopback listener.
type target struct {
	cfg     *config.Config
	fake    *telegramtest.Server
	store   *store.Store
	catalog *bot.Catalog
	webhook string // where the load POSTs updates
	stop    func()
}

// startTarget wires the bot through package app as cmd/heimatbot does
// (store, flows, engine, metrics, router, the Telegram adapter in webhook
// mode, its sends counted by the metrics) with the adapter's flood limits
// off, serves the app's routes on a loopback listener and waits until the
// webhook is registered. Unlike cmd/heimatbot it runs no event worker and
// no digest: their polling of Redis would count as the residents' round
// trips.
func startTarget(ctx context.Context, rdb redis.UniversalClient, community string, spec *telegramtest.Spec) (*target, error) {
	// The fake keeps no call log: over a long run it would grow to
	// gigabytes and slow the bot under test with it.
	fake := telegramtest.New(spec, telegramtest.WithoutCallLog())
	cfg := config.Default()
	cfg.Community.ID = community
	cfg.Telegram.Token, cfg.Telegram.APIURL = fake.Token(), fake.URL()
	cfg.Telegram.WebhookURL, cfg.Telegram.WebhookSecret = publicWebhook, webhookSecret
	log := slog.New(slog.DiscardHandler)
	a, err := app.New(cfg, rdb, log, time.Now)
	if err != nil {
		fake.Close()
		return nil, err
	}
	// Telegram's flood limits would measure Telegram, not the bot.
	a.TelegramLimits = telegram.Unlimited()
	runCtx, cancel := context.WithCancel(ctx)
	adapters, err := a.Platforms(runCtx)
	if err != nil {
		cancel()
		fake.Close()
		return nil, err
	}
	a.Connect(adapters...)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		fake.Close()
		return nil, fmt.Errorf("listen: %w", err)
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := a.Serve(runCtx, ln, adapters); err != nil {
			log.Error("serve", "err", err)
		}
	}()
	t := &target{
		cfg: cfg, fake: fake, store: a.Store, catalog: a.Catalog,
		webhook: "http://" + ln.Addr().String() + "/telegram/webhook",
		stop: func() {
			cancel()
			<-served
			fake.Close()
		},
	}
	if err := t.awaitWebhook(ctx); err != nil {
		t.stop()
		return nil, err
	}
	return t, nil
}

// awaitWebhook waits (up to 10 s) until the bot registered its webhook,
// which it does once it takes updates.
func (t *target) awaitWebhook(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, ok := t.fake.Webhook(); ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
	return errors.New("the bot did not register its webhook within 10 s")
}
