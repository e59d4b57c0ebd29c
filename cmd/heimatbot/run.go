package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/adapters/console"
	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/config"
)

// run is the whole program: it parses flags, loads the configuration,
// opens Redis, has package app wire the bot and the adapters (the terminal
// chat when no platform is configured), and returns when ctx ends (after
// a graceful shutdown) or the console input does.
func run(ctx context.Context, args, environ []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && tools[args[0]] {
		return runTool(ctx, args[0], args[1:], environ, stdout, stderr)
	}
	fs := flag.NewFlagSet("heimatbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "configuration file (default "+config.DefaultFile+" if present)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	env := envMap(environ)
	cfg, err := loadConfig(*cfgPath, env)
	if err != nil {
		return err
	}
	log, level := newLogger(cfg.Log, stderr)
	if rest := fs.Args(); len(rest) > 0 && rest[0] == "event" {
		return eventCommand(ctx, cfg, rest[1:], stdout, stderr)
	}

	rdb, closeRedis, err := openRedis(cfg.Redis, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()

	a, err := app.New(cfg, rdb, log, time.Now)
	if err != nil {
		return err
	}
	adapters, err := a.Platforms(ctx)
	if err != nil {
		return err
	}
	if len(adapters) == 0 {
		// No platform configured: chat in the terminal, which the log
		// would clutter; it says only what goes wrong there.
		if level.Level() < slog.LevelWarn {
			level.Set(slog.LevelWarn)
		}
		adapters = append(adapters, console.New(stdin, stdout, env["LANG"], filepath.Join(os.TempDir(), "heimatbot-files")))
	}
	return a.Run(ctx, adapters)
}

// newLogger builds the process's logger; its level can be changed later.
func newLogger(c config.Log, w io.Writer) (*slog.Logger, *slog.LevelVar) {
	level := new(slog.LevelVar)
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), level
	}
	return slog.New(slog.NewTextHandler(w, opts)), level
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
