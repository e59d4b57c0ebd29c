package mattermosttest

import (
	"net/http"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Commands lists the slash commands the bot registered, with their tokens.
func (s *Server) Commands() []*model.Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	var cmds []*model.Command
	for _, c := range s.commands {
		cmds = append(cmds, clone(c))
	}
	return cmds
}

// createCommand serves POST commands: it validates the command as
// Mattermost does, gives it an id and a token, and answers 201.
func (s *Server) createCommand(w http.ResponseWriter, r *http.Request, session string) {
	var cmd model.Command
	if !readJSON(w, r, &cmd) {
		return
	}
	cmd.Id, cmd.Token, cmd.PluginId = "", "", ""
	cmd.CreatorId = session
	cmd.Trigger = strings.ToLower(cmd.Trigger)
	cmd.PreSave()
	if appErr := cmd.IsValid(); appErr != nil {
		writeError(w, r, http.StatusBadRequest, appErr.Id)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.teamMembers[cmd.TeamId][session] {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	for _, c := range s.commands {
		if c.TeamId == cmd.TeamId && c.Trigger == cmd.Trigger {
			writeError(w, r, http.StatusBadRequest, "api.command.duplicate_trigger.app_error")
			return
		}
	}
	s.commands = append(s.commands, clone(&cmd))
	writeJSON(w, http.StatusCreated, &cmd)
}

// listCommands serves GET commands?team_id=…: the team's custom commands.
// Mattermost lists commands of other creators sanitized, so the bot sees
// tokens of its own commands only.
func (s *Server) listCommands(w http.ResponseWriter, r *http.Request, session string) {
	teamID := r.URL.Query().Get("team_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.teamMembers[teamID][session] {
		writeError(w, r, http.StatusForbidden, "api.context.permissions.app_error")
		return
	}
	cmds := []*model.Command{}
	for _, c := range s.commands {
		if c.TeamId != teamID {
			continue
		}
		c = clone(c)
		if c.CreatorId != session {
			c.Sanitize()
		}
		cmds = append(cmds, c)
	}
	writeJSON(w, http.StatusOK, cmds)
}
