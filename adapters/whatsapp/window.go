package whatsapp

import (
	"context"
	"errors"
	"fmt"
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

// opened notes when u wrote: the window is open for 24 hours from then.
// The key expires with the window.
func (a *Adapter) opened(ctx context.Context, u bot.User) error {
	if err := a.rdb.Set(ctx, a.windowKey(u), a.opt.Now().Unix(), Window).Err(); err != nil {
		return fmt.Errorf("open window: %w", err)
	}
	return nil
}

// closed forgets the window, as Meta said it is closed.
func (a *Adapter) closed(ctx context.Context, u bot.User) error {
	return a.rdb.Del(ctx, a.windowKey(u)).Err()
}

// isOpen reports whether free-form messages reach u now.
func (a *Adapter) isOpen(ctx context.Context, u bot.User) (bool, error) {
	at, err := a.rdb.Get(ctx, a.windowKey(u)).Int64()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read window: %w", err)
	}
	return a.opt.Now().Sub(time.Unix(at, 0)) < Window-windowMargin, nil
}
