package mattermosttest

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
)

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers with a model.AppError, the error body Mattermost sends
// and model.Client4 decodes.
func writeError(w http.ResponseWriter, r *http.Request, status int, id string) {
	appErr := model.NewAppError(r.Method+" "+r.URL.Path, id, nil, "", status)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, appErr.ToJSON())
}

// readJSON decodes the request body into v, answering 400 when it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, r, http.StatusBadRequest, "api.context.invalid_body_param.app_error")
		return false
	}
	return true
}
