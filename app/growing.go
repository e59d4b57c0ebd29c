package app

import (
	"slices"
	"sync"
)

// growing is a list that adapters add to as they connect, while the
// engine and the jobs built before them read it at any time.
type growing[T any] struct {
	mu    sync.Mutex
	items []T
}

func (g *growing[T]) add(v T) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.items = append(g.items, v)
}

func (g *growing[T]) list() []T {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.items)
}
