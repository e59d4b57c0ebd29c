package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiResponse is the envelope of every Bot API answer.
type apiResponse struct {
	OK          bool                `json:"ok"`
	Result      any                 `json:"result,omitempty"`
	ErrorCode   int                 `json:"error_code,omitempty"`
	Description string              `json:"description,omitempty"`
	Parameters  *responseParameters `json:"parameters,omitempty"`
}

type responseParameters struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

// apiError is a refusal answered the way Telegram answers it. A violation
// is a refusal caused by a request Telegram would reject, as opposed to a
// fault the test injected or a modelled rate limit.
type apiError struct {
	code        int
	description string
	retryAfter  int
	violation   bool
}

func (e *apiError) Error() string { return e.description }

// badRequest is a 400 violation; the description gets Telegram's prefix.
func badRequest(format string, args ...any) *apiError {
	return &apiError{
		code:        http.StatusBadRequest,
		description: "Bad Request: " + fmt.Sprintf(format, args...),
		violation:   true,
	}
}

func writeResult(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, apiResponse{OK: true, Result: result})
}

func writeError(w http.ResponseWriter, e *apiError) {
	resp := apiResponse{ErrorCode: e.code, Description: e.description}
	if e.retryAfter > 0 {
		resp.Parameters = &responseParameters{RetryAfter: e.retryAfter}
	}
	writeJSON(w, e.code, resp)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client went away; nothing to do
}
