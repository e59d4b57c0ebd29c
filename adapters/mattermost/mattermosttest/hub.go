package mattermosttest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/mattermost/mattermost/server/public/model"
)

// hub holds the open WebSocket connections.
type hub struct {
	mu    sync.Mutex
	conns map[*wsConn]bool
	down  bool
}

func (h *hub) add(c *wsConn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.conns[c] = true
}

func (h *hub) remove(c *wsConn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns, c)
}

func (h *hub) removeAll() []*wsConn {
	h.mu.Lock()
	defer h.mu.Unlock()
	var all []*wsConn
	for c := range h.conns {
		all = append(all, c)
	}
	clear(h.conns)
	return all
}

// connsOf returns the authenticated connections of the given users.
func (h *hub) connsOf(users []string) []*wsConn {
	h.mu.Lock()
	all := make([]*wsConn, 0, len(h.conns))
	for c := range h.conns {
		all = append(all, c)
	}
	h.mu.Unlock()
	var conns []*wsConn
	for _, c := range all {
		if u := c.user(); u != "" && slices.Contains(users, u) {
			conns = append(conns, c)
		}
	}
	return conns
}

func (h *hub) setDown(down bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.down = down
}

func (h *hub) isDown() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.down
}

// wsConn is one WebSocket connection.
type wsConn struct {
	ws   *websocket.Conn
	id   string        // the connection_id sent in "hello"
	done chan struct{} // closed when the read loop ends

	mu     sync.Mutex // serialises writes and guards the fields below
	userID string     // empty until authenticated
	seq    int64      // sequence number of the next event
}

func (c *wsConn) user() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.userID
}

// send writes an event with the connection's next sequence number.
func (c *wsConn) send(ctx context.Context, ev *model.WebSocketEvent) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sendLocked(ctx, ev)
}

// sendLocked is send for callers holding c.mu.
func (c *wsConn) sendLocked(ctx context.Context, ev *model.WebSocketEvent) error {
	b, err := ev.SetSequence(c.seq).ToJSON()
	if err != nil {
		return err
	}
	c.seq++
	return c.write(ctx, b)
}

// reply writes the response to an action.
func (c *wsConn) reply(resp *model.WebSocketResponse) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, err := resp.ToJSON()
	if err != nil {
		return err
	}
	return c.write(context.Background(), b)
}

// write sends a text message, giving up at ctx's deadline or after a few
// seconds. Callers hold c.mu.
func (c *wsConn) write(ctx context.Context, b []byte) error {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(pingDeadline)
	}
	if err := c.ws.SetWriteDeadline(deadline); err != nil {
		return err
	}
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

// pinger pings the client at the interval until the connection ends.
func (c *wsConn) pinger(interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(pingDeadline)); err != nil {
				return
			}
		case <-c.done:
			return
		}
	}
}
