package whatsapptest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
)

// answer is what the fake answered to one call.
type answer struct {
	Status int
	Code   int
	ID     string
}

// send posts msg to the fake's messages endpoint with token.
func send(t *testing.T, srv *whatsapptest.Server, token string, msg any) answer {
	t.Helper()
	body, _ := json.Marshal(msg)
	return call(t, srv, "messages", token, "application/json", body)
}

func call(t *testing.T, srv *whatsapptest.Server, edge, token, contentType string, body []byte) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/v23.0/"+srv.PhoneNumberID()+"/"+edge, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var out struct {
		ID       string `json:"id"`
		Messages []struct {
			ID string `json:"id"`
		} `json:"messages"`
		Error struct {
			Code int `json:"code"`
		} `json:"error"`
	}
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &out)
	a := answer{Status: resp.StatusCode, Code: out.Error.Code, ID: out.ID}
	if len(out.Messages) > 0 {
		a.ID = out.Messages[0].ID
	}
	return a
}

// upload posts a file to the fake's media endpoint.
func upload(t *testing.T, srv *whatsapptest.Server, typ, partType string, data []byte) answer {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("messaging_product", "whatsapp")
	_ = w.WriteField("type", typ)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="f"`)
	h.Set("Content-Type", partType)
	part, _ := w.CreatePart(h)
	_, _ = part.Write(data)
	_ = w.Close()
	return call(t, srv, "media", srv.Token(), w.FormDataContentType(), buf.Bytes())
}

func text(to, body string) map[string]any {
	return map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "text",
		"text": map[string]any{"body": body}}
}

func buttons(to, body string, titles ...string) map[string]any {
	var bs []any
	for i, t := range titles {
		bs = append(bs, map[string]any{"type": "reply", "reply": map[string]any{"id": "b" + string(rune('0'+i)), "title": t}})
	}
	return map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "interactive",
		"interactive": map[string]any{"type": "button", "body": map[string]any{"text": body}, "action": map[string]any{"buttons": bs}}}
}

func list(to, body string, rows ...map[string]any) map[string]any {
	var rs []any
	for _, r := range rows {
		rs = append(rs, r)
	}
	return map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "interactive",
		"interactive": map[string]any{"type": "list", "body": map[string]any{"text": body},
			"action": map[string]any{"button": "Auswählen", "sections": []any{map[string]any{"rows": rs}}}}}
}

func template(to, name, lang string, params ...string) map[string]any {
	var ps []any
	for _, p := range params {
		ps = append(ps, map[string]any{"type": "text", "text": p})
	}
	comps := []any{map[string]any{"type": "body", "parameters": ps}}
	return map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "template",
		"template": map[string]any{"name": name, "language": map[string]any{"policy": "deterministic", "code": lang}, "components": comps}}
}

// receiver is the bot's side of the webhook: it records what the fake
// posts and checks each signature.
type receiver struct {
	t      *testing.T
	secret string
	hs     *httptest.Server
	mu     sync.Mutex
	bodies [][]byte
	status int
}

func newReceiver(t *testing.T, srv *whatsapptest.Server) *receiver {
	r := &receiver{t: t, secret: srv.AppSecret(), status: http.StatusOK}
	r.hs = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if got := req.Header.Get("X-Hub-Signature-256"); got != whatsapptest.Sign(r.secret, body) {
			t.Errorf("webhook signed %q, want %q", got, whatsapptest.Sign(r.secret, body))
		}
		r.mu.Lock()
		r.bodies = append(r.bodies, body)
		status := r.status
		r.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(r.hs.Close)
	srv.SetWebhook(r.hs.URL)
	return r
}

func (r *receiver) got() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.bodies...)
}

// wait waits until n webhooks arrived.
func (r *receiver) wait(n int) [][]byte {
	deadline := time.Now().Add(5 * time.Second)
	for len(r.got()) < n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	return r.got()
}

var bg = context.Background()
