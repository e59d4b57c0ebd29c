package bot

import "sync"

// Serial runs work one at a time per key, in the order it was given, and
// different keys in parallel. A key has a goroutine only while it has
// work, so no two keys ever wait on each other. The zero value is ready
// to use.
type Serial struct {
	mu     sync.Mutex
	queues map[string][]func()
	wg     sync.WaitGroup
}

// Do queues fn behind the earlier work of key.
func (s *Serial) Do(key string, fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.queues == nil {
		s.queues = map[string][]func(){}
	}
	q, busy := s.queues[key]
	s.queues[key] = append(q, fn)
	if !busy {
		s.wg.Go(func() { s.drain(key) })
	}
}

func (s *Serial) drain(key string) {
	for {
		s.mu.Lock()
		q := s.queues[key]
		if len(q) == 0 {
			delete(s.queues, key)
			s.mu.Unlock()
			return
		}
		fn := q[0]
		q[0] = nil // let it go once done
		s.queues[key] = q[1:]
		s.mu.Unlock()
		fn()
	}
}

// Wait returns when all queued work is done.
func (s *Serial) Wait() { s.wg.Wait() }
