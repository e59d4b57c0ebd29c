package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/console"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
)

// run is the whole program: it parses flags, loads the configuration,
// wires store, bot and adapters, and returns when ctx ends or the console
// input does.
func run(ctx context.Context, args, environ []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("heimatbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "configuration file (default "+config.DefaultFile+" if present)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	env := envMap(environ)
	path := *cfgPath
	if path == "" {
		if _, err := os.Stat(config.DefaultFile); err == nil {
			path = config.DefaultFile
		}
	}
	cfg, err := config.Load(path, env)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log, stderr)

	rdb, closeRedis, err := openRedis(cfg.Redis, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()

	a, err := newApp(cfg, rdb, log, time.Now)
	if err != nil {
		return err
	}
	defer a.close()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	adapters, err := platformAdapters(ctx, cfg, a, mux, log)
	if err != nil {
		return err
	}
	if len(adapters) == 0 {
		// No platform configured: chat in the terminal.
		con := console.New(stdin, stdout, env["LANG"], filepath.Join(os.TempDir(), "heimatbot-files"))
		adapters = append(adapters, con)
	}
	for _, ad := range adapters {
		a.senders[ad.Platform()] = ad
	}
	return serve(ctx, cfg.HTTP.Addr, mux, adapters, a.router, log)
}

// platformAdapters builds the adapter of every platform the configuration
// switches on; each registers its HTTP handlers (webhooks, callbacks) on
// mux.
func platformAdapters(ctx context.Context, cfg *config.Config, a *app, mux *http.ServeMux, log *slog.Logger) ([]bot.Adapter, error) {
	var out []bot.Adapter
	if err := addTelegram(ctx, cfg, a, mux, log, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// serve runs the HTTP server (when an address is configured) and every
// adapter until ctx ends or one of them stops; the console stops when its
// input ends.
func serve(ctx context.Context, addr string, mux *http.ServeMux, adapters []bot.Adapter, h bot.Handler, log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, len(adapters)+1)
	var srv *http.Server
	if addr != "" {
		srv = &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() {
			log.Info("http server listening", "addr", addr)
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("http server: %w", err)
			}
		}()
	}
	for _, ad := range adapters {
		go func() {
			err := ad.Run(ctx, h)
			if err != nil {
				err = fmt.Errorf("%s: %w", ad.Platform(), err)
			}
			errc <- err
		}()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	cancel()
	if srv != nil {
		shutdown, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = srv.Shutdown(shutdown)
	}
	return err
}

// app is the wired bot, shared by every adapter.
type app struct {
	cfg     *config.Config
	store   *store.Store
	engine  *bot.Engine
	router  *bot.Router
	senders bot.Senders
}

func newApp(cfg *config.Config, rdb redis.UniversalClient, log *slog.Logger, now func() time.Time) (*app, error) {
	st := store.New(rdb, cfg.Community.ID, store.Options{ConversationTTL: cfg.Limits.ConversationTTL})
	cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
	if err != nil {
		return nil, err
	}
	set := flows.Build(flows.Deps{Config: cfg, Store: st, Now: now})
	a := &app{cfg: cfg, store: st, senders: bot.Senders{}}
	a.engine, err = bot.NewEngine(bot.EngineConfig{
		Store: st, Out: a.senders, Catalog: cat,
		Flows: set.Flows, Commands: set.Commands, Actions: set.Actions,
		Organizers: flows.NewOrganizers(cfg.Organizers, cfg.Console.Organizer),
		StartFlow:  flows.StartFlow, MaxInput: cfg.Limits.MessageMax, Now: now, Log: log,
	})
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	a.router = bot.NewRouter(a.engine, 64)
	return a, nil
}

func (a *app) close() { a.router.Close() }

// openRedis connects to the configured Redis, or starts the embedded store
// and says that its data is lost on exit.
func openRedis(r config.Redis, stderr io.Writer) (redis.UniversalClient, func(), error) {
	if r.URL == "" && len(r.Addrs) == 0 {
		rdb, stop, err := store.Embedded()
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintln(stderr, "No REDIS_URL: using an embedded store. Its data is lost when heimatbot exits.")
		return rdb, stop, nil
	}
	rdb, err := store.Open(store.Addr{URL: r.URL, Addrs: r.Addrs, MasterName: r.MasterName, Password: r.Password})
	if err != nil {
		return nil, nil, err
	}
	return rdb, func() { _ = rdb.Close() }, nil
}

func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}
