package whatsapptest

import (
	"encoding/json"
	"net/http"
)

// Meta's error codes the fake answers with.
const (
	CodeInvalidParameter = 100
	CodeAuth             = 190
	CodeThroughput       = 130429
	CodeUndeliverable    = 131026
	CodeOutsideWindow    = 131047
	CodeMediaUpload      = 131053
	CodePairRate         = 131056
	CodeTemplateParams   = 132000
	CodeTemplateMissing  = 132001
)

// titles are Meta's titles of the errors.
var titles = map[int]string{
	CodeInvalidParameter: "(#100) Invalid parameter",
	CodeAuth:             "Invalid OAuth access token - Cannot parse access token",
	CodeThroughput:       "(#130429) Rate limit hit",
	CodeUndeliverable:    "Message undeliverable",
	CodeOutsideWindow:    "Re-engagement message",
	CodeMediaUpload:      "(#131053) Media upload error",
	CodePairRate:         "(#131056) (Business Account, Consumer Account) pair rate limit hit",
	CodeTemplateParams:   "(#132000) Number of parameters does not match the expected number of params",
	CodeTemplateMissing:  "(#132001) Template name does not exist in the translation",
}

type graphError struct {
	Error graphErrorBody `json:"error"`
}

type graphErrorBody struct {
	Message   string    `json:"message"`
	Type      string    `json:"type"`
	Code      int       `json:"code"`
	ErrorData errorData `json:"error_data"`
	FBTraceID string    `json:"fbtrace_id"`
}

type errorData struct {
	MessagingProduct string `json:"messaging_product"`
	Details          string `json:"details"`
}

// refuse answers Meta's error; the caller holds mu.
func (s *Server) refuse(w http.ResponseWriter, code int, details string) {
	s.errors[code]++
	status := http.StatusBadRequest
	if code == CodeAuth {
		status = http.StatusUnauthorized
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(graphError{Error: graphErrorBody{
		Message: titles[code], Type: "OAuthException", Code: code,
		ErrorData: errorData{MessagingProduct: "whatsapp", Details: details}, FBTraceID: "AfakeTrace",
	}})
}
