package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

// Platforms builds the adapter of every platform the configuration
// switches on (Telegram, Mattermost, WhatsApp); each registers its HTTP handlers
// (webhooks, callbacks) on the app's mux. None is connected yet (Connect).
func (a *App) Platforms(ctx context.Context) ([]bot.Adapter, error) {
	var out []bot.Adapter
	if err := a.addTelegram(ctx, &out); err != nil {
		return nil, err
	}
	if err := a.addMattermost(ctx, &out); err != nil {
		return nil, err
	}
	if err := a.addWhatsApp(ctx, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// health is what an adapter tells /readyz: nil when connected.
type health interface {
	Healthy(ctx context.Context) error
}

// Serve serves the HTTP routes on ln (when not nil) and runs every
// adapter until ctx ends or one of them stops (the console, when its input
// ends). Then it shuts down gracefully: at once the router refuses new
// updates (their platform delivers them again, to another replica or
// after the restart), the adapters stop receiving and the HTTP server
// stops accepting connections; the updates in hand get the grace period
// to finish, and what is not confirmed by then is delivered again. The
// adapters must be connected (Connect) first.
func (a *App) Serve(ctx context.Context, ln net.Listener, adapters []bot.Adapter) error {
	a.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := a.Store.Ping(r.Context()); err != nil {
			http.Error(w, "redis: unreachable", http.StatusServiceUnavailable)
			return
		}
		for _, ad := range adapters {
			if h, ok := ad.(health); ok {
				if err := h.Healthy(r.Context()); err != nil {
					http.Error(w, string(ad.Platform())+": "+err.Error(), http.StatusServiceUnavailable)
					return
				}
			}
		}
		_, _ = io.WriteString(w, "ready\n")
	})

	runCtx, stopAdapters := context.WithCancel(ctx)
	defer stopAdapters()
	errc := make(chan error, len(adapters)+1)
	var srv *http.Server
	if ln != nil {
		srv = &http.Server{Handler: a.mux, ReadHeaderTimeout: 10 * time.Second}
		go func() {
			a.log.Info("http server listening", "addr", ln.Addr().String())
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("http server: %w", err)
			}
		}()
	}
	var running sync.WaitGroup
	for _, ad := range adapters {
		running.Go(func() {
			err := ad.Run(runCtx, a.router)
			if err != nil {
				err = fmt.Errorf("%s: %w", ad.Platform(), err)
			}
			errc <- err
		})
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	a.log.Info("shutting down", "grace", a.cfg.ShutdownGrace)
	grace, done := context.WithTimeout(context.Background(), a.cfg.ShutdownGrace)
	defer done()
	var stopping sync.WaitGroup
	stopping.Go(func() {
		if rerr := a.router.Shutdown(grace); rerr != nil {
			a.log.Warn("updates still in hand at the end of the grace period; they will be delivered again", "err", rerr)
		}
	})
	stopAdapters()
	if srv != nil {
		stopping.Go(func() { _ = srv.Shutdown(grace) })
	}
	stopping.Go(func() {
		adaptersDone := make(chan struct{})
		go func() { running.Wait(); close(adaptersDone) }()
		select {
		case <-adaptersDone:
		case <-grace.Done():
			a.log.Warn("adapters still stopping at the end of the grace period")
		}
	})
	stopping.Wait()
	return err
}
