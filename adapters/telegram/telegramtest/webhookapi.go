package telegramtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// WebhookInfo is what the bot registered with setWebhook.
type WebhookInfo struct {
	URL                string
	SecretToken        string
	MaxConnections     int
	AllowedUpdates     []string
	IPAddress          string
	HasCertificate     bool
	DropPendingUpdates bool
}

// Webhook returns the registered webhook, and false when none is set.
func (s *Server) Webhook() (WebhookInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.webhook == nil {
		return WebhookInfo{}, false
	}
	w := *s.state.webhook
	w.AllowedUpdates = slices.Clone(w.AllowedUpdates)
	return w, true
}

func (s *Server) setWebhook(r *request) (any, *apiError) {
	p := r.params
	if p["url"] == "" {
		return s.deleteWebhook(r) // an empty URL removes the webhook
	}
	if !strings.HasPrefix(p["url"], "https://") {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	_, hasCert := r.files["certificate"]
	w := &WebhookInfo{
		URL:                p["url"],
		SecretToken:        p["secret_token"],
		MaxConnections:     defaultMaxWebhookCx,
		IPAddress:          p["ip_address"],
		HasCertificate:     hasCert,
		DropPendingUpdates: isTrue(p["drop_pending_updates"]),
	}
	if v, ok := p["max_connections"]; ok {
		n, _ := strconv.Atoi(v)
		if n < 1 || n > 100 {
			return nil, badRequest("bad webhook: max_connections must be between 1 and 100")
		}
		w.MaxConnections = n
	}
	if raw, ok := p["allowed_updates"]; ok {
		_ = json.Unmarshal([]byte(raw), &w.AllowedUpdates) // checked against the spec already
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.webhook = w
	if w.AllowedUpdates != nil {
		s.state.allowedUpdates = w.AllowedUpdates
	}
	if w.DropPendingUpdates {
		s.state.updates = nil
	}
	s.state.notifyUpdates() // a pending long poll now conflicts
	return true, nil
}

func (s *Server) deleteWebhook(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.webhook = nil
	if isTrue(r.params["drop_pending_updates"]) {
		s.state.updates = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := map[string]any{
		"url":                    "",
		"has_custom_certificate": false,
		"pending_update_count":   len(s.state.updates),
	}
	if w := s.state.webhook; w != nil {
		info["url"] = w.URL
		info["has_custom_certificate"] = w.HasCertificate
		info["max_connections"] = w.MaxConnections
		if w.IPAddress != "" {
			info["ip_address"] = w.IPAddress
		}
		if len(w.AllowedUpdates) > 0 {
			info["allowed_updates"] = w.AllowedUpdates
		}
	}
	return info
}

func isTrue(v string) bool {
	return strings.EqualFold(v, "true") || v == "1"
}
