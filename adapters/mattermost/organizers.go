package mattermost

import (
	"context"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// organizerCache holds the members of the organizer channel for a short
// while, so checking a command costs no request most of the time.
type organizerCache struct {
	a   *Adapter
	ttl time.Duration

	mu      sync.Mutex
	members map[string]bool
	fetched time.Time
}

// IsOrganizer reports whether u is a member of the organizer channel. When
// the server cannot be asked, the last known members count until it is
// asked again; without any, nobody is an organizer.
func (a *Adapter) IsOrganizer(ctx context.Context, u bot.User) bool {
	if u.Platform != bot.Mattermost || u.ID == a.me.Id {
		return false
	}
	return a.orgs.isMember(ctx, u.ID)
}

func (c *organizerCache) isMember(ctx context.Context, userID string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fetched.IsZero() || c.a.now().Sub(c.fetched) >= c.ttl {
		members, err := c.fetch(ctx)
		if err != nil {
			// Asked again after the TTL, not on every update: each ask
			// retries with backoff while holding the lock every
			// Mattermost update waits for.
			c.a.log.Warn("mattermost: organizer channel members", "err", err)
		} else {
			c.members = members
		}
		c.fetched = c.a.now()
	}
	return c.members[userID]
}

func (c *organizerCache) fetch(ctx context.Context) (map[string]bool, error) {
	const perPage = 200
	members := map[string]bool{}
	for page := 0; ; page++ {
		var list model.ChannelMembers
		err := c.a.retry.call(ctx, "get channel members", func(ctx context.Context) (resp *model.Response, err error) {
			list, resp, err = c.a.client.GetChannelMembers(ctx, c.a.orga.Id, page, perPage, "")
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			members[m.UserId] = true
		}
		if len(list) < perPage {
			return members, nil
		}
	}
}
