package telegramtest

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFailNext(t *testing.T) {
	tests := []struct {
		name       string
		inject     func(*Server)
		chat       string
		wantCodes  []int
		wantRetry  int
		wantPrefix string
	}{
		{"429 twice", func(s *Server) { s.FailNext("sendMessage", 2, 429, 7) }, "1", []int{429, 429, 200}, 7, "Too Many Requests: retry after 7"},
		{"403 blocked", func(s *Server) { s.FailNext("", 1, 403, 0) }, "1", []int{403, 200}, 0, "Forbidden: bot was blocked by the user"},
		{"500", func(s *Server) { s.FailNext("sendMessage", 1, 500, 0) }, "1", []int{500, 200}, 0, "Internal Server Error"},
		{"other chat unaffected", func(s *Server) { s.FailNextInChat(2, "sendMessage", 1, 429, 1) }, "1", []int{200}, 0, ""},
		{"this chat affected", func(s *Server) { s.FailNextInChat(2, "sendMessage", 1, 429, 1) }, "2", []int{429, 200}, 1, "Too Many Requests"},
		{"other method unaffected", func(s *Server) { s.FailNext("sendPhoto", 1, 500, 0) }, "1", []int{200}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			tt.inject(srv)
			for i, want := range tt.wantCodes {
				code, resp := post(t, srv, "sendMessage", url.Values{"chat_id": {tt.chat}, "text": {"hi"}})
				if code != want {
					t.Fatalf("call %d: got %d %q, want %d", i, code, resp.Description, want)
				}
				if i == 0 && want != 200 {
					if !strings.HasPrefix(resp.Description, tt.wantPrefix) {
						t.Errorf("description %q, want %q", resp.Description, tt.wantPrefix)
					}
					if resp.Parameters.RetryAfter != tt.wantRetry {
						t.Errorf("retry_after %d, want %d", resp.Parameters.RetryAfter, tt.wantRetry)
					}
				}
			}
			srv.AssertClean(t)
		})
	}
}

func TestRateLimits(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { return now }
	srv := newTestServer(t, WithClock(clock), WithRateLimits(TelegramRateLimits()))
	send := func(chat string) (int, testResponse) {
		return post(t, srv, "sendMessage", url.Values{"chat_id": {chat}, "text": {"hi"}})
	}
	// A private chat allows a burst of 3, then 1 per second.
	for i := range 3 {
		if code, resp := send("1"); code != 200 {
			t.Fatalf("burst message %d: %d %s", i, code, resp.Description)
		}
	}
	code, resp := send("1")
	if code != 429 || resp.Parameters.RetryAfter != 1 {
		t.Fatalf("4th message: %d retry_after %d, want 429 after 1", code, resp.Parameters.RetryAfter)
	}
	now = now.Add(time.Second)
	if code, _ := send("1"); code != 200 {
		t.Fatalf("after waiting: %d, want 200", code)
	}
	// A group allows 20 a minute.
	for i := range 20 {
		if code, _ := send("-100"); code != 200 {
			t.Fatalf("group message %d: %d", i, code)
		}
		now = now.Add(10 * time.Millisecond)
	}
	if code, resp := send("-100"); code != 429 || resp.Parameters.RetryAfter < 2 {
		t.Fatalf("21st group message: %d retry_after %d, want 429 after ~3s", code, resp.Parameters.RetryAfter)
	}
	// Globally 30 a second, over fresh chats.
	now = now.Add(time.Minute)
	n429 := srv.Count429()
	ok := 0
	for chat := 1000; chat < 1040; chat++ {
		if code, _ := send(strconv.Itoa(chat)); code == 200 {
			ok++
		}
	}
	if ok != 30 || srv.Count429()-n429 != 10 {
		t.Errorf("40 chats in one instant: %d sent, %d refused; want 30 and 10", ok, srv.Count429()-n429)
	}
	if code, _ := post(t, srv, "sendChatAction", url.Values{"chat_id": {"1"}, "action": {"typing"}}); code != 200 {
		t.Errorf("chat actions are not rate limited, got %d", code)
	}
	srv.AssertClean(t)
}
