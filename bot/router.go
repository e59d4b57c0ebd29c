package bot

import (
	"context"
	"fmt"
	"hash/maphash"
	"sync"
)

// Router passes updates to a Handler so that the updates of one chat are
// handled one at a time in the order they were submitted, and different
// chats in parallel. Chats are spread over a fixed number of lanes; each
// lane works through its queue in order.
type Router struct {
	next  Handler
	seed  maphash.Seed
	lanes []chan job
	wg    sync.WaitGroup
	once  sync.Once
}

type job struct {
	ctx  context.Context
	u    Update
	done chan error
}

// NewRouter starts a router with the given number of lanes (at least 1).
// Close stops it after the submitted updates are handled.
func NewRouter(next Handler, lanes int) *Router {
	if lanes < 1 {
		lanes = 1
	}
	r := &Router{next: next, seed: maphash.MakeSeed(), lanes: make([]chan job, lanes)}
	for i := range r.lanes {
		ch := make(chan job, 64)
		r.lanes[i] = ch
		r.wg.Go(func() {
			for j := range ch {
				j.done <- r.handle(j.ctx, j.u)
			}
		})
	}
	return r
}

func (r *Router) handle(ctx context.Context, u Update) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic handling update %s: %v", u.ID, p)
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	return r.next.Handle(ctx, u)
}

// Submit queues u behind earlier updates of its chat and returns a channel
// that receives the result. Updates submitted one after another from one
// goroutine are handled in that order.
func (r *Router) Submit(ctx context.Context, u Update) <-chan error {
	done := make(chan error, 1)
	lane := r.lanes[maphash.String(r.seed, string(u.Chat.Platform)+"\x00"+u.Chat.Chat)%uint64(len(r.lanes))]
	select {
	case lane <- job{ctx: ctx, u: u, done: done}:
	case <-ctx.Done():
		done <- ctx.Err()
	}
	return done
}

// Handle submits u and waits for its result, so a Router is a Handler.
func (r *Router) Handle(ctx context.Context, u Update) error {
	return <-r.Submit(ctx, u)
}

// Close finishes the queued updates and stops the lanes. No Submit may
// follow.
func (r *Router) Close() {
	r.once.Do(func() {
		for _, ch := range r.lanes {
			close(ch)
		}
	})
	r.wg.Wait()
}
