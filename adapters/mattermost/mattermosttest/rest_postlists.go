package mattermosttest

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"
)

// getPostsForChannel serves GET channels/{channel_id}/posts in the four
// ways Mattermost does:
//
//   - since=<ms>: every post created or edited after that time (not paged),
//     plus the roots of replies among them;
//   - after=<post id> or before=<post id>: the page of posts created after
//     or before that post, paged from it;
//   - neither: the page of the newest posts.
//
// Order is always newest first. collapsedThreads=true leaves out replies.
func (s *Server) getPostsForChannel(w http.ResponseWriter, r *http.Request, session string) {
	q := r.URL.Query()
	page, perPage, ok := paging(r)
	if !ok {
		writeError(w, r, http.StatusBadRequest, "api.context.invalid_url_param.app_error")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[r.PathValue("channel_id")]
	if c == nil || !s.canRead(c, session) {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	posts := s.channelPosts(c.Id, q.Get("collapsedThreads") == "true") // oldest first
	var list *model.PostList
	switch {
	case q.Has("since"):
		since, err := strconv.ParseInt(q.Get("since"), 10, 64)
		if err != nil {
			writeError(w, r, http.StatusBadRequest, "api.context.invalid_url_param.app_error")
			return
		}
		var changed []*model.Post
		for _, p := range posts {
			if p.UpdateAt > since {
				changed = append(changed, p)
			}
		}
		list = s.postList(changed, true)
	case q.Get("after") != "":
		i := slices.IndexFunc(posts, func(p *model.Post) bool { return p.Id == q.Get("after") })
		var newer []*model.Post
		if i >= 0 {
			newer = window(posts[i+1:], page, perPage)
		}
		list = s.postList(newer, false)
		s.addCursors(list, posts, newer)
	case q.Get("before") != "":
		i := slices.IndexFunc(posts, func(p *model.Post) bool { return p.Id == q.Get("before") })
		var older []*model.Post
		if i >= 0 {
			older = newestFirst(window(newestFirst(posts[:i]), page, perPage))
		}
		list = s.postList(older, false)
		s.addCursors(list, posts, older)
	default:
		newest := newestFirst(window(newestFirst(posts), page, perPage))
		list = s.postList(newest, false)
		s.addCursors(list, posts, newest)
	}
	writeJSON(w, http.StatusOK, list)
}

// getPostThread serves GET posts/{post_id}/thread: the root and all replies.
func (s *Server) getPostThread(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.posts[r.PathValue("post_id")]
	if p == nil || !s.canRead(s.channels[p.ChannelId], session) {
		writeError(w, r, http.StatusNotFound, "app.post.get.app_error")
		return
	}
	root := p.Id
	if p.RootId != "" {
		root = p.RootId
	}
	var thread []*model.Post
	for _, q := range s.channelPosts(p.ChannelId, false) {
		if q.Id == root || q.RootId == root {
			thread = append(thread, q)
		}
	}
	writeJSON(w, http.StatusOK, s.postList(thread, false))
}

// channelPosts returns a channel's posts, oldest first. Callers hold s.mu.
func (s *Server) channelPosts(channelID string, rootsOnly bool) []*model.Post {
	var posts []*model.Post
	for _, id := range s.postOrder {
		p := s.posts[id]
		if p.ChannelId == channelID && (!rootsOnly || p.RootId == "") {
			posts = append(posts, p)
		}
	}
	return posts
}

// newestFirst returns the posts in reverse order.
func newestFirst(posts []*model.Post) []*model.Post {
	r := slices.Clone(posts)
	slices.Reverse(r)
	return r
}

// postList builds a model.PostList of posts (given oldest first), with Order
// newest first. The roots of replies are added to Posts too, and to Order
// only when rootsInOrder, as GetPostsSince does. Callers hold s.mu.
func (s *Server) postList(posts []*model.Post, rootsInOrder bool) *model.PostList {
	posts = slices.Clone(posts)
	list := model.NewPostList()
	for _, p := range posts {
		list.AddPost(s.forClient(p))
	}
	for _, p := range posts {
		if root := s.posts[p.RootId]; root != nil && list.Posts[root.Id] == nil {
			list.AddPost(s.forClient(root))
			if rootsInOrder {
				posts = append(posts, root)
			}
		}
	}
	slices.SortFunc(posts, func(a, b *model.Post) int { return cmp.Compare(b.CreateAt, a.CreateAt) })
	for _, p := range posts {
		list.AddOrder(p.Id)
	}
	return list
}

// addCursors sets NextPostId and PrevPostId: the posts just newer and just
// older than the page, within all (oldest first). Callers hold s.mu.
func (s *Server) addCursors(list *model.PostList, all, page []*model.Post) {
	if len(page) == 0 {
		return
	}
	newest, oldest := page[0], page[0]
	for _, p := range page {
		if p.CreateAt > newest.CreateAt {
			newest = p
		}
		if p.CreateAt < oldest.CreateAt {
			oldest = p
		}
	}
	if i := slices.Index(all, newest); i+1 < len(all) {
		list.NextPostId = all[i+1].Id
	}
	if i := slices.Index(all, oldest); i > 0 {
		list.PrevPostId = all[i-1].Id
	}
}
