package telegramtest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// request is a call that passed the spec checks.
type request struct {
	ctx    context.Context
	method string // canonical spelling from the spec
	params map[string]string
	files  map[string]File
	text   formatted // text or caption after entity parsing
}

// serveHTTP checks a call as Telegram would, then fakes its effect.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	token, name, ok := splitPath(r.URL.Path)
	if !ok {
		s.refuse(w, Call{Method: r.URL.Path}, &apiError{code: http.StatusNotFound, description: "Not Found", violation: true})
		return
	}
	call := Call{Method: name, Time: s.cfg.now()}
	if token != s.cfg.token {
		s.refuse(w, call, &apiError{code: http.StatusUnauthorized, description: "Unauthorized", violation: true})
		return
	}
	m, ok := s.spec.Method(name)
	if !ok {
		s.refuse(w, call, &apiError{code: http.StatusNotFound, description: "Not Found: method " + name + " does not exist", violation: true})
		return
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		call.Method = m.Name
		s.refuse(w, call, &apiError{code: http.StatusMethodNotAllowed, description: "Method Not Allowed", violation: true})
		return
	}
	params, files, err := readParams(r)
	result, call, e := s.call(r.Context(), m, params, files, err)
	if e != nil {
		s.refuse(w, call, e)
		return
	}
	writeResult(w, result)
}

// call checks a call of method m whose parameters were read (or failed
// to be, with err) as Telegram would and fakes its effect, recording it
// unless refused: the caller refuses it then.
func (s *Server) call(ctx context.Context, m Kind, params map[string]string, files map[string]File, err error) (any, Call, *apiError) {
	call := Call{Method: m.Name, Time: s.cfg.now()}
	if err != nil {
		return nil, call, badRequest("%v", err)
	}
	call.Params, call.Files = params, files
	if e := s.spec.checkParams(m, params, files); e != nil {
		return nil, call, e
	}
	text, e := checkMethodRules(m.Name, params)
	if e != nil {
		return nil, call, e
	}
	req := &request{ctx: ctx, method: m.Name, params: params, files: files, text: text}
	if e := s.admit(req); e != nil {
		return nil, call, e
	}
	result, e := s.dispatch(req)
	if e != nil {
		return nil, call, e
	}
	call.Status = http.StatusOK
	s.record(call)
	return result, call, nil
}

// splitPath splits /bot<token>/<method>.
func splitPath(path string) (token, method string, ok bool) {
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		return "", "", false
	}
	token, method, ok = strings.Cut(rest, "/")
	return token, method, ok && token != "" && method != "" && !strings.Contains(method, "/")
}

// refuse answers with e, recording the call and, for a request Telegram
// would reject, the violation.
func (s *Server) refuse(w http.ResponseWriter, call Call, e *apiError) {
	s.refused(call, e)
	writeError(w, e)
}

// refused records a refused call and, for a request Telegram would
// reject, the violation.
func (s *Server) refused(call Call, e *apiError) {
	call.Status, call.Error = e.code, e.description
	s.mu.Lock()
	if e.violation {
		s.state.violations = append(s.state.violations, fmt.Sprintf("%s: %s", call.Method, e.description))
	}
	if e.code == http.StatusTooManyRequests {
		s.state.count429++
	}
	s.mu.Unlock()
	s.record(call)
}

// dispatch fakes the effect of a valid call.
func (s *Server) dispatch(r *request) (any, *apiError) {
	switch r.method {
	case "getMe":
		return s.botUser(), nil
	case "getUpdates":
		return s.getUpdates(r)
	case "setWebhook":
		return s.setWebhook(r)
	case "deleteWebhook":
		return s.deleteWebhook(r)
	case "getWebhookInfo":
		return s.getWebhookInfo(), nil
	case "setMyCommands":
		return s.setMyCommands(r)
	case "getMyCommands":
		return s.getMyCommands(r)
	case "deleteMyCommands":
		return s.deleteMyCommands(r)
	case "sendMessage", "sendDocument", "sendPhoto":
		return s.sendMessage(r)
	case "editMessageText", "editMessageReplyMarkup":
		return s.editMessage(r)
	case "deleteMessage":
		return s.deleteMessage(r)
	case "sendChatAction":
		return s.sendChatAction(r)
	case "answerCallbackQuery":
		return s.answerCallbackQuery(r)
	}
	return nil, &apiError{
		code:        http.StatusNotImplemented,
		description: "Not Implemented: telegramtest does not fake " + r.method + " yet",
		violation:   true,
	}
}
