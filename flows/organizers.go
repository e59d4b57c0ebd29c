package flows

import (
	"context"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
)

// Organizers decides from the configuration who is an organizer, and asks
// further sources (such as the Mattermost organizer channel) when the
// configuration does not say so.
type Organizers struct {
	cfg     config.Organizers
	console bool
	more    []bot.Organizers
}

// NewOrganizers returns the organizer check for cfg; console makes the
// terminal user an organizer.
func NewOrganizers(cfg config.Organizers, console bool, more ...bot.Organizers) *Organizers {
	return &Organizers{cfg: cfg, console: console, more: more}
}

// IsOrganizer reports whether u may use organizer commands.
func (o *Organizers) IsOrganizer(ctx context.Context, u bot.User) bool {
	switch u.Platform {
	case bot.Console:
		if o.console {
			return true
		}
	case bot.Telegram:
		if slices.Contains(o.cfg.Telegram, u.ID) ||
			(u.Name != "" && slices.ContainsFunc(o.cfg.Telegram, func(s string) bool {
				return strings.EqualFold(strings.TrimPrefix(s, "@"), u.Name)
			})) {
			return true
		}
	case bot.WhatsApp:
		if slices.ContainsFunc(o.cfg.WhatsApp, func(s string) bool { return strings.TrimPrefix(s, "+") == u.ID }) {
			return true
		}
	case bot.Mattermost:
		if u.Name != "" && slices.ContainsFunc(o.cfg.Mattermost, func(s string) bool {
			return strings.EqualFold(strings.TrimPrefix(s, "@"), u.Name)
		}) {
			return true
		}
	}
	for _, m := range o.more {
		if m.IsOrganizer(ctx, u) {
			return true
		}
	}
	return false
}
