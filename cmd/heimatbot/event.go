package main

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/scheduler"
)

// eventCommand runs `heimatbot event ...` against the configured Redis.
func eventCommand(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	rdb, closeRedis, err := openRedis(cfg.Redis, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()
	st := newStore(cfg, rdb)
	return flows.EventCommand(ctx, flows.Deps{Config: cfg, Store: st, Now: time.Now}, args, stdout)
}

// startEventWorker sends the events' reminders, invitations and notices
// in the background until ctx ends; the returned function waits for it.
func startEventWorker(ctx context.Context, a *app, log *slog.Logger) (wait func()) {
	w := flows.NewWorker(flows.Deps{Config: a.cfg, Store: a.store, Now: time.Now}, a.senders, log,
		scheduler.BroadcastOptions{Observe: a.metrics.SchedulerRun})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Run(ctx)
	}()
	return func() { <-done }
}
