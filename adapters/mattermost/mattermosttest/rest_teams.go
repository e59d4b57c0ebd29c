package mattermosttest

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/mattermost/mattermost/server/public/model"
)

func (s *Server) getTeam(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	t := s.teams[r.PathValue("team_id")]
	s.mu.Unlock()
	s.writeTeam(w, r, t, session)
}

func (s *Server) getTeamByName(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	t := s.teamByName(r.PathValue("team_name"))
	s.mu.Unlock()
	s.writeTeam(w, r, t, session)
}

func (s *Server) writeTeam(w http.ResponseWriter, r *http.Request, t *model.Team, session string) {
	if t == nil {
		writeError(w, r, http.StatusNotFound, "app.team.get_by_name.missing.app_error")
		return
	}
	s.mu.Lock()
	member := s.teamMembers[t.Id][session]
	s.mu.Unlock()
	if !member && t.Type != model.TeamOpen {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	writeJSON(w, http.StatusOK, clone(t))
}

// getTeamsForUser serves GET users/{user_id}/teams.
func (s *Server) getTeamsForUser(w http.ResponseWriter, r *http.Request, uid string) {
	if uid != s.botID {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	teams := []*model.Team{}
	for id, t := range s.teams {
		if s.teamMembers[id][uid] {
			teams = append(teams, clone(t))
		}
	}
	slices.SortFunc(teams, func(a, b *model.Team) int { return cmp.Compare(a.Name, b.Name) })
	writeJSON(w, http.StatusOK, teams)
}

// getChannelsForUser serves GET users/{user_id}/teams/{team_id}/channels:
// the user's channels in the team plus their direct and group channels.
func (s *Server) getChannelsForUser(w http.ResponseWriter, r *http.Request, session string) {
	uid := userID(r, "user_id", session)
	if uid != session {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	teamID := r.PathValue("team_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams[teamID] == nil || !s.teamMembers[teamID][uid] {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	channels := []*model.Channel{}
	for id, c := range s.channels {
		if (c.TeamId == teamID || c.TeamId == "") && s.isMember(id, uid) {
			channels = append(channels, clone(c))
		}
	}
	slices.SortFunc(channels, func(a, b *model.Channel) int { return cmp.Compare(a.Name, b.Name) })
	writeJSON(w, http.StatusOK, channels)
}

// getChannelByName serves both GET teams/{team_id}/channels/name/{name} and
// GET teams/name/{team_name}/channels/name/{name}.
func (s *Server) getChannelByName(w http.ResponseWriter, r *http.Request, session string) {
	s.mu.Lock()
	t := s.teams[r.PathValue("team_id")]
	if name := r.PathValue("team_name"); name != "" {
		t = s.teamByName(name)
	}
	var c *model.Channel
	if t != nil {
		c = s.channelByName(t.Id, r.PathValue("channel_name"))
	}
	s.mu.Unlock()
	s.writeChannel(w, r, c, session)
}
