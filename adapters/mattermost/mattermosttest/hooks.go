package mattermosttest

import (
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
)

// commandHook is a slash command invocation its response_url answers.
type commandHook struct {
	cmd     *model.Command // nil if the token matched no registered command
	user    *model.User
	channel *model.Channel
}

// DelayedResponses lists what the bot sent to slash commands'
// response_url, oldest first.
func (s *Server) DelayedResponses() []*model.CommandResponse {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rs []*model.CommandResponse
	for _, r := range s.delayed {
		rs = append(rs, clone(r))
	}
	return rs
}

// commandHook serves POST /hooks/commands/{hook_id}, the response_url of a
// slash command: a model.CommandResponse as JSON, posted like the command's
// direct answer when in_channel.
func (s *Server) commandHook(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	hook, ok := s.hooks[r.PathValue("hook_id")]
	s.mu.Unlock()
	if !ok {
		writeError(w, r, http.StatusNotFound, "web.command_webhook.invalid.app_error")
		return
	}
	cr, err := model.CommandResponseFromJSON(r.Body)
	if err != nil {
		writeError(w, r, http.StatusBadRequest, "web.command_webhook.parse.app_error")
		return
	}
	s.mu.Lock()
	s.delayed = append(s.delayed, clone(cr))
	s.mu.Unlock()
	if err := s.postCommandResponse(r.Context(), hook.cmd, cr, hook.user, hook.channel); err != nil {
		writeError(w, r, http.StatusBadRequest, "web.command_webhook.command.app_error")
		return
	}
	w.WriteHeader(http.StatusOK)
}
