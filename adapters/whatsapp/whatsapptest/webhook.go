package whatsapptest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// Sign is the X-Hub-Signature-256 of body under secret, as Meta makes it.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// change wraps a value in a payload as Meta posts it.
func (s *Server) payload(value map[string]any) map[string]any {
	value["messaging_product"] = "whatsapp"
	value["metadata"] = map[string]any{"display_phone_number": s.cfg.number, "phone_number_id": s.cfg.phoneID}
	return map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{
			"id":      "419561257915477",
			"changes": []any{map[string]any{"field": "messages", "value": value}},
		}},
	}
}

// inbound is a person's message as a payload; it opens their window. The
// caller holds mu.
func (s *Server) inbound(from string, msg map[string]any) []byte {
	now := s.cfg.now()
	s.lastIn[from] = now
	msg["from"] = from
	msg["id"] = "wamid.IN" + s.nextID("")
	msg["timestamp"] = strconv.FormatInt(now.Unix(), 10)
	p := s.payload(map[string]any{
		"contacts": []any{map[string]any{"profile": map[string]any{"name": "Person " + from}, "wa_id": from}},
		"messages": []any{msg},
	})
	body, _ := json.Marshal(p)
	return body
}

// Text posts a text message from a person and returns the webhook's HTTP
// status.
func (s *Server) Text(ctx context.Context, from, text string) (int, error) {
	s.mu.Lock()
	body := s.inbound(from, map[string]any{"type": "text", "text": map[string]any{"body": text}})
	s.mu.Unlock()
	return s.post(ctx, body)
}

// Image posts a photo from a person.
func (s *Server) Image(ctx context.Context, from string) (int, error) {
	s.mu.Lock()
	body := s.inbound(from, map[string]any{"type": "image", "image": map[string]any{
		"id": "1003383421387256", "mime_type": "image/jpeg", "sha256": "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=",
	}})
	s.mu.Unlock()
	return s.post(ctx, body)
}

// ErrNoSuchChoice is returned by Press when the person has no such button
// or row in front of them.
var ErrNoSuchChoice = errors.New("whatsapptest: no such choice")

// Press posts the person's press of the button, list row or template
// quick-reply button titled title, on the latest message to them that
// offers it: as a button_reply, a list_reply or a template's button.
func (s *Server) Press(ctx context.Context, from, title string) (int, error) {
	s.mu.Lock()
	var body []byte
	for i := len(s.sent) - 1; i >= 0 && body == nil; i-- {
		m := s.sent[i]
		if m.To != from {
			continue
		}
		for j, c := range m.Choices {
			if c != title {
				continue
			}
			ctxRef := map[string]any{"from": s.cfg.number, "id": m.ID}
			switch m.Kinds[j] {
			case "button":
				body = s.inbound(from, map[string]any{"type": "button", "context": ctxRef,
					"button": map[string]any{"payload": m.Payloads[j], "text": c}})
			default:
				body = s.inbound(from, map[string]any{"type": "interactive", "context": ctxRef,
					"interactive": map[string]any{"type": m.Kinds[j], m.Kinds[j]: map[string]any{"id": m.Payloads[j], "title": c}}})
			}
			break
		}
	}
	s.mu.Unlock()
	if body == nil {
		return 0, fmt.Errorf("%w: %q for %s", ErrNoSuchChoice, title, from)
	}
	return s.post(ctx, body)
}

// Redeliver posts the last webhook again, the same bytes, as Meta does
// when it got no 200.
func (s *Server) Redeliver(ctx context.Context) (int, error) {
	s.mu.Lock()
	body := s.last
	s.mu.Unlock()
	if body == nil {
		return 0, errors.New("whatsapptest: nothing to redeliver")
	}
	return s.post(ctx, body)
}

// RedeliverTo posts the last webhook again to url: another replica behind
// the same public webhook, as a load balancer picks it.
func (s *Server) RedeliverTo(ctx context.Context, url string) (int, error) {
	s.mu.Lock()
	body := s.last
	s.mu.Unlock()
	if body == nil {
		return 0, errors.New("whatsapptest: nothing to redeliver")
	}
	return s.postTo(ctx, url, body)
}

// Post posts body as a webhook, signed, for tests of odd payloads.
func (s *Server) Post(ctx context.Context, body []byte) (int, error) { return s.post(ctx, body) }

func (s *Server) post(ctx context.Context, body []byte) (int, error) {
	s.mu.Lock()
	url := s.webhook
	s.last = body
	s.mu.Unlock()
	return s.postTo(ctx, url, body)
}

func (s *Server) postTo(ctx context.Context, url string, body []byte) (int, error) {
	if url == "" {
		return 0, errors.New("whatsapptest: no webhook set")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", Sign(s.cfg.secret, body))
	resp, err := s.hc.Do(req)
	if err != nil {
		return 0, err
	}
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// statusLater posts a failed status for m with code, as Meta reports some
// failures after accepting the message. The caller holds mu.
func (s *Server) statusLater(m Sent, code int) {
	now := s.cfg.now()
	s.statuses = append(s.statuses, fmt.Sprintf("failed:%d", code))
	p := s.payload(map[string]any{"statuses": []any{map[string]any{
		"id": m.ID, "status": "failed", "timestamp": strconv.FormatInt(now.Unix(), 10), "recipient_id": m.To,
		"errors": []any{map[string]any{"code": code, "title": titles[code]}},
	}}})
	body, _ := json.Marshal(p)
	url := s.webhook
	if url == "" {
		return
	}
	s.pending.Add(1)
	go func() {
		defer s.pending.Done()
		req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Hub-Signature-256", Sign(s.cfg.secret, body))
		if resp, err := s.hc.Do(req); err == nil {
			_ = resp.Body.Close()
		}
	}()
}
