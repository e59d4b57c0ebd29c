package bot

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// PanicError is a panic recovered while one update was mapped or handled.
// The update counts as handled and is confirmed to its platform: delivered
// again, it would only panic again. Whoever recovers it logs it, once,
// with the update's id and never its text.
type PanicError struct {
	// Update is the id of the update that panicked.
	Update string
	// Value is what was passed to panic.
	Value any
	// Stack is where it happened.
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("panic handling update %s: %v", e.Update, e.Value)
}

// Recovered is the PanicError of a value recover returned, with the stack
// of the goroutine that panicked: call it in the deferred function.
func Recovered(update string, p any) *PanicError {
	return &PanicError{Update: update, Value: p, Stack: debug.Stack()}
}

// IsPanic reports whether err is, or wraps, a recovered panic.
func IsPanic(err error) bool {
	var pe *PanicError
	return errors.As(err, &pe)
}
