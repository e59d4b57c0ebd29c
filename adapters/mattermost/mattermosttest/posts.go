package mattermosttest

import (
	"net/http"
	"slices"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
)

// postError is a refused post: the status and AppError id Mattermost
// answers with.
type postError struct {
	status int
	id     string
}

func (e *postError) Error() string { return e.id }

// storePost saves a new post by userID as Mattermost's CreatePost does and
// returns the stored post and the "posted" event. Callers hold s.mu.
func (s *Server) storePost(in *model.Post, userID string) (*model.Post, *event, *postError) {
	c := s.channels[in.ChannelId]
	if c == nil || !s.isMember(c.Id, userID) {
		return nil, nil, &postError{http.StatusForbidden, "api.context.permissions.app_error"}
	}
	if utf8.RuneCountInString(in.Message) > model.PostMessageMaxRunesV2 {
		return nil, nil, &postError{http.StatusBadRequest, "model.post.is_valid.message_length.app_error"}
	}
	if in.RootId != "" {
		root := s.posts[in.RootId]
		if root == nil || root.ChannelId != c.Id || root.RootId != "" {
			return nil, nil, &postError{http.StatusBadRequest, "api.post.create_post.root_id.app_error"}
		}
	}
	p := clone(in)
	p.Id = model.NewId()
	p.UserId = userID
	p.CreateAt = s.millis()
	p.EditAt, p.DeleteAt = 0, 0
	p.Metadata = nil
	p.FileIds = s.attachFiles(p, in.FileIds)
	if s.users[userID].IsBot {
		p.AddProp(model.PostPropsFromBot, "true")
	}
	p.PreSave()  // sets UpdateAt, gives actions without an id one
	p = clone(p) // forget the typed attachments PreSave leaves in the props
	s.posts[p.Id] = p
	s.postOrder = append(s.postOrder, p.Id)
	s.notifyChanged()
	return clone(p), s.postedEvent(p, c), nil
}

// attachFiles attaches uploaded files to a post and returns the ids it
// could attach. Like Mattermost it drops ids of files that are unknown,
// belong to someone else or are attached already; the fake also records
// them as violations.
func (s *Server) attachFiles(p *model.Post, ids []string) model.StringArray {
	attached := model.StringArray{}
	for _, id := range ids {
		f := s.files[id]
		if f == nil || f.info.CreatorId != p.UserId || f.info.PostId != "" || slices.Contains(attached, id) {
			s.violations = append(s.violations, "POST /api/v4/posts: file id "+id+" not attachable, dropped")
			continue
		}
		f.info.PostId = p.Id
		f.info.ChannelId = p.ChannelId
		attached = append(attached, id)
	}
	return attached
}

// editPost changes a stored post and returns the copy and its
// "post_edited" event. Callers hold s.mu.
func (s *Server) editPost(id string, change func(*model.Post)) (*model.Post, *event, *postError) {
	old := s.posts[id]
	if old == nil {
		return nil, nil, &postError{http.StatusNotFound, "app.post.get.app_error"}
	}
	p := clone(old)
	change(p)
	p.Id, p.ChannelId, p.UserId, p.RootId, p.CreateAt = old.Id, old.ChannelId, old.UserId, old.RootId, old.CreateAt
	p.Metadata = nil
	p.EditAt = s.millis()
	p.UpdateAt = p.EditAt
	p.PreCommit()
	p = clone(p)
	s.posts[id] = p
	s.notifyChanged()
	return clone(p), s.postEditedEvent(p), nil
}

// forClient prepares a post for sending: integration URLs and contexts of
// actions removed, as only the server may know them, and file metadata and
// reply count filled in. Callers hold s.mu.
func (s *Server) forClient(p *model.Post) *model.Post {
	c := clone(p)
	c.StripActionIntegrations()
	for _, id := range c.FileIds {
		if f := s.files[id]; f != nil {
			if c.Metadata == nil {
				c.Metadata = &model.PostMetadata{}
			}
			c.Metadata.Files = append(c.Metadata.Files, clone(f.info))
		}
	}
	root := c.Id
	if c.RootId != "" {
		root = c.RootId
	}
	for _, q := range s.posts {
		if q.RootId == root {
			c.ReplyCount++
		}
	}
	return clone(c)
}
