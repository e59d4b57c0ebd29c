package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/metrics"
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
	set     flows.Set
	webhook string // where the load POSTs updates
	stop    func()
}

// startTarget wires the bot as cmd/heimatbot does (store, flows, engine
// with organizers and metrics, a router, the Telegram adapter
// on an HTTP mux) and waits until its webhook is registered.
func startTarget(ctx context.Context, rdb redis.UniversalClient, community string, spec *telegramtest.Spec) (*target, error) {
	// The fake keeps no call log: over a long run it would grow to
	// gigabytes and slow the bot under test with it.
	fake := telegramtest.New(spec, telegramtest.WithoutCallLog())
	cfg := config.Default()
	cfg.Community.ID = community
	log := slog.New(slog.DiscardHandler)
	st := store.New(rdb, community, store.Options{ConversationTTL: cfg.Limits.ConversationTTL})
	cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
	if err != nil {
		fake.Close()
		return nil, err
	}
	set := flows.Build(flows.Deps{Config: cfg, Store: st, Now: time.Now})
	senders := bot.Senders{}
	eng, err := bot.NewEngine(bot.EngineConfig{
		Store: st, Out: senders, Catalog: cat,
		Flows: set.Flows, Commands: set.Commands, Actions: set.Actions,
		Organizers: flows.NewOrganizers(cfg.Organizers, false),
		StartFlow:  flows.StartFlow, MaxInput: cfg.Limits.MessageMax, Now: time.Now, Log: log,
	})
	if err != nil {
		fake.Close()
		return nil, fmt.Errorf("flows: %w", err)
	}
	m := metrics.New(nil)
	router := bot.NewRouter(m.Middleware(eng))

	mux := http.NewServeMux()
	runCtx, cancel := context.WithCancel(ctx)
	ad, err := telegram.New(runCtx, telegram.Options{
		Token: fake.Token(), APIURL: fake.URL(),
		WebhookURL: publicWebhook, WebhookSecret: webhookSecret, Mux: mux,
		Store: st, Limits: telegram.Unlimited(), Log: log,
	})
	if err != nil {
		cancel()
		router.Close()
		fake.Close()
		return nil, fmt.Errorf("telegram: %w", err)
	}
	senders[bot.Telegram] = ad

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		router.Close()
		fake.Close()
		return nil, fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server", "err", err)
		}
	}()
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		_ = ad.Run(runCtx, router)
	}()
	t := &target{
		cfg: cfg, fake: fake, store: st, catalog: cat, set: set,
		webhook: "http://" + ln.Addr().String() + "/telegram/webhook",
		stop: func() {
			sctx, done := context.WithTimeout(context.Background(), 10*time.Second)
			defer done()
			_ = srv.Shutdown(sctx)
			<-served
			cancel()
			<-ran
			_ = router.Shutdown(sctx)
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
