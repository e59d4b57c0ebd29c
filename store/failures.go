package store

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
)

// Failures is a go-redis hook that tells the function of every command,
// pipeline or transaction that failed, once per round trip, whoever made
// it: the engine, the flows, the scheduler, an adapter. A dial that fails
// shows as the failure of the command that needed it.
//
// Answers that are part of the store's work are no failure: redis.Nil (no
// such key; a lock, lease or claim that another holds), a transaction
// whose watched key changed (redis.TxFailedErr; it is tried again),
// NOSCRIPT (go-redis then sends the script itself), a script's refusal
// that the store reads as an answer ("no event", see SetRSVP), and a
// context the caller cancelled (a stopping process). A deadline that
// passed counts: Redis did not answer in time.
//
// Nor do the commands go-redis sets a new connection up with (HELLO,
// AUTH, SELECT, CLIENT SETINFO) count: it passes over a server that does
// not know them, and a connection it cannot set up fails the command
// that needed it, which counts.
//
// On a Cluster client the hook sees what the client does across nodes;
// WATCH transactions run on a node's own client and are not seen.
type Failures func(err error)

// DialHook passes dials through.
func (f Failures) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook tells of a failed command.
func (f Failures) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if !handshake(cmd) && failure(err) {
			f(err)
		}
		return err
	}
}

// ProcessPipelineHook tells of a failed pipeline or transaction once, with
// the first failure among its commands: the pipeline's own error is its
// first command's, which may be a redis.Nil beside a real failure.
func (f Failures) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if err == nil {
			return nil
		}
		for _, c := range cmds {
			if e := c.Err(); !handshake(c) && failure(e) {
				f(e)
				return err
			}
		}
		if failure(err) && !anyErr(cmds) {
			f(err) // the round trip failed before any command got an answer
		}
		return err
	}
}

// failure reports whether err is a failure of Redis or of the way to it,
// rather than an answer the store expects (see Failures).
func failure(err error) bool {
	switch {
	case err == nil,
		errors.Is(err, redis.Nil),
		errors.Is(err, redis.TxFailedErr),
		errors.Is(err, context.Canceled),
		redis.HasErrorPrefix(err, "NOSCRIPT"),
		redis.HasErrorPrefix(err, errNoEvent):
		return false
	}
	return true
}

// handshake reports whether cmd is one of those go-redis sets up a new
// connection with.
func handshake(cmd redis.Cmder) bool {
	switch cmd.Name() {
	case "hello", "auth", "select", "client":
		return true
	}
	return false
}

// errNoEvent is the rsvp script's refusal for an event that is gone
// (rsvpScript).
const errNoEvent = "no event"

func anyErr(cmds []redis.Cmder) bool {
	for _, c := range cmds {
		if c.Err() != nil {
			return true
		}
	}
	return false
}
