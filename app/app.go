// Package app is the wired bot: the store, the flows behind the engine and
// the router, the metrics, the platform adapters and the HTTP routes, as
// cmd/heimatbot runs it and cmd/heimatbot-load measures it.
//
// New wires the core on a Redis client; Platforms builds the adapters the
// configuration switches on; Connect makes them the engine's senders,
// counted by the metrics; Serve serves them and the HTTP routes until the
// context ends and shuts down gracefully; Run does all of it on
// http.addr, with the event worker and the weekly digest beside.
package app

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/metrics"
	"github.com/heimatbot/heimatbot/store"
)

// App is the wired bot, shared by every adapter: the store, the engine
// behind the router (with metrics), the senders per platform and the HTTP
// routes.
type App struct {
	// Store and Catalog are the community's store and the messages, as
	// New made them.
	Store   *store.Store
	Catalog *bot.Catalog
	// TelegramLimits are the flood limits the Telegram adapter keeps;
	// zero keeps Telegram's (telegram.TelegramLimits). Only the load
	// tool switches them off (telegram.Unlimited), to measure the bot
	// rather than Telegram; set it before Platforms.
	TelegramLimits telegram.Limits

	cfg     *config.Config
	log     *slog.Logger
	now     func() time.Time
	set     flows.Set
	engine  *bot.Engine
	router  *bot.Router
	senders bot.Senders
	metrics *metrics.Metrics
	mux     *http.ServeMux
	// organizers are further sources adapters add as they connect (the
	// Mattermost organizer channel).
	organizers *moreOrganizers
	// channels are the organizer channels adapters name as they connect.
	channels *growing[bot.Address]
}

// New wires the bot for the configured community on rdb: the store, the
// flows, the engine behind a router, the metrics (which count every
// Redis failure on rdb) and the routes /healthz and /metrics.
func New(cfg *config.Config, rdb redis.UniversalClient, log *slog.Logger, now func() time.Time) (*App, error) {
	st := NewStore(cfg, rdb)
	cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log, now: now, Store: st, Catalog: cat, senders: bot.Senders{}, mux: http.NewServeMux(), organizers: &moreOrganizers{}, channels: &growing[bot.Address]{}}
	a.metrics = metrics.New(st.ActiveConversations)
	a.set = flows.Build(flows.Deps{
		Config: cfg, Store: st, Now: now, OrganizerNotice: a.channels.list,
		Digest: digestsource.New(st), Catalog: cat,
	})
	a.engine, err = bot.NewEngine(bot.EngineConfig{
		Store: st, Out: a.senders, Catalog: cat,
		Flows: a.set.Flows, Commands: a.set.Commands, Actions: a.set.Actions,
		Organizers: flows.NewOrganizers(cfg.Organizers, cfg.Console.Organizer, a.organizers),
		StartFlow:  flows.StartFlow, MaxInput: cfg.Limits.MessageMax, Now: now, Log: log,
	})
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	// Every Redis error of the process counts, whoever meets it: the
	// engine, the flows, the scheduler, the adapters.
	rdb.AddHook(store.Failures(a.metrics.RedisError))
	a.router = bot.NewRouter(a.metrics.Middleware(a.engine))
	a.router.OnSubmit(a.metrics.UpdateReceived)
	a.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	a.mux.Handle("GET /metrics", a.metrics.Handler())
	return a, nil
}

// NewStore is the configured community's store on rdb.
func NewStore(cfg *config.Config, rdb redis.UniversalClient) *store.Store {
	return store.New(rdb, cfg.Community.ID, store.Options{ConversationTTL: cfg.Limits.ConversationTTL, WaitReplicas: cfg.Redis.WaitReplicas})
}
