package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// newTestServer starts a server that closes with the test.
func newTestServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	srv := New(MustLoadSpec(t), opts...)
	t.Cleanup(srv.Close)
	return srv
}

type testResponse struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// post calls method with form parameters, as most clients do.
func post(t *testing.T, srv *Server, method string, form url.Values) (int, testResponse) {
	t.Helper()
	return postRaw(t, srv, srv.URL()+"/bot"+srv.Token()+"/"+method, "application/x-www-form-urlencoded", form.Encode())
}

func postRaw(t *testing.T, srv *Server, target, contentType, body string) (int, testResponse) {
	t.Helper()
	resp, err := srv.Client().Post(target, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r testResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("decode response: %v", err)
	}
	if r.OK != (resp.StatusCode == http.StatusOK) || !r.OK && r.ErrorCode != resp.StatusCode {
		t.Errorf("inconsistent response: HTTP %d, %+v", resp.StatusCode, r)
	}
	return resp.StatusCode, r
}
