package mattermost

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/mattermost/mattermost/server/public/model"
)

// catchUp queues the posts made while the bot was not listening, in its
// direct channels and the channels it is a member of, from each channel's
// last seen post on. A post seen before is queued again harmlessly: the
// engine recognises it by its id.
func (a *Adapter) catchUp(ctx context.Context) error {
	var chans []*model.Channel
	err := a.retry.call(ctx, "list channels", func(ctx context.Context) (resp *model.Response, err error) {
		chans, resp, err = a.client.GetChannelsForTeamForUser(ctx, a.team.Id, a.me.Id, false, "")
		return resp, err
	})
	if err != nil {
		return err
	}
	initialized, err := a.seen.initialized(ctx)
	if err != nil {
		return err
	}
	for _, ch := range chans {
		a.channels.put(ch)
		if err := a.catchUpChannel(ctx, ch, initialized); err != nil {
			return fmt.Errorf("channel %s: %w", ch.Id, err)
		}
	}
	return a.seen.setInitialized(ctx)
}

func (a *Adapter) catchUpChannel(ctx context.Context, ch *model.Channel, initialized bool) error {
	since, ok, err := a.seen.get(ctx, ch.Id)
	if err != nil {
		return err
	}
	if !ok {
		if ch.Type != model.ChannelTypeDirect || !initialized {
			// A channel the bot has never read: start from now rather
			// than answer its history.
			newest, err := a.newestPost(ctx, ch)
			if err != nil {
				return err
			}
			return a.seen.mark(ctx, ch.Id, newest, false)
		}
		// A direct channel without a mark is new, or its person had
		// everything erased (which removes the mark): what came after the
		// newest post the bot handled anywhere is new.
		newest, err := a.seen.newest(ctx)
		if err != nil {
			return err
		}
		since = max(ch.CreateAt, newest+1)
	}
	var list *model.PostList
	err = a.retry.call(ctx, "get posts since", func(ctx context.Context) (resp *model.Response, err error) {
		// One millisecond back, so a post sharing the last one's
		// millisecond is not missed; the engine knows the last one.
		list, resp, err = a.client.GetPostsSince(ctx, ch.Id, since-1, false)
		return resp, err
	})
	if err != nil {
		return err
	}
	var posts []*model.Post
	for _, p := range list.Posts {
		if p.CreateAt >= since && p.DeleteAt == 0 {
			posts = append(posts, p)
		}
	}
	slices.SortFunc(posts, func(x, y *model.Post) int { return cmp.Compare(x.CreateAt, y.CreateAt) })
	for _, p := range posts {
		a.enqueue(ctx, incoming{post: p, channelType: ch.Type})
	}
	return nil
}

// newestPost returns the creation time of a channel's newest post, or of
// the channel when it has none.
func (a *Adapter) newestPost(ctx context.Context, ch *model.Channel) (int64, error) {
	if ch.LastPostAt > 0 {
		return ch.LastPostAt, nil
	}
	var list *model.PostList
	err := a.retry.call(ctx, "get newest post", func(ctx context.Context) (resp *model.Response, err error) {
		list, resp, err = a.client.GetPostsForChannel(ctx, ch.Id, 0, 1, "", false, false)
		return resp, err
	})
	if err != nil {
		return 0, err
	}
	newest := ch.CreateAt
	for _, p := range list.Posts {
		newest = max(newest, p.CreateAt)
	}
	return newest, nil
}
