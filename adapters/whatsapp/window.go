package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// Window is how long after a person's last message free-form messages
// reach them (Meta's customer service window).
const Window = 24 * time.Hour

// windowMargin is taken off the window, so a message sent at its very end
// does not arrive after it closed.
const windowMargin = time.Minute

// windowKey is the person's own key: /loeschen removes it with the rest.
func (a *Adapter) windowKey(u bot.User) string {
	return a.store.PersonKey(u, "whatsapp", "window")
}

// recent remembers, in this process, when the people whose messages it
// handles wrote: the answers to a message go while it is handled, even
// when handling it removed the person's key (/loeschen).
type recent struct {
	mu   sync.Mutex
	at   map[string]time.Time
	adds int
}

func (r *recent) note(id string, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.at == nil {
		r.at = map[string]time.Time{}
	}
	r.at[id] = at
	if r.adds++; r.adds%1024 == 0 {
		for k, t := range r.at {
			if at.Sub(t) > Window {
				delete(r.at, k)
			}
		}
	}
}

func (r *recent) get(id string) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.at[id]
	return t, ok
}

// opened notes when u wrote: the window is open for 24 hours from then.
// The key expires with the window.
func (a *Adapter) opened(ctx context.Context, u bot.User) error {
	now := a.opt.Now()
	a.recent.note(u.ID, now)
	if err := a.rdb.Set(ctx, a.windowKey(u), now.Unix(), Window).Err(); err != nil {
		return fmt.Errorf("open window: %w", err)
	}
	return nil
}

// closed forgets the window, as Meta said it is closed.
func (a *Adapter) closed(ctx context.Context, u bot.User) error {
	a.recent.note(u.ID, time.Time{})
	return a.rdb.Del(ctx, a.windowKey(u)).Err()
}

// isOpen reports whether free-form messages reach u now.
func (a *Adapter) isOpen(ctx context.Context, u bot.User) (bool, error) {
	if at, ok := a.recent.get(u.ID); ok && a.opt.Now().Sub(at) < Window-windowMargin {
		return true, nil
	}
	at, err := a.rdb.Get(ctx, a.windowKey(u)).Int64()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read window: %w", err)
	}
	return a.opt.Now().Sub(time.Unix(at, 0)) < Window-windowMargin, nil
}
