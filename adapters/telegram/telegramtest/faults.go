package telegramtest

import (
	"fmt"
	"net/http"
	"strconv"
)

// fault is an injected failure for the next calls of a method.
type fault struct {
	method     string // "" for any method but getUpdates
	chatID     int64
	anyChat    bool
	left       int
	code       int
	retryAfter int
}

func (f *fault) matches(method string, chatID int64, hasChat bool) bool {
	if f.left <= 0 {
		return false
	}
	if f.method == "" && method == "getUpdates" || f.method != "" && f.method != method {
		return false
	}
	return f.anyChat || hasChat && chatID == f.chatID
}

// FailNext makes the next n calls of method (any method but getUpdates when
// method is "") fail with the HTTP error code, as Telegram answers it:
// 429 "Too Many Requests: retry after N" with parameters.retry_after,
// 403 "Forbidden: bot was blocked by the user", 500, and so on. Injected
// failures are not violations.
func (s *Server) FailNext(method string, n, code, retryAfter int) {
	s.addFault(&fault{method: method, anyChat: true, left: n, code: code, retryAfter: retryAfter})
}

// FailNextInChat is FailNext for the calls addressed to one chat.
func (s *Server) FailNextInChat(chatID int64, method string, n, code, retryAfter int) {
	s.addFault(&fault{method: method, chatID: chatID, left: n, code: code, retryAfter: retryAfter})
}

func (s *Server) addFault(f *fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.faults = append(s.state.faults, f)
}

// BlockChat makes every later send to chatID fail with 403 "Forbidden: bot
// was blocked by the user", as when a user blocks the bot.
func (s *Server) BlockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.blocked[chatID] = true
}

// faultError is Telegram's answer with the given code.
func faultError(code, retryAfter int) *apiError {
	e := &apiError{code: code}
	switch code {
	case http.StatusTooManyRequests:
		if retryAfter < 1 {
			retryAfter = 1
		}
		e.retryAfter = retryAfter
		e.description = fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case http.StatusForbidden:
		e.description = "Forbidden: bot was blocked by the user"
	case http.StatusBadRequest:
		e.description = "Bad Request: chat not found"
	case http.StatusUnauthorized:
		e.description = "Unauthorized"
	case http.StatusConflict:
		e.description = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	default:
		e.description = http.StatusText(code)
	}
	return e
}

// admit applies blocked chats, injected faults and the rate limiter to a
// valid call.
func (s *Server) admit(r *request) *apiError {
	chatID, err := strconv.ParseInt(r.params["chat_id"], 10, 64)
	hasChat := err == nil
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.state.faults {
		if f.matches(r.method, chatID, hasChat) {
			f.left--
			if f.left == 0 {
				s.state.faults = append(s.state.faults[:i], s.state.faults[i+1:]...)
			}
			return faultError(f.code, f.retryAfter)
		}
	}
	if hasChat && s.state.blocked[chatID] && isSend(r.method) {
		return faultError(http.StatusForbidden, 0)
	}
	if s.state.limiter != nil && hasChat && isSend(r.method) {
		if wait := s.state.limiter.take(chatID, s.cfg.now()); wait > 0 {
			return faultError(http.StatusTooManyRequests, wait)
		}
	}
	return nil
}
