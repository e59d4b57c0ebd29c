package mattermost

import (
	"context"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// userCache remembers who is who for a while: names and languages change
// rarely, and every post would otherwise cost a lookup.
type userCache struct {
	a   *Adapter
	ttl time.Duration

	mu   sync.Mutex
	byID map[string]cachedUser
}

type cachedUser struct {
	user    *model.User
	fetched time.Time
}

func (c *userCache) get(ctx context.Context, id string) (*model.User, error) {
	c.mu.Lock()
	cu, ok := c.byID[id]
	c.mu.Unlock()
	if ok && c.a.now().Sub(cu.fetched) < c.ttl {
		return cu.user, nil
	}
	var u *model.User
	err := c.a.retry.call(ctx, "get user", func(ctx context.Context) (resp *model.Response, err error) {
		u, resp, err = c.a.client.GetUser(ctx, id, "")
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.byID[id] = cachedUser{user: u, fetched: c.a.now()}
	c.mu.Unlock()
	return u, nil
}

// channelCache remembers channels; their id, type and name never change.
type channelCache struct {
	a *Adapter

	mu   sync.Mutex
	byID map[string]*model.Channel
}

func (c *channelCache) get(ctx context.Context, id string) (*model.Channel, error) {
	c.mu.Lock()
	ch, ok := c.byID[id]
	c.mu.Unlock()
	if ok {
		return ch, nil
	}
	err := c.a.retry.call(ctx, "get channel", func(ctx context.Context) (resp *model.Response, err error) {
		ch, resp, err = c.a.client.GetChannel(ctx, id)
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	c.put(ch)
	return ch, nil
}

func (c *channelCache) put(ch *model.Channel) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byID[ch.Id] = ch
}

// dmPartner returns the other person of a direct channel with the bot, or
// "" for any other channel.
func (a *Adapter) dmPartner(ch *model.Channel) string {
	if ch.Type != model.ChannelTypeDirect {
		return ""
	}
	return ch.GetOtherUserIdForDM(a.me.Id)
}
