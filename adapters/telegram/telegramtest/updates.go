package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Update is an update as Telegram sends it, a JSON object; the builders
// ([Server.TextMessage] and others) make them.
type Update map[string]any

// ID is the update's update_id, or 0.
func (u Update) ID() int {
	switch v := u["update_id"].(type) {
	case int:
		return v
	case float64:
		return int(v)
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	}
	return 0
}

// Kind is the update's type: message, callback_query, and so on.
func (u Update) Kind() string {
	for k := range u {
		if k != "update_id" {
			return k
		}
	}
	return ""
}

type queuedUpdate struct {
	id   int
	kind string
	raw  json.RawMessage
}

// defaultUnallowed are the update kinds Telegram does not deliver unless
// allowed_updates names them.
var defaultUnallowed = []string{"chat_member", "message_reaction", "message_reaction_count"}

// PushUpdate queues an update for getUpdates and returns its update_id,
// assigning the next one if it has none. The update is copied.
func (s *Server) PushUpdate(u Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := u.ID()
	if id == 0 {
		id = s.state.nextUpdateID()
		u["update_id"] = id
	}
	s.state.lastUpdateID = max(s.state.lastUpdateID, id)
	s.registerCallback(u)
	raw, err := json.Marshal(u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: update is not JSON: %v", err))
	}
	s.state.updates = append(s.state.updates, queuedUpdate{id: id, kind: u.Kind(), raw: raw})
	s.state.notifyUpdates()
	return id
}

// registerCallback makes answerCallbackQuery accept the update's callback
// query id; the caller holds s.mu.
func (s *Server) registerCallback(u Update) {
	cq, ok := u["callback_query"].(map[string]any)
	if !ok {
		return
	}
	if id, ok := cq["id"].(string); ok {
		s.state.callbacks[id] = true
	}
}

func (st *state) nextUpdateID() int {
	st.lastUpdateID++
	return st.lastUpdateID
}

func (st *state) notifyUpdates() {
	close(st.updatesChanged)
	st.updatesChanged = make(chan struct{})
}

// Pending is how many updates are queued and not yet confirmed.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.state.updates)
}

// getUpdates long-polls: it confirms the updates below offset, then returns
// up to limit queued updates, waiting up to timeout seconds for one.
func (s *Server) getUpdates(r *request) (any, *apiError) {
	offset, _ := strconv.Atoi(r.params["offset"])
	limit := 100
	if v, ok := r.params["limit"]; ok {
		limit, _ = strconv.Atoi(v)
		limit = min(max(limit, 1), maxGetUpdatesLimit)
	}
	timeout, _ := strconv.Atoi(r.params["timeout"])
	timeout = min(max(timeout, 0), maxLongPollSeconds)
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()

	s.mu.Lock()
	if s.state.webhook != nil {
		s.mu.Unlock()
		return nil, &apiError{code: http.StatusConflict, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", violation: true}
	}
	if raw, ok := r.params["allowed_updates"]; ok {
		_ = json.Unmarshal([]byte(raw), &s.state.allowedUpdates)
	}
	s.state.pollGen++
	gen := s.state.pollGen
	s.state.notifyUpdates() // wakes an older poll, which is then terminated
	for {
		if s.state.pollGen != gen {
			s.mu.Unlock()
			return nil, faultConflict()
		}
		s.state.confirm(offset)
		if batch := s.state.collect(limit); len(batch) > 0 {
			s.mu.Unlock()
			return batch, nil
		}
		changed := s.state.updatesChanged
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			return []json.RawMessage{}, nil
		case <-r.ctx.Done():
			return []json.RawMessage{}, nil
		case <-s.done:
			return []json.RawMessage{}, nil
		}
		s.mu.Lock()
	}
}

// faultConflict answers a poll terminated by a newer one: two bot
// instances are polling.
func faultConflict() *apiError {
	e := faultError(http.StatusConflict, 0)
	e.violation = true
	return e
}

// confirm drops the updates below offset; a negative offset keeps only the
// last -offset updates, as Telegram does.
func (st *state) confirm(offset int) {
	switch {
	case offset > 0:
		st.updates = slices.DeleteFunc(st.updates, func(u queuedUpdate) bool { return u.id < offset })
	case offset < 0 && -offset < len(st.updates):
		st.updates = st.updates[len(st.updates)+offset:]
	}
}

// collect returns up to limit deliverable updates, dropping those that
// allowed_updates filters out.
func (st *state) collect(limit int) []json.RawMessage {
	st.updates = slices.DeleteFunc(st.updates, func(u queuedUpdate) bool { return !st.allowed(u.kind) })
	var out []json.RawMessage
	for _, u := range st.updates {
		if len(out) == limit {
			break
		}
		out = append(out, u.raw)
	}
	return out
}

func (st *state) allowed(kind string) bool {
	if len(st.allowedUpdates) == 0 {
		return !slices.Contains(defaultUnallowed, kind)
	}
	return slices.Contains(st.allowedUpdates, kind)
}
