package mattermosttest

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
	"github.com/mattermost/mattermost/server/public/model"
)

// serveWebSocket serves /api/v4/websocket the way Mattermost does. A token
// in the Authorization header (or access_token) authenticates at once; a
// missing or wrong one still upgrades, and the client must then send an
// "authentication_challenge" action with {"token": ...}, which is all
// model.WebSocketClient does. A good challenge gets the "hello" event and
// then an OK response; a bad one closes the connection.
func (s *Server) serveWebSocket(w http.ResponseWriter, r *http.Request) {
	if s.hub.isDown() {
		writeError(w, r, http.StatusServiceUnavailable, "mattermosttest.websocket_down")
		return
	}
	upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	c := &wsConn{ws: ws, id: model.NewId(), done: make(chan struct{})}
	s.hub.add(c)
	defer s.hub.remove(c)
	if tokenFromRequest(r) == s.token {
		s.authenticate(c)
	}
	go c.pinger(s.ping)
	s.readLoop(c)
}

// authenticate makes a connection the bot's and greets it with "hello",
// before any other event can reach it.
func (s *Server) authenticate(c *wsConn) {
	hello := model.NewWebSocketEvent(model.WebsocketEventHello, "", "", s.botID, nil, "")
	hello.Add("server_version", model.CurrentVersion+".0.mattermosttest.false")
	hello.Add("connection_id", c.id)
	hello.Add("server_hostname", "mattermosttest")
	c.mu.Lock()
	defer c.mu.Unlock()
	c.userID = s.botID
	_ = c.sendLocked(context.Background(), hello)
}

// readLoop serves the actions a client sends until the connection breaks.
func (s *Server) readLoop(c *wsConn) {
	defer close(c.done)
	defer c.ws.Close()
	for {
		typ, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		if typ != websocket.TextMessage {
			s.violate("websocket: binary (msgpack) messages not modelled by the fake")
			continue
		}
		var req model.WebSocketRequest
		if err := json.Unmarshal(data, &req); err != nil {
			s.violate("websocket: undecodable message %q", data)
			continue
		}
		if !s.serveAction(c, &req) {
			return
		}
	}
}

// serveAction answers one action and reports whether to keep the
// connection.
func (s *Server) serveAction(c *wsConn, req *model.WebSocketRequest) bool {
	fail := func(status int, id string) bool {
		_ = c.reply(model.NewWebSocketError(req.Seq, model.NewAppError("ServeWebSocket", id, nil, "", status)))
		return true
	}
	switch {
	case req.Action == "":
		return fail(http.StatusBadRequest, "api.web_socket_router.no_action.app_error")
	case req.Seq <= 0:
		return fail(http.StatusBadRequest, "api.web_socket_router.bad_seq.app_error")
	case req.Action == string(model.WebsocketAuthenticationChallenge):
		if c.user() != "" {
			return true // Mattermost ignores a second challenge, without a reply
		}
		if token, _ := req.Data["token"].(string); token != s.token {
			return false
		}
		s.authenticate(c)
		_ = c.reply(model.NewWebSocketResponse(model.StatusOk, req.Seq, nil))
		return true
	case c.user() == "":
		return fail(http.StatusUnauthorized, "api.web_socket_router.not_authenticated.app_error")
	case req.Action == "user_typing":
		_ = c.reply(model.NewWebSocketResponse(model.StatusOk, req.Seq, nil))
		return true
	default:
		s.violate("websocket: action %q not modelled by the fake", req.Action)
		return fail(http.StatusNotImplemented, "api.web_socket_router.bad_action.app_error")
	}
}

// DropConnections cuts every WebSocket connection without a close frame, as
// a network failure would: model.WebSocketClient sets ListenError and closes
// its EventChannel.
func (s *Server) DropConnections() {
	for _, c := range s.hub.removeAll() {
		_ = c.ws.Close()
	}
}

// SetWebSocketDown makes new WebSocket connections fail (with 503, as a
// proxy in front of a stopped server answers) until called with false.
// Existing connections stay; combine with [Server.DropConnections].
func (s *Server) SetWebSocketDown(down bool) {
	s.hub.setDown(down)
}

// deliver sends an event to the connections of its audience. A connection
// that cannot take it is dropped, as Mattermost drops slow clients, and the
// event is lost to it. deliver fails only when ctx ends first.
func (s *Server) deliver(ctx context.Context, e *event) error {
	for _, c := range s.hub.connsOf(e.users) {
		if err := c.send(ctx, e.ev); err != nil {
			s.hub.remove(c)
			_ = c.ws.Close()
		}
	}
	return ctx.Err()
}

// pingDeadline bounds writes of control frames.
const pingDeadline = 5 * time.Second

// WebSocketConnections is how many event stream connections the bot has
// open now.
func (s *Server) WebSocketConnections() int {
	return len(s.hub.connsOf([]string{s.botID}))
}
