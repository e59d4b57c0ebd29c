package whatsapp

import (
	"sync"
	"sync/atomic"
)

// Stats count what the adapter did since it started.
type Stats struct {
	// Sent counts accepted messages (a long text is several).
	Sent int64
	// Templates counts template messages accepted, by message kind: what
	// Meta charges for.
	Templates map[string]int64
	// TemplatesRefused counts templates Meta refused (unknown name or
	// language, wrong parameters), by kind.
	TemplatesRefused map[string]int64
	// WindowClosed counts messages not sent as the window was closed and
	// no template stands for them.
	WindowClosed int64
	// Failed counts sends given up.
	Failed int64
	// Unreachable counts people Meta reported undeliverable.
	Unreachable int64
	// RateLimited counts 130429 and 131056 answers waited out.
	RateLimited int64
	// Retried counts retries after server or network errors.
	Retried int64
	// Statuses counts the statuses Meta reported, by status.
	Statuses map[string]int64
}

type counters struct {
	sent, windowClosed, failed, unreachable, rateLimited, retried atomic.Int64

	mu                         sync.Mutex
	templates, refused, states map[string]int64
}

func (c *counters) add(m *map[string]int64, key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if *m == nil {
		*m = map[string]int64{}
	}
	(*m)[key]++
}

func (c *counters) status(s string) { c.add(&c.states, s) }

func clone(m map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Stats returns the adapter's counts.
func (a *Adapter) Stats() Stats {
	c := &a.stats
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{
		Sent: c.sent.Load(), Templates: clone(c.templates), TemplatesRefused: clone(c.refused),
		WindowClosed: c.windowClosed.Load(), Failed: c.failed.Load(), Unreachable: c.unreachable.Load(),
		RateLimited: c.rateLimited.Load(), Retried: c.retried.Load(), Statuses: clone(c.states),
	}
}

// Throttling reports the 130429/131056 answers waited out and all
// retries made, for the metrics.
func (a *Adapter) Throttling() (rateLimited, retried int64) {
	s := a.Stats()
	return s.RateLimited, s.RateLimited + s.Retried
}
