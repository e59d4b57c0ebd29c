package bot

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned for updates submitted after the router shut down;
// the platform delivers them again later.
var ErrClosed = errors.New("router closed")

// Router passes updates to a Handler so that the updates of one chat are
// handled one at a time in the order they were submitted, and different
// chats in parallel: a chat never waits behind another chat's updates.
// Each submitter waits for its result, so a chat's queue is no longer
// than the updates of that chat in hand.
//
// Handling runs under the router's own context, not the submitter's, so a
// shutdown lets the updates in hand finish (within its grace period)
// instead of breaking them off half-way.
type Router struct {
	next   Handler
	chats  Serial
	ctx    context.Context
	stop   context.CancelFunc
	mu     sync.RWMutex
	closed bool
	// submitted, when set, hears of every update submitted.
	submitted func(Update)
}

// NewRouter starts a router.
func NewRouter(next Handler) *Router {
	r := &Router{next: next}
	r.ctx, r.stop = context.WithCancel(context.Background())
	return r
}

func (r *Router) handle(u Update) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Recovered(u.ID, p)
		}
	}()
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return r.next.Handle(r.ctx, u)
}

// OnSubmit makes f hear of every update submitted, before it is queued,
// including those refused with ErrClosed while shutting down: the metrics
// count them as received. Call it before the first Submit.
func (r *Router) OnSubmit(f func(Update)) { r.submitted = f }

// Submit queues u behind earlier updates of its chat and returns a channel
// that receives the result. Updates submitted one after another from one
// goroutine are handled in that order.
func (r *Router) Submit(u Update) <-chan error {
	if r.submitted != nil {
		r.submitted(u)
	}
	done := make(chan error, 1)
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		done <- ErrClosed
		return done
	}
	r.chats.Do(string(u.Chat.Platform)+"\x00"+u.Chat.Chat, func() { done <- r.handle(u) })
	return done
}

// Handle submits u and waits for its result, so a Router is a Handler.
func (r *Router) Handle(_ context.Context, u Update) error {
	return <-r.Submit(u)
}

// Shutdown takes no more updates and waits for the queued ones; when ctx
// ends first, the updates still in hand are cancelled and left for the
// platform to deliver again.
func (r *Router) Shutdown(ctx context.Context) error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	finished := make(chan struct{})
	go func() { r.chats.Wait(); close(finished) }()
	select {
	case <-finished:
		r.stop()
		return nil
	case <-ctx.Done():
		r.stop()
		<-finished
		return ctx.Err()
	}
}

// Close is Shutdown without a deadline.
func (r *Router) Close() { _ = r.Shutdown(context.Background()) }
