package app

import (
	"context"
	"fmt"
	"net"

	"github.com/heimatbot/heimatbot/bot"
)

// Run connects the adapters (Connect), sends the events' reminders,
// invitations and notices and the weekly digest in the background, and
// serves the HTTP routes on http.addr (when set) and every adapter until
// ctx ends or one of them stops; then it shuts down gracefully (Serve).
func (a *App) Run(ctx context.Context, adapters []bot.Adapter) error {
	a.Connect(adapters...)
	wctx, stopWorker := context.WithCancel(ctx)
	defer a.startEventWorker(wctx)()
	defer stopWorker()
	stopDigest, err := a.startDigest(ctx)
	if err != nil {
		return err
	}
	defer stopDigest()
	var ln net.Listener
	if addr := a.cfg.HTTP.Addr; addr != "" {
		if ln, err = net.Listen("tcp", addr); err != nil {
			return fmt.Errorf("http server: %w", err)
		}
	}
	return a.Serve(ctx, ln, adapters)
}

// Connect makes the adapters the engine's senders, each counted by the
// metrics (messages sent, recipients blocked, and the 429s and retries of
// an adapter that tells them). Call it once, before any update comes.
func (a *App) Connect(adapters ...bot.Adapter) {
	for _, ad := range adapters {
		a.senders[ad.Platform()] = a.metrics.Sender(ad.Platform(), ad)
		if h, ok := ad.(bot.Hinter); ok {
			a.Catalog.Describe(ad.Platform(), h)
		}
		if t, ok := ad.(throttling); ok {
			a.metrics.Throttled(string(ad.Platform()), t.Throttling)
		}
		if p, ok := ad.(panicking); ok {
			a.metrics.AdapterPanics(string(ad.Platform()), p.Panics)
		}
	}
}

// throttling is what an adapter tells the metrics of the 429s it waited
// out and the calls it retried.
type throttling interface {
	Throttling() (rateLimited, retried int64)
}

// panicking is what an adapter tells the metrics of the updates whose
// mapping panicked before the engine saw them.
type panicking interface {
	Panics() int64
}
