package mattermosttest

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"
)

// writeChannel answers with a channel the session user may read; 404 when
// it does not exist, 403 when it is not theirs to see.
func (s *Server) writeChannel(w http.ResponseWriter, r *http.Request, c *model.Channel, session string) {
	if c == nil {
		writeError(w, r, http.StatusNotFound, "app.channel.get_by_name.missing.app_error")
		return
	}
	s.mu.Lock()
	ok := s.canRead(c, session)
	c = clone(c)
	s.mu.Unlock()
	if !ok {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) getChannel(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	c := s.channels[r.PathValue("channel_id")]
	s.mu.Unlock()
	s.writeChannel(w, r, c, session)
}

// createDirectChannel serves POST channels/direct with a body of two user
// ids, one of them the session user's. It answers 201 with the channel,
// whether new or not.
func (s *Server) createDirectChannel(w http.ResponseWriter, r *http.Request, session string) {
	var ids []string
	if !readJSON(w, r, &ids) {
		return
	}
	if len(ids) != 2 {
		writeError(w, r, http.StatusBadRequest, "api.context.invalid_body_param.app_error")
		return
	}
	if !slices.Contains(ids, session) {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	s.mu.Lock()
	if s.users[ids[0]] == nil || s.users[ids[1]] == nil {
		s.mu.Unlock()
		writeError(w, r, http.StatusBadRequest, "api.channel.create_direct_channel.invalid_user.app_error")
		return
	}
	c := clone(s.directChannel(ids[0], ids[1]))
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, c)
}

// paging reads page and per_page as Mattermost does: per_page defaults to
// 60 and is capped at 200.
func paging(r *http.Request) (page, perPage int, ok bool) {
	q := r.URL.Query()
	page, perPage = 0, 60
	var err error
	if v := q.Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 0 {
			return 0, 0, false
		}
	}
	if v := q.Get("per_page"); v != "" {
		if perPage, err = strconv.Atoi(v); err != nil || perPage < 0 {
			return 0, 0, false
		}
	}
	return page, min(perPage, 200), true
}

// window returns the page of items.
func window[T any](items []T, page, perPage int) []T {
	start := min(page*perPage, len(items))
	end := min(start+perPage, len(items))
	return items[start:end]
}

func (s *Server) getChannelMembers(w http.ResponseWriter, r *http.Request, session string) {
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
	members := model.ChannelMembers{}
	for _, m := range s.members[c.Id] {
		members = append(members, *clone(m))
	}
	slices.SortFunc(members, func(a, b model.ChannelMember) int { return cmp.Compare(a.UserId, b.UserId) })
	writeJSON(w, http.StatusOK, window(members, page, perPage))
}

func (s *Server) getChannelMember(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[r.PathValue("channel_id")]
	if c == nil || !s.canRead(c, session) {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	m := s.members[c.Id][userID(r, "user_id", session)]
	if m == nil {
		writeError(w, r, http.StatusNotFound, "app.channel.get_member.missing.app_error")
		return
	}
	writeJSON(w, http.StatusOK, clone(m))
}
