package telegramtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPostWebhook(t *testing.T) {
	srv := newTestServer(t)
	var got Update
	var secret string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret = r.Header.Get(SecretTokenHeader)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if secret != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer hook.Close()

	u := srv.TextMessage(1, 1, "hallo", "de")
	status, err := srv.PostWebhook(context.Background(), nil, hook.URL, "s3cret", u)
	if err != nil || status != http.StatusOK {
		t.Fatalf("PostWebhook = %d, %v", status, err)
	}
	if got.ID() != u.ID() || got.Kind() != "message" || secret != "s3cret" {
		t.Errorf("webhook got update %v with secret %q", got, secret)
	}
	status, err = srv.PostWebhook(context.Background(), hook.Client(), hook.URL, "", u)
	if err != nil || status != http.StatusUnauthorized {
		t.Errorf("without secret: %d, %v; want 401 from the bot", status, err)
	}
	srv.AssertClean(t)
}

// A bot may answer a webhook with a method call, which Telegram makes
// only when the answer is 200, and checks like any other.
func TestWebhookReply(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		sent        string // text of the message sent to chat 1, if any
		violation   string
	}{
		{"json", 200, "application/json", `{"method":"sendMessage","chat_id":1,"text":"Danke"}`, "Danke", ""},
		{"form", 200, "application/x-www-form-urlencoded", "method=sendMessage&chat_id=1&text=Gern", "Gern", ""},
		{"method in any case", 200, "application/json", `{"method":"SENDMESSAGE","chat_id":1,"text":"Ja"}`, "Ja", ""},
		{"no reply", 200, "", "", "", ""},
		{"not on failure", 500, "application/json", `{"method":"sendMessage","chat_id":1,"text":"Danke"}`, "", ""},
		{"unknown method", 200, "application/json", `{"method":"sendHug","chat_id":1}`, "", `"sendHug" does not exist`},
		{"no method", 200, "application/json", `{"chat_id":1,"text":"Danke"}`, "", `"" does not exist`},
		{"bad parameters", 200, "application/json", `{"method":"sendMessage","chat_id":1}`, "", "sendMessage"},
		{"not JSON", 200, "application/json", `method=sendMessage`, "", "bad JSON body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer hook.Close()
			status, err := srv.PostWebhook(context.Background(), nil, hook.URL, "", srv.TextMessage(1, 1, "hallo", "de"))
			if err != nil || status != tt.status {
				t.Fatalf("PostWebhook = %d, %v", status, err)
			}
			var texts []string
			for _, m := range srv.MessagesTo(1) {
				texts = append(texts, m.Text)
			}
			if want := tt.sent; len(texts) != min(len(want), 1) || want != "" && texts[0] != want {
				t.Errorf("sent %q, want %q", texts, want)
			}
			v := srv.Violations()
			switch {
			case tt.violation == "" && len(v) > 0:
				t.Errorf("violations %q, want none", v)
			case tt.violation != "" && (len(v) != 1 || !strings.Contains(v[0], tt.violation)):
				t.Errorf("violations %q, want one about %q", v, tt.violation)
			}
		})
	}
}
