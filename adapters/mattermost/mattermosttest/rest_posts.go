package mattermosttest

import (
	"net/http"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// pendingWindow is how long Mattermost remembers a pending post id
// (PendingPostIDsCacheTTL).
const pendingWindow = 30 * time.Second

// pendingPost is the post made with a pending post id, until when a post
// with the same id is answered with it.
type pendingPost struct {
	id    string
	until time.Time
}

// createPost serves POST posts. The post is the bot's whatever user_id it
// carries; root_id, file_ids, type and props (with attachments) are kept.
// It answers 201 and sends the "posted" event. A post whose pending_post_id
// was used in the last 30 s is answered, as Mattermost does, with 201 and
// the post made then, and nothing is posted.
func (s *Server) createPost(w http.ResponseWriter, r *http.Request, session string) {
	var in model.Post
	if !readJSON(w, r, &in) {
		return
	}
	s.mu.Lock()
	if seen, ok := s.pending[in.PendingPostId]; ok && in.PendingPostId != "" && s.now().Before(seen.until) && s.posts[seen.id] != nil {
		p := s.forClient(s.posts[seen.id])
		s.mu.Unlock()
		writeJSON(w, http.StatusCreated, p)
		return
	}
	p, ev, perr := s.storePost(&in, session)
	if perr == nil {
		if in.PendingPostId != "" {
			s.pending[in.PendingPostId] = pendingPost{id: p.Id, until: s.now().Add(pendingWindow)}
		}
		p = s.forClient(p)
	}
	s.mu.Unlock()
	if perr != nil {
		writeError(w, r, perr.status, perr.id)
		return
	}
	_ = s.deliver(r.Context(), ev)
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) getPost(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.posts[r.PathValue("post_id")]
	if p == nil || !s.canRead(s.channels[p.ChannelId], session) {
		writeError(w, r, http.StatusNotFound, "app.post.get.app_error")
		return
	}
	writeJSON(w, http.StatusOK, s.forClient(p))
}

// updatePost serves PUT posts/{post_id}: the body is the whole post, its id
// must match the path, and message, props, file_ids and is_pinned replace
// the old ones. Only the author may edit.
func (s *Server) updatePost(w http.ResponseWriter, r *http.Request, session string) {
	var in model.Post
	if !readJSON(w, r, &in) {
		return
	}
	if in.Id != r.PathValue("post_id") {
		writeError(w, r, http.StatusBadRequest, "api.context.invalid_param.app_error")
		return
	}
	s.edit(w, r, session, func(p *model.Post) {
		p.Message = in.Message
		p.SetProps(in.GetProps())
		p.FileIds = in.FileIds
		p.IsPinned = in.IsPinned
	})
}

// patchPost serves PUT posts/{post_id}/patch with a model.PostPatch.
func (s *Server) patchPost(w http.ResponseWriter, r *http.Request, session string) {
	var patch model.PostPatch
	if !readJSON(w, r, &patch) {
		return
	}
	s.edit(w, r, session, func(p *model.Post) { p.Patch(&patch) })
}

// edit changes the post in the path, answers with it and sends
// "post_edited".
func (s *Server) edit(w http.ResponseWriter, r *http.Request, session string, change func(*model.Post)) {
	id := r.PathValue("post_id")
	s.mu.Lock()
	if old := s.posts[id]; old != nil && old.UserId != session {
		s.mu.Unlock()
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	p, ev, perr := s.editPost(id, change)
	if perr == nil {
		p = s.forClient(p)
	}
	s.mu.Unlock()
	if perr != nil {
		writeError(w, r, perr.status, perr.id)
		return
	}
	_ = s.deliver(r.Context(), ev)
	writeJSON(w, http.StatusOK, p)
}
