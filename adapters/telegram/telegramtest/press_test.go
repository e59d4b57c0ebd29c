package telegramtest

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// A person presses the button on the newest message that shows it, never
// on one the bot deleted.
func TestPress(t *testing.T) {
	srv := newTestServer(t)
	send := func(text, data string) int {
		t.Helper()
		code, resp := post(t, srv, "sendMessage", url.Values{"chat_id": {"7"}, "text": {text},
			"reply_markup": {`{"inline_keyboard":[[{"text":"Ja","callback_data":"` + data + `"}]]}`}})
		if code != http.StatusOK {
			t.Fatalf("sendMessage: %d %q", code, resp.Description)
		}
		return srv.MessagesTo(7)[srv.MessageCount(7)-1].ID
	}
	send("Erste Frage", "first")
	second := send("Zweite Frage", "second")
	third := send("Dritte Frage", "third")
	if code, resp := post(t, srv, "deleteMessage", url.Values{"chat_id": {"7"}, "message_id": {strconv.Itoa(third)}}); code != http.StatusOK {
		t.Fatalf("deleteMessage: %d %q", code, resp.Description)
	}
	u, ok := srv.Press(7, 7, "Ja")
	if !ok {
		t.Fatal("no button found")
	}
	cq := u["callback_query"].(map[string]any)
	if cq["data"] != "second" || cq["message"].(messageObject).MessageID != second {
		t.Errorf("pressed %v on message %v, want the newest shown one (%d)", cq["data"], cq["message"], second)
	}
	if _, ok := srv.Press(7, 7, "Nein"); ok {
		t.Error("a button nobody shows was pressed")
	}
	if n := srv.MessageCount(7); n != 3 {
		t.Errorf("MessageCount = %d, want 3 sent", n)
	}
	srv.AssertClean(t)
}
