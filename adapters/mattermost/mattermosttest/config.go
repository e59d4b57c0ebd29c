package mattermosttest

import "net/http"

// getClientConfig serves GET config/client?format=old: the part of the
// server's configuration every client reads, here what a bot uses of it.
// Mattermost answers 501 without format=old on the versions that take
// no other format.
func (s *Server) getClientConfig(w http.ResponseWriter, r *http.Request, _ string) {
	if r.URL.Query().Get("format") != "old" {
		writeError(w, r, http.StatusNotImplemented, "api.config.client.old_format.app_error")
		return
	}
	s.mu.Lock()
	locale := s.locale
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{
		"DefaultClientLocale": locale,
		"AvailableLocales":    "",
		"SiteName":            "Mattermost",
	})
}
