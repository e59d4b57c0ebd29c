package telegramtest

import "sync"

// memoSize bounds how many results a memo keeps; when full it starts over.
const memoSize = 4096

// memo remembers results of a pure function of a string, for what the
// fake computes again and again under load (a bot sends the same
// keyboards over and over).
type memo[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

// get returns the result kept for key, or computes it; compute says
// whether the result may be kept.
func (c *memo[V]) get(key string, compute func() (v V, keep bool)) V {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v, keep := compute()
	if !keep {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= memoSize {
		c.m = make(map[string]V)
	}
	c.m[key] = v
	return v
}
