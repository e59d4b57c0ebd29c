package telegram

import (
	"context"
	"errors"
	"sync/atomic"
)

// link is what /readyz learns of the way updates reach the bot: up once
// the webhook is registered or polling has begun, down while getUpdates or
// the registration fails, before Run and after it.
type link struct{ problem atomic.Pointer[string] }

func (l *link) up()             { l.problem.Store(nil) }
func (l *link) down(why string) { l.problem.Store(&why) }

// Healthy reports, for /readyz, whether updates can reach the bot now.
func (a *Adapter) Healthy(context.Context) error {
	if p := a.link.problem.Load(); p != nil {
		return errors.New(*p)
	}
	return nil
}
