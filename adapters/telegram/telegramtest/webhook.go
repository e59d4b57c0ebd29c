package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// SecretTokenHeader is the header in which Telegram sends a webhook's
// secret_token.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// PostWebhook delivers an update to the bot's webhook at url as Telegram
// does: a JSON POST carrying the secret token header when secret is set,
// sent with hc (http.DefaultClient when nil). A bot may answer 200 with a
// method call in the body; the server makes it as Telegram does, checked
// and recorded like any call, its result going nowhere. PostWebhook
// returns the HTTP status the bot answered.
func (s *Server) PostWebhook(ctx context.Context, hc *http.Client, url, secret string, u Update) (int, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return 0, fmt.Errorf("telegramtest: marshal update: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("telegramtest: webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretTokenHeader, secret)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("telegramtest: post webhook: %w", err)
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return 0, fmt.Errorf("telegramtest: read webhook reply: %w", err)
	}
	if resp.StatusCode == http.StatusOK && len(bytes.TrimSpace(reply)) > 0 {
		s.webhookReply(ctx, resp.Header.Get("Content-Type"), reply)
	}
	return resp.StatusCode, nil
}

// webhookReply makes the method call a bot answered a webhook with: its
// parameters and the method's name in "method", in any body a call may
// have.
func (s *Server) webhookReply(ctx context.Context, contentType string, body []byte) {
	params, files, err := readBody(contentType, nil, bytes.NewReader(body))
	if err != nil {
		s.refused(Call{Method: "webhook reply", Time: s.cfg.now()}, badRequest("%v", err))
		return
	}
	name := params["method"]
	delete(params, "method")
	m, ok := s.spec.Method(name)
	if !ok {
		s.refused(Call{Method: "webhook reply", Time: s.cfg.now()},
			&apiError{code: http.StatusNotFound, description: fmt.Sprintf("Not Found: method %q does not exist", name), violation: true})
		return
	}
	if _, call, e := s.call(ctx, m, params, files, nil); e != nil {
		s.refused(call, e)
	}
}
