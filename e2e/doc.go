// Package e2e holds end-to-end tests: they build the heimatbot binary, run
// several bot processes in Telegram webhook mode against a fake Bot API and
// Redis, and deliver updates the way Telegram does (one chat's next update
// only after the previous POST was answered, again after a failure). The
// faults are real: processes killed with SIGKILL or stopped with SIGTERM, a
// Redis server killed and started again. The processes reach the fake Bot
// API through a gate that can hold up a reply, so a test keeps an update
// in hand for as long as it needs instead of leaving it to timing.
//
// Run them with
//
//	REDIS_URL=redis://127.0.0.1:6379 go test ./e2e/
//
// They need redis-server on PATH for the Redis restart test.
package e2e
