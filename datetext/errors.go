package datetext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors returned (wrapped in a *ParseError) by [Parse] and
// [ParseEnd]. Match them with errors.Is to choose the message for the user.
var (
	// ErrUnparseable means the text is not a date and time this package
	// understands, or names a date that does not exist (31.02.).
	ErrUnparseable = errors.New("unparseable date or time")
	// ErrMissingTime means a date was recognised but no time of day. It
	// wraps ErrUnparseable, so errors.Is(err, ErrUnparseable) holds too.
	ErrMissingTime = fmt.Errorf("%w: no time of day", ErrUnparseable)
	// ErrPast means the text names a moment before now.
	ErrPast = errors.New("date lies in the past")
	// ErrEndBeforeStart means an end time that is not after the start.
	ErrEndBeforeStart = errors.New("end is not after start")
	// ErrAmbiguous means the text names more than one day, as "nächsten
	// Dienstag" said on a Monday does (tomorrow, or Tuesday of next
	// week). The error is an *AmbiguousError with the candidates: ask
	// which one is meant.
	ErrAmbiguous = errors.New("ambiguous date")
)

// AmbiguousError is the Err of a *ParseError for a text that names more
// than one moment; errors.Is(err, ErrAmbiguous) holds for it. Get it with
// errors.As to offer the Candidates, earliest first.
type AmbiguousError struct {
	Candidates []time.Time
}

func (e *AmbiguousError) Error() string {
	days := make([]string, len(e.Candidates))
	for i, t := range e.Candidates {
		days[i] = t.Format(time.RFC3339)
	}
	return ErrAmbiguous.Error() + ": " + strings.Join(days, " or ")
}

// Is makes errors.Is(err, ErrAmbiguous) hold.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// ParseError describes why a text could not be read as a date or time.
// Err is one of the sentinel errors of this package; Detail says, in
// English and for logs, what exactly was wrong.
type ParseError struct {
	Input  string
	Err    error
	Detail string
}

func (e *ParseError) Error() string {
	msg := "datetext: " + e.Err.Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg + " (input " + strconv.Quote(e.Input) + ")"
}

// Unwrap returns the sentinel error, so errors.Is works on a *ParseError.
func (e *ParseError) Unwrap() error { return e.Err }
