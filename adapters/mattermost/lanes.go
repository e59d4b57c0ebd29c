package mattermost

import "sync"

// lanes runs work one at a time per key (a channel), in the order it was
// given, and different keys in parallel.
type lanes struct {
	mu     sync.Mutex
	queues map[string][]func()
	wg     sync.WaitGroup
}

// do queues fn behind the earlier work of key.
func (l *lanes) do(key string, fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.queues == nil {
		l.queues = map[string][]func(){}
	}
	q, busy := l.queues[key]
	l.queues[key] = append(q, fn)
	if !busy {
		l.wg.Go(func() { l.drain(key) })
	}
}

func (l *lanes) drain(key string) {
	for {
		l.mu.Lock()
		q := l.queues[key]
		if len(q) == 0 {
			delete(l.queues, key)
			l.mu.Unlock()
			return
		}
		fn := q[0]
		l.queues[key] = q[1:]
		l.mu.Unlock()
		fn()
	}
}

// wait returns when all queued work is done.
func (l *lanes) wait() { l.wg.Wait() }
