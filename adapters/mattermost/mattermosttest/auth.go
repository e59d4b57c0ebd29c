package mattermosttest

import (
	"net/http"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// tokenFromRequest finds the access token where Mattermost looks for it:
// "Authorization: Bearer <token>" (model.Client4 sends "BEARER"; the scheme
// is case-insensitive), "Authorization: Token <token>", or the access_token
// query parameter.
func tokenFromRequest(r *http.Request) string {
	h := r.Header.Get(model.HeaderAuth)
	if len(h) > 6 && strings.EqualFold(h[:6], model.HeaderBearer) {
		return strings.TrimSpace(h[6:])
	}
	if len(h) > 5 && strings.EqualFold(h[:5], model.HeaderToken) {
		return strings.TrimSpace(h[5:])
	}
	return r.URL.Query().Get("access_token")
}

// apiHandler serves an authenticated request on behalf of the user the
// token belongs to.
type apiHandler func(w http.ResponseWriter, r *http.Request, userID string)

// authenticated answers 401 unless the request carries the bot's token.
func (s *Server) authenticated(h apiHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if tokenFromRequest(r) != s.token {
			writeError(w, r, http.StatusUnauthorized, "api.context.session_expired.app_error")
			return
		}
		h(w, r, s.botID)
	}
}
