package mattermosttest_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/mattermost/mattermost/server/public/model"
)

const waitTimeout = 5 * time.Second

// newServer starts a fake server closed at the end of the test, and checks
// then that the test used nothing the fake does not model.
func newServer(t *testing.T, opts ...mattermosttest.Option) *mattermosttest.Server {
	t.Helper()
	s := mattermosttest.New(opts...)
	t.Cleanup(func() {
		s.Close()
		for _, v := range s.Violations() {
			t.Errorf("violation: %s", v)
		}
	})
	return s
}

// dial connects a model.WebSocketClient as the bot and starts listening.
func dial(t *testing.T, s *mattermosttest.Server) *model.WebSocketClient {
	t.Helper()
	ws, err := model.NewWebSocketClient4(wsURL(s), s.Token())
	if err != nil {
		t.Fatalf("NewWebSocketClient4: %v", err)
	}
	ws.Listen()
	t.Cleanup(ws.Close)
	return ws
}

func wsURL(s *mattermosttest.Server) string {
	return "ws" + strings.TrimPrefix(s.URL(), "http")
}

// nextEvent returns the next event, failing the test if there is none in
// time.
func nextEvent(t *testing.T, ws *model.WebSocketClient) *model.WebSocketEvent {
	t.Helper()
	select {
	case ev, ok := <-ws.EventChannel:
		if !ok {
			t.Fatalf("event channel closed: %v", ws.ListenError)
		}
		return ev
	case <-time.After(waitTimeout):
		t.Fatal("no event")
		return nil
	}
}

// expectEvent returns the next event and checks its type.
func expectEvent(t *testing.T, ws *model.WebSocketClient, typ model.WebsocketEventType) *model.WebSocketEvent {
	t.Helper()
	ev := nextEvent(t, ws)
	if ev.EventType() != typ {
		t.Fatalf("event = %q, want %q (data %v)", ev.EventType(), typ, ev.GetData())
	}
	return ev
}

// eventPost decodes the post in a "posted" or "post_edited" event.
func eventPost(t *testing.T, ev *model.WebSocketEvent) *model.Post {
	t.Helper()
	raw, ok := ev.GetData()["post"].(string)
	if !ok {
		t.Fatalf("event data post is %T, want a JSON string", ev.GetData()["post"])
	}
	var p model.Post
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatalf("decode post: %v", err)
	}
	return &p
}
