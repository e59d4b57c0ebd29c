package telegramtest

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// Call is one request the bot made, whether or not it was accepted. Reads
// (getMe, getUpdates and the other get* methods) are not recorded as calls,
// so that WaitSent waits for what the bot does; their violations are.
type Call struct {
	Method string
	Params map[string]string
	Files  map[string]File
	Status int    // HTTP status answered
	Error  string // description when the call was refused
	Time   time.Time
}

// OK reports whether the call was accepted.
func (c Call) OK() bool { return c.Status == 200 }

// record remembers a call that is not a read.
func (s *Server) record(c Call) {
	if strings.HasPrefix(c.Method, "get") || s.cfg.noCallLog {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.calls = append(s.state.calls, c)
	close(s.state.callsChanged)
	s.state.callsChanged = make(chan struct{})
}

// Sent returns every call so far, in order.
func (s *Server) Sent() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneCalls(s.state.calls)
}

// Calls returns the calls of one method, in order.
func (s *Server) Calls(method string) []Call {
	var out []Call
	for _, c := range s.Sent() {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitSent waits until at least n calls were made and returns all calls so
// far, or returns them with an error when ctx ends or the server closes.
func (s *Server) WaitSent(ctx context.Context, n int) ([]Call, error) {
	for {
		s.mu.Lock()
		if len(s.state.calls) >= n {
			calls := cloneCalls(s.state.calls)
			s.mu.Unlock()
			return calls, nil
		}
		changed := s.state.callsChanged
		s.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return s.Sent(), ctx.Err()
		case <-s.done:
			return s.Sent(), context.Canceled
		}
	}
}

func cloneCalls(calls []Call) []Call {
	out := slices.Clone(calls)
	for i := range out {
		out[i].Params = maps.Clone(out[i].Params)
		out[i].Files = maps.Clone(out[i].Files)
	}
	return out
}

// MessagesTo returns the messages the bot sent to a chat, in the order
// sent, each in its current state (edited, deleted).
func (s *Server) MessagesTo(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.state.chats[chatID]
	if !ok {
		return nil
	}
	out := make([]Message, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, *c.messages[id])
	}
	return out
}

// Forget drops a chat with the messages the bot sent to it, for long runs
// that are done with the chat; a later message starts it afresh.
func (s *Server) Forget(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.state.chats, chatID)
}

// Violations returns a description of every request Telegram would have
// refused, in order.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.state.violations)
}

// AssertClean fails the test for every violation recorded.
func (s *Server) AssertClean(t testing.TB) {
	t.Helper()
	for _, v := range s.Violations() {
		t.Errorf("telegramtest: Telegram would refuse: %s", v)
	}
}

// Count429 is how many calls were answered 429 Too Many Requests, injected
// or by the rate limiter.
func (s *Server) Count429() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.count429
}
