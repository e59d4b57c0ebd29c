// Package netfault gives tests a network that breaks on demand: a TCP
// relay between a process under test and a server (Redis, a fake
// platform) that the test can cut or stall the way a network or a crash
// does.
package netfault

import (
	"net"
	"sync"
	"testing"
)

// Link is the network between a process under test and a server: Cut
// closes every connection and refuses new ones, as towards a process that
// died; Stall keeps them open but passes nothing on, so requests hang
// until the client's own timeouts; Restore heals either.
type Link struct {
	ln     net.Listener
	target string

	mu      sync.Mutex
	state   linkState
	changed chan struct{} // closed and replaced when state changes
	conns   map[net.Conn]bool
}

type linkState int

const (
	linkUp linkState = iota
	linkStalled
	linkCut
)

// New relays to target (host:port) until the test ends.
func New(t testing.TB, target string) *Link {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &Link{ln: ln, target: target, changed: make(chan struct{}), conns: map[net.Conn]bool{}}
	go l.accept()
	t.Cleanup(func() {
		l.set(linkCut)
		_ = ln.Close()
	})
	return l
}

// Addr is where the process connects instead of target.
func (l *Link) Addr() string { return l.ln.Addr().String() }

// Cut closes every connection and refuses new ones.
func (l *Link) Cut() { l.set(linkCut) }

// Stall passes nothing on, over old connections or new ones.
func (l *Link) Stall() { l.set(linkStalled) }

// Restore passes everything on again.
func (l *Link) Restore() { l.set(linkUp) }

func (l *Link) set(s linkState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.state = s
	close(l.changed)
	l.changed = make(chan struct{})
	if s == linkCut {
		for c := range l.conns {
			_ = c.Close()
		}
		clear(l.conns)
	}
}

// pass waits while the link is stalled and reports whether it is up.
func (l *Link) pass() bool {
	for {
		l.mu.Lock()
		s, changed := l.state, l.changed
		l.mu.Unlock()
		if s != linkStalled {
			return s == linkUp
		}
		<-changed
	}
}

// track keeps c to be closed by a cut, unless the link is cut already.
func (l *Link) track(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state == linkCut {
		return false
	}
	l.conns[c] = true
	return true
}

// close closes connections and forgets them.
func (l *Link) close(conns ...net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
		delete(l.conns, c)
	}
}

func (l *Link) accept() {
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		go l.relay(c)
	}
}

// relay connects one client connection through to the target.
func (l *Link) relay(client net.Conn) {
	if !l.track(client) || !l.pass() {
		l.close(client)
		return
	}
	server, err := net.Dial("tcp", l.target)
	if err != nil {
		l.close(client)
		return
	}
	if !l.track(server) {
		l.close(client, server)
		return
	}
	go l.pipe(server, client)
	l.pipe(client, server)
}

// pipe copies from src to dst while the link passes data, then closes both.
func (l *Link) pipe(dst, src net.Conn) {
	defer l.close(dst, src)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if !l.pass() {
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
