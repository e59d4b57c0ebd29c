package whatsapp

import (
	"errors"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
)

// Meta's error codes the adapter acts on.
const (
	CodeThroughput      = 130429 // the phone number's throughput exceeded
	CodePairRate        = 131056 // too many messages to one recipient
	CodeOutsideWindow   = 131047 // more than 24 hours since the person wrote
	CodeUndeliverable   = 131026 // the person cannot be reached
	CodeTemplateParams  = 132000 // parameters do not match the template
	CodeTemplateMissing = 132001 // no such template in that language
	CodeAuth            = 190    // the access token is invalid
)

// ErrWindowClosed is returned by Send for a message that may only go
// within the 24-hour window when the window is closed and no template
// stands for it.
var ErrWindowClosed = errors.New("whatsapp: 24-hour window closed")

// APIError is a call the Graph API refused, with Meta's error code.
type APIError struct {
	Status  int // HTTP status
	Code    int
	Message string
	Details string
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("whatsapp: %d (#%d) %s", e.Status, e.Code, e.Message)
	if e.Details != "" {
		s += ": " + e.Details
	}
	return s
}

// Unwrap makes an undeliverable recipient an ErrUnreachable and a closed
// window an ErrWindowClosed.
func (e *APIError) Unwrap() error {
	switch e.Code {
	case CodeUndeliverable:
		return bot.ErrUnreachable
	case CodeOutsideWindow:
		return ErrWindowClosed
	}
	return nil
}

// throttled reports whether err asks to slow down: the number's
// throughput or the pair rate.
func throttled(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Code == CodeThroughput || ae.Code == CodePairRate)
}

// temporary reports whether err may go away when the call is repeated: a
// server or network error. A refusal (4xx) is final.
func temporary(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status >= 500
	}
	return true
}
