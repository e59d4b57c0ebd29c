package telegramtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRejects(t *testing.T) {
	long := strings.Repeat("a", maxMessageText+1)
	tests := []struct {
		name   string
		method string
		form   url.Values
		code   int
		want   string // in the description
	}{
		{"unknown method", "sendMessages", url.Values{"chat_id": {"1"}, "text": {"hi"}}, 404, "Not Found"},
		{"missing required parameter", "sendMessage", url.Values{"chat_id": {"1"}}, 400, "message text is empty"},
		{"missing chat_id", "sendMessage", url.Values{"text": {"hi"}}, 400, "chat_id is empty"},
		{"unknown parameter", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"}, "colour": {"red"}}, 400, `unknown parameter "colour"`},
		{"non-integer chat_id", "sendMessage", url.Values{"chat_id": {"abc"}, "text": {"hi"}}, 400, "chat not found"},
		{"non-integer message_id", "deleteMessage", url.Values{"chat_id": {"1"}, "message_id": {"x1"}}, 400, "Integer"},
		{"bad boolean", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"}, "disable_notification": {"yes"}}, 400, "Boolean"},
		{"65-byte callback_data", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"},
			"reply_markup": {`{"inline_keyboard":[[{"text":"a","callback_data":"` + strings.Repeat("x", 65) + `"}]]}`}}, 400, "BUTTON_DATA_INVALID"},
		{"empty button text", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"},
			"reply_markup": {`{"inline_keyboard":[[{"text":"","callback_data":"x"}]]}`}}, 400, "BUTTON_TEXT_INVALID"},
		{"button without action", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"},
			"reply_markup": {`{"inline_keyboard":[[{"text":"a"}]]}`}}, 400, "exactly one"},
		{"reply_markup not JSON", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {`{inline`}}, 400, "can't parse reply_markup"},
		{"reply_markup of a wrong type", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"}, "reply_markup": {`{"buttons":[]}`}}, 400, "reply_markup"},
		{"unclosed HTML tag", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"<b>x"}, "parse_mode": {"HTML"}}, 400, "can't parse entities"},
		{"bare < in HTML", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"a < b"}, "parse_mode": {"HTML"}}, 400, "unsupported start tag"},
		{"bare > in HTML", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"a > b"}, "parse_mode": {"HTML"}}, 400, "&gt;"},
		{"unsupported HTML tag", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"<script>x</script>"}, "parse_mode": {"HTML"}}, 400, `unsupported start tag "script"`},
		{"bare & in HTML", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"Tom & Jerry"}, "parse_mode": {"HTML"}}, 400, "&amp;"},
		{"misnested HTML", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"<b><i>x</b></i>"}, "parse_mode": {"HTML"}}, 400, "unmatched end tag"},
		{"unescaped MarkdownV2", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"Done."}, "parse_mode": {"MarkdownV2"}}, 400, "reserved"},
		{"unknown parse_mode", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"hi"}, "parse_mode": {"html"}}, 400, "unsupported parse_mode"},
		{"text over 4096", "sendMessage", url.Values{"chat_id": {"1"}, "text": {long}}, 400, "message is too long"},
		{"text over 4096 after tags", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"<b>" + long + "</b>"}, "parse_mode": {"HTML"}}, 400, "message is too long"},
		{"whitespace text", "sendMessage", url.Values{"chat_id": {"1"}, "text": {"  \n"}}, 400, "message text is empty"},
		{"caption over 1024", "sendPhoto", url.Values{"chat_id": {"1"}, "photo": {"file-id"}, "caption": {strings.Repeat("c", 1025)}}, 400, "caption is too long"},
		{"callback answer over 200", "answerCallbackQuery", url.Values{"callback_query_id": {"1"}, "text": {strings.Repeat("t", 201)}}, 400, "MESSAGE_TOO_LONG"},
		{"unknown callback query", "answerCallbackQuery", url.Values{"callback_query_id": {"42"}}, 400, "query ID is invalid"},
		{"bad chat action", "sendChatAction", url.Values{"chat_id": {"1"}, "action": {"dancing"}}, 400, "action"},
		{"edit without message_id", "editMessageText", url.Values{"chat_id": {"1"}, "text": {"x"}}, 400, "message identifier"},
		{"edit of unknown message", "editMessageText", url.Values{"chat_id": {"1"}, "message_id": {"99"}, "text": {"x"}}, 400, "message to edit not found"},
		{"delete of unknown message", "deleteMessage", url.Values{"chat_id": {"1"}, "message_id": {"99"}}, 400, "message to delete not found"},
		{"bad command", "setMyCommands", url.Values{"commands": {`[{"command":"Start","description":"go"}]`}}, 400, "BOT_COMMAND_INVALID"},
		{"bad scope", "setMyCommands", url.Values{"commands": {`[{"command":"start","description":"go"}]`}, "scope": {`{"type":"everyone"}`}}, 400, "BotCommandScope"},
		{"webhook without https", "setWebhook", url.Values{"url": {"http://example.org/hook"}}, 400, "HTTPS"},
		{"bad secret token", "setWebhook", url.Values{"url": {"https://example.org/hook"}, "secret_token": {"no spaces"}}, 400, "secret token"},
		{"certificate as a string", "setWebhook", url.Values{"url": {"https://example.org/hook"}, "certificate": {"abc"}}, 400, "certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			code, resp := post(t, srv, tt.method, tt.form)
			if code != tt.code || !strings.Contains(resp.Description, tt.want) {
				t.Fatalf("got %d %q, want %d with %q", code, resp.Description, tt.code, tt.want)
			}
			if tt.code == 400 && !strings.HasPrefix(resp.Description, "Bad Request: ") {
				t.Errorf("description %q lacks Telegram's prefix", resp.Description)
			}
			if v := srv.Violations(); len(v) != 1 {
				t.Errorf("violations = %q, want one", v)
			}
		})
	}
}

func TestRejectsWrongToken(t *testing.T) {
	srv := newTestServer(t)
	code, resp := postRaw(t, srv, srv.URL()+"/bot1:wrong/getMe", "", "")
	if code != http.StatusUnauthorized || resp.Description != "Unauthorized" {
		t.Fatalf("got %d %q, want 401 Unauthorized", code, resp.Description)
	}
	if len(srv.Violations()) != 1 {
		t.Errorf("violations = %q, want one", srv.Violations())
	}
}

func TestAcceptsBodies(t *testing.T) {
	tests := []struct {
		name, contentType, body string
	}{
		{"form", "application/x-www-form-urlencoded", "chat_id=5&text=hi"},
		{"json", "application/json", `{"chat_id":5,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"ok","callback_data":"ok"}]]}}`},
		{"json with null", "application/json", `{"chat_id":"5","text":"hi","parse_mode":null}`},
		{"json with HTML", "application/json", `{"chat_id":5,"text":"<b>fett</b> &amp; <a href=\"https://example.org\">link</a>","parse_mode":"HTML"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			code, resp := postRaw(t, srv, srv.URL()+"/bot"+srv.Token()+"/sendMessage", tt.contentType, tt.body)
			if code != http.StatusOK {
				t.Fatalf("got %d %q", code, resp.Description)
			}
			srv.AssertClean(t)
		})
	}
}
