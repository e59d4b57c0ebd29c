package mattermosttest

import (
	"context"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"
)

// PostOptions are the optional parts of a post written with
// [Server.UserPost].
type PostOptions struct {
	RootID  string                // reply in the thread of this post
	FileIDs []string              // files from [Server.UserUpload]
	Type    string                // e.g. model.PostTypeJoinChannel; empty for a normal message
	Props   model.StringInterface // e.g. {"from_bot": "true"}
}

// UserPost writes a post as user in a channel, as if from their client, and
// sends the "posted" event to every WebSocket connection of the channel's
// members. It returns once the event is written to them, or fails when ctx
// ends first (the post stays written). It fails if the user is not a member
// of the channel or the root post is not in it.
func (s *Server) UserPost(ctx context.Context, user *model.User, channelID, message string, opts PostOptions) (*model.Post, error) {
	in := &model.Post{
		ChannelId: channelID,
		Message:   message,
		RootId:    opts.RootID,
		FileIds:   opts.FileIDs,
		Type:      opts.Type,
	}
	in.SetProps(opts.Props)
	s.mu.Lock()
	if s.users[user.Id] == nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("mattermosttest: unknown user %q", user.Username)
	}
	p, ev, perr := s.storePost(in, user.Id)
	s.mu.Unlock()
	if perr != nil {
		return nil, fmt.Errorf("mattermosttest: post by %s: %w", user.Username, perr)
	}
	return p, s.deliver(ctx, ev)
}

// EditPost changes the message of a post, as its author editing it, and
// sends the "post_edited" event like [Server.UserPost] sends "posted".
func (s *Server) EditPost(ctx context.Context, postID, message string) (*model.Post, error) {
	s.mu.Lock()
	p, ev, perr := s.editPost(postID, func(p *model.Post) { p.Message = message })
	s.mu.Unlock()
	if perr != nil {
		return nil, fmt.Errorf("mattermosttest: edit %s: %w", postID, perr)
	}
	return p, s.deliver(ctx, ev)
}
