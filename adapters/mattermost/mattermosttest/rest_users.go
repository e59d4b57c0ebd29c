package mattermosttest

import (
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
)

// userID resolves "me" in a path parameter.
func userID(r *http.Request, name, session string) string {
	if id := r.PathValue(name); id != "me" {
		return id
	}
	return session
}

// sanitizedUser is a user as another user sees it.
func sanitizedUser(u *model.User) *model.User {
	c := clone(u)
	c.Password = ""
	c.AuthData = nil
	c.MfaSecret = ""
	return c
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	u := s.users[userID(r, "user_id", session)]
	s.mu.Unlock()
	if u == nil {
		writeError(w, r, http.StatusNotFound, "app.user.missing_account.const")
		return
	}
	writeJSON(w, http.StatusOK, sanitizedUser(u))
}

// getUserPair serves GET users/username/{username} and
// GET users/{user_id}/teams.
func (s *Server) getUserPair(w http.ResponseWriter, r *http.Request, session string) {
	switch {
	case r.PathValue("a") == "username":
		s.getUserByUsername(w, r, r.PathValue("b"))
	case r.PathValue("b") == "teams":
		s.getTeamsForUser(w, r, userID(r, "a", session))
	default:
		s.notModelled(w, r)
	}
}

func (s *Server) getUserByUsername(w http.ResponseWriter, r *http.Request, username string) {
	s.mu.Lock()
	u := s.userByName(username)
	s.mu.Unlock()
	if u == nil {
		writeError(w, r, http.StatusNotFound, "app.user.get_by_username.app_error")
		return
	}
	writeJSON(w, http.StatusOK, sanitizedUser(u))
}

func (s *Server) getUsersByIDs(w http.ResponseWriter, r *http.Request, _ string) {
	var ids []string
	if !readJSON(w, r, &ids) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	users := []*model.User{}
	for _, id := range ids {
		if u := s.users[id]; u != nil {
			users = append(users, sanitizedUser(u))
		}
	}
	writeJSON(w, http.StatusOK, users)
}

func (s *Server) getUsersByUsernames(w http.ResponseWriter, r *http.Request, _ string) {
	var names []string
	if !readJSON(w, r, &names) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	users := []*model.User{}
	for _, name := range names {
		if u := s.userByName(name); u != nil {
			users = append(users, sanitizedUser(u))
		}
	}
	writeJSON(w, http.StatusOK, users)
}
