package main

import (
	"context"
	"io"
	"time"

	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
)

// eventCommand runs `heimatbot event ...` against the configured Redis.
func eventCommand(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	rdb, closeRedis, err := openRedis(cfg.Redis, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()
	st := app.NewStore(cfg, rdb)
	return flows.EventCommand(ctx, flows.Deps{Config: cfg, Store: st, Now: time.Now}, args, stdout)
}
