package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
)

// withEvents runs f on the community's events in the configured Redis.
func withEvents(ctx context.Context, c *call, f func(*flows.EventCLI) error) error {
	cfg, err := c.config()
	if err != nil {
		return err
	}
	return withEventsOf(c, cfg, f)
}

func withEventsOf(c *call, cfg *config.Config, f func(*flows.EventCLI) error) error {
	rdb, closeRedis, err := c.redis(cfg)
	if err != nil {
		return err
	}
	defer closeRedis()
	return f(flows.NewEventCLI(flows.Deps{Config: cfg, Store: app.NewStore(cfg, rdb), Now: time.Now}))
}

func defineEventCreate(fs *flag.FlagSet) func(context.Context, *call) error {
	var f flows.EventFields
	f.DefineFlags(fs)
	return func(ctx context.Context, c *call) error {
		return withEvents(ctx, c, func(e *flows.EventCLI) error { return e.Create(ctx, f, c.stdout) })
	}
}

func defineEventList(*flag.FlagSet) func(context.Context, *call) error {
	return func(ctx context.Context, c *call) error {
		return withEvents(ctx, c, func(e *flows.EventCLI) error { return e.List(ctx, c.stdout) })
	}
}

func defineEventEdit(fs *flag.FlagSet) func(context.Context, *call) error {
	var f flows.EventFields
	f.DefineFlags(fs)
	return func(ctx context.Context, c *call) error {
		return withEvents(ctx, c, func(e *flows.EventCLI) error { return e.Edit(ctx, c.args[0], f, c.stdout) })
	}
}

func defineEventCancel(*flag.FlagSet) func(context.Context, *call) error {
	return func(ctx context.Context, c *call) error {
		return withEvents(ctx, c, func(e *flows.EventCLI) error { return e.Cancel(ctx, c.args[0], c.stdout) })
	}
}

// defineEventPoster writes the event's printable poster. The QR code
// needs the bot's Telegram name: configured, or asked of Telegram (getMe)
// with the token.
func defineEventPoster(fs *flag.FlagSet) func(context.Context, *call) error {
	out := fs.String("out", "", "`FILE` to write (default plakat-ID.pdf)")
	return func(ctx context.Context, c *call) error {
		cfg, err := c.config()
		if err != nil {
			return err
		}
		if tg := &cfg.Telegram; tg.Username == "" && tg.Token != "" {
			if tg.Username, err = telegram.BotUsername(ctx, tg.Token, tg.APIURL); err != nil {
				return fmt.Errorf("event poster: the bot's name: %w", err)
			}
		}
		return withEventsOf(c, cfg, func(e *flows.EventCLI) error {
			f, err := e.Poster(ctx, c.args[0])
			if err != nil {
				return err
			}
			path := *out
			if path == "" {
				path = f.Name
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				return fmt.Errorf("event poster: %w", err)
			}
			_, err = fmt.Fprintln(c.stdout, path)
			return err
		})
	}
}
