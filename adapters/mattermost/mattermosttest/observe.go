package mattermosttest

import (
	"context"

	"github.com/mattermost/mattermost/server/public/model"
)

// PostsIn returns what the bot wrote in a channel, oldest first, as stored:
// edits applied, and interactive actions with their integration URL and
// context (which clients never see).
func (s *Server) PostsIn(channelID string) []*model.Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.botPostsIn(channelID)
}

func (s *Server) botPostsIn(channelID string) []*model.Post {
	var posts []*model.Post
	for _, p := range s.channelPosts(channelID, false) {
		if p.UserId == s.botID {
			posts = append(posts, clone(p))
		}
	}
	return posts
}

// WaitPost waits until the bot has a post in the channel that satisfies
// match, and returns the oldest such post. Posts written before the call
// count, and so do edits: waiting for a button's message to change is
// waiting for a post whose message says so.
func (s *Server) WaitPost(ctx context.Context, channelID string, match func(*model.Post) bool) (*model.Post, error) {
	for {
		s.mu.Lock()
		posts, changed := s.botPostsIn(channelID), s.changed
		s.mu.Unlock()
		for _, p := range posts {
			if match(p) {
				return p, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		}
	}
}
