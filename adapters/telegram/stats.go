package telegram

import "sync/atomic"

// Stats count what the sender did since the adapter started.
type Stats struct {
	// Sent counts accepted sending calls (a long text is several).
	Sent int64
	// Failed counts sending calls given up; blocked chats are not failures.
	Failed int64
	// Unreachable counts sends refused because the person blocked the bot.
	Unreachable int64
	// RateLimited counts 429 answers waited out.
	RateLimited int64
	// Retried counts retries after server or network errors.
	Retried int64
}

type counters struct {
	sent, failed, unreachable, rateLimited, retried, panics atomic.Int64
}

// Stats returns the sender's counts.
func (a *Adapter) Stats() Stats {
	return Stats{
		Sent: a.stats.sent.Load(), Failed: a.stats.failed.Load(),
		Unreachable: a.stats.unreachable.Load(), RateLimited: a.stats.rateLimited.Load(),
		Retried: a.stats.retried.Load(),
	}
}

// Throttling reports the 429 answers waited out and all retries made
// (after 429s, server and network errors), for the metrics.
func (a *Adapter) Throttling() (rateLimited, retried int64) {
	s := a.Stats()
	return s.RateLimited, s.RateLimited + s.Retried
}
