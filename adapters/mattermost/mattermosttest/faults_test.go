package mattermosttest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/mattermost/mattermost/server/public/model"
)

func TestFailNext(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.Client()
	post := &model.Post{ChannelId: s.TownSquare().Id, Message: "hi"}

	s.FailNext("POST /posts", http.StatusTooManyRequests, 1500*time.Millisecond)
	_, resp, err := c.CreatePost(ctx, post)
	if err == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("CreatePost: status %d, err %v; want 429", resp.StatusCode, err)
	}
	if resp.Header.Get("Retry-After") != "2" || resp.Header.Get("X-Ratelimit-Reset") != "2" || resp.Header.Get("X-Ratelimit-Remaining") != "0" {
		t.Errorf("429 headers = %v", resp.Header)
	}
	s.FailNext("/api/v4/posts", http.StatusBadGateway, 0)
	if _, resp, _ := c.CreatePost(ctx, post); resp.StatusCode != http.StatusBadGateway {
		t.Errorf("second call: status %d, want 502", resp.StatusCode)
	}
	if _, _, err := c.CreatePost(ctx, post); err != nil {
		t.Errorf("third call: %v", err)
	}
	if n := len(s.PostsIn(s.TownSquare().Id)); n != 1 {
		t.Errorf("%d posts written, want 1", n)
	}

	s.FailNext("/websocket", http.StatusServiceUnavailable, 0)
	if _, err := model.NewWebSocketClient4(wsURL(s), s.Token()); err == nil {
		t.Error("WebSocket connected through a planned failure")
	}
}

func TestViolations(t *testing.T) {
	s := mattermosttest.New()
	defer s.Close()
	resp, err := s.Client().DeletePost(context.Background(), model.NewId())
	if err == nil || resp.StatusCode != http.StatusNotImplemented {
		t.Errorf("DeletePost: status %d, err %v; want 501", resp.StatusCode, err)
	}
	v := s.Violations()
	if len(v) != 1 || !strings.HasPrefix(v[0], "DELETE /api/v4/posts/") {
		t.Errorf("Violations() = %q", v)
	}
}
