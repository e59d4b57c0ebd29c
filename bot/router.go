package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
)

// ErrClosed is returned for updates submitted after the router shut down;
// the platform delivers them again later.
var ErrClosed = errors.New("router closed")

// Router passes updates to a Handler so that the updates of one chat are
// handled one at a time in the order they were submitted, and different
// chats in parallel. Chats are spread over a fixed number of lanes; each
// lane works through its queue in order.
//
// Handling runs under the router's own context, not the submitter's, so a
// shutdown lets the updates in hand finish (within its grace period)
// instead of breaking them off half-way.
type Router struct {
	next  Handler
	seed  maphash.Seed
	lanes []chan job
	wg    sync.WaitGroup
	ctx   context.Context
	stop  context.CancelFunc

	mu     sync.RWMutex
	closed bool
}

type job struct {
	u    Update
	done chan error
}

// NewRouter starts a router with the given number of lanes (at least 1).
func NewRouter(next Handler, lanes int) *Router {
	if lanes < 1 {
		lanes = 1
	}
	r := &Router{next: next, seed: maphash.MakeSeed(), lanes: make([]chan job, lanes)}
	r.ctx, r.stop = context.WithCancel(context.Background())
	for i := range r.lanes {
		ch := make(chan job, 64)
		r.lanes[i] = ch
		r.wg.Go(func() {
			for j := range ch {
				j.done <- r.handle(j.u)
			}
		})
	}
	return r
}

func (r *Router) handle(u Update) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic handling update %s: %v", u.ID, p)
		}
	}()
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return r.next.Handle(r.ctx, u)
}

// Submit queues u behind earlier updates of its chat and returns a channel
// that receives the result. Updates submitted one after another from one
// goroutine are handled in that order. ctx bounds only the wait for a
// place in the queue.
func (r *Router) Submit(ctx context.Context, u Update) <-chan error {
	done := make(chan error, 1)
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		done <- ErrClosed
		return done
	}
	lane := r.lanes[maphash.String(r.seed, string(u.Chat.Platform)+"\x00"+u.Chat.Chat)%uint64(len(r.lanes))]
	select {
	case lane <- job{u: u, done: done}:
	case <-ctx.Done():
		done <- ctx.Err()
	}
	return done
}

// Handle submits u and waits for its result, so a Router is a Handler.
func (r *Router) Handle(ctx context.Context, u Update) error {
	return <-r.Submit(ctx, u)
}

// Shutdown takes no more updates and waits for the queued ones; when ctx
// ends first, the updates still in hand are cancelled and left for the
// platform to deliver again.
func (r *Router) Shutdown(ctx context.Context) error {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		for _, ch := range r.lanes {
			close(ch)
		}
	}
	r.mu.Unlock()
	finished := make(chan struct{})
	go func() { r.wg.Wait(); close(finished) }()
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
