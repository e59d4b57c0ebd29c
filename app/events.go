package app

import (
	"context"

	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/scheduler"
)

// startEventWorker sends the events' reminders, invitations and notices
// in the background until ctx ends; the returned function waits for it.
func (a *App) startEventWorker(ctx context.Context) (wait func()) {
	w := flows.NewWorker(flows.Deps{Config: a.cfg, Store: a.Store, Now: a.now, OrganizerNotice: a.channels.list}, a.senders, a.log,
		scheduler.BroadcastOptions{Observe: a.metrics.SchedulerRun})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Run(ctx)
	}()
	return func() { <-done }
}
