// Package gctarget sets the garbage collector's target for heimatbot's
// processes.
//
// A bot process keeps little in memory (its state lives in Redis) but
// allocates briskly for every update: JSON in and out, HTTP, Redis
// replies. With Go's default target (GOGC=100) the collector ran about a
// seventh of the CPU under load; a target of 400 lets the heap grow to
// five times what is live before collecting, which under the load test
// (10,000 residents, bot, fake Telegram and residents in one process)
// cost about 45 MB more and gave 10–15 % more updates per second. Where
// memory is tight, GOMEMLIMIT caps the heap.
package gctarget

import (
	"runtime/debug"
	"strings"
)

// Percent is the target when the environment sets none.
const Percent = 400

// Set sets the target to Percent unless the environment sets GOGC,
// which the runtime has applied already, and reports whether it did.
func Set(getenv func(string) string) bool {
	if strings.TrimSpace(getenv("GOGC")) != "" {
		return false
	}
	debug.SetGCPercent(Percent)
	return true
}
