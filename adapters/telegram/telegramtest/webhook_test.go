package telegramtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
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
	status, err := PostWebhook(context.Background(), hook.URL, "s3cret", u)
	if err != nil || status != http.StatusOK {
		t.Fatalf("PostWebhook = %d, %v", status, err)
	}
	if got.ID() != u.ID() || got.Kind() != "message" || secret != "s3cret" {
		t.Errorf("webhook got update %v with secret %q", got, secret)
	}
	status, err = PostWebhook(context.Background(), hook.URL, "", u)
	if err != nil || status != http.StatusUnauthorized {
		t.Errorf("without secret: %d, %v; want 401 from the bot", status, err)
	}
}
