package telegramtest

import (
	"encoding/json"
	"slices"
)

// BotCommand is a command of the bot's menu.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// CommandScope is the scope of a command list (BotCommandScope): Type is
// "default", "all_private_chats", "chat", ...; the zero value is "default".
type CommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

type commandsKey struct {
	scope CommandScope
	lang  string
}

// maxCommands is how many commands one setMyCommands may set.
const maxCommands = 100

func keyFor(p map[string]string) commandsKey {
	var scope CommandScope
	if raw, ok := p["scope"]; ok {
		_ = json.Unmarshal([]byte(raw), &scope) // checked against the spec already
	}
	return commandsKey{scope: normalScope(scope), lang: p["language_code"]}
}

func normalScope(s CommandScope) CommandScope {
	if s.Type == "" {
		s.Type = "default"
	}
	return s
}

// Commands returns the commands the bot set for a scope and language code
// ("" for all languages), and whether it set any.
func (s *Server) Commands(scope CommandScope, languageCode string) ([]BotCommand, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds, ok := s.state.commands[commandsKey{scope: normalScope(scope), lang: languageCode}]
	return slices.Clone(cmds), ok
}

func (s *Server) setMyCommands(r *request) (any, *apiError) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(r.params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object: %v", err)
	}
	if len(cmds) > maxCommands {
		return nil, badRequest("too many commands: %d, at most %d", len(cmds), maxCommands)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := keyFor(r.params)
	if len(cmds) == 0 {
		delete(s.state.commands, key)
	} else {
		s.state.commands[key] = cmds
	}
	return true, nil
}

func (s *Server) getMyCommands(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.state.commands[keyFor(r.params)]
	if cmds == nil {
		cmds = []BotCommand{}
	}
	return cmds, nil
}

func (s *Server) deleteMyCommands(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.state.commands, keyFor(r.params))
	return true, nil
}
