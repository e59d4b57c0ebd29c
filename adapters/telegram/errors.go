package telegram

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

// APIError is a call Telegram refused. Code is the HTTP status (429, 403,
// 400, 5xx); RetryAfter is set with 429. A 403 unwraps to
// bot.ErrUnreachable.
type APIError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  time.Duration
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("telegram %s: %d %s", e.Method, e.Code, e.Description)
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Unwrap makes a refusal for a blocked bot an ErrUnreachable.
func (e *APIError) Unwrap() error {
	if e.Code == http.StatusForbidden {
		return bot.ErrUnreachable
	}
	return nil
}

// temporary reports whether err may go away when the call is repeated: a
// server error or a network error. A refusal (4xx) is final; 429 is
// handled apart.
func temporary(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code >= 500
	}
	return true
}
