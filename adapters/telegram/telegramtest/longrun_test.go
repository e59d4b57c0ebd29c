package telegramtest

import (
	"net/http"
	"net/url"
	"testing"
)

// A long run keeps neither the calls nor the chats it is done with, but
// still sees what Telegram would refuse.
func TestLongRunForgets(t *testing.T) {
	srv := newTestServer(t, WithoutCallLog())
	for _, chat := range []string{"5", "6"} {
		if code, resp := post(t, srv, "sendMessage", url.Values{"chat_id": {chat}, "text": {"hallo"}}); code != http.StatusOK {
			t.Fatalf("sendMessage: %d %q", code, resp.Description)
		}
	}
	if calls := srv.Sent(); len(calls) != 0 {
		t.Errorf("kept %d calls without a call log", len(calls))
	}
	srv.Forget(5)
	if msgs := srv.MessagesTo(5); len(msgs) != 0 {
		t.Errorf("a forgotten chat still has %d messages", len(msgs))
	}
	if msgs := srv.MessagesTo(6); len(msgs) != 1 {
		t.Errorf("another chat lost its message: %d left", len(msgs))
	}
	post(t, srv, "sendMessage", url.Values{"chat_id": {"5"}})
	if v := srv.Violations(); len(v) != 1 {
		t.Errorf("violations = %q, want the message without text", v)
	}
}
