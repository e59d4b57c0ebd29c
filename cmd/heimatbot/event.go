package main

import (
	"context"
	"flag"
	"time"

	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/flows"
)

// withEvents runs f on the community's events in the configured Redis.
func withEvents(ctx context.Context, c *call, f func(*flows.EventCLI) error) error {
	cfg, err := c.config()
	if err != nil {
		return err
	}
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
