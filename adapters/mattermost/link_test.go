package mattermost_test

import (
	"net"
	"sync"
	"testing"
)

// link is the network between one bot process and a server (Redis, the
// fake Mattermost), as a TCP relay the test can break the way a network
// or a crash does: cut closes every connection and refuses new ones, as
// towards a process that died; stall keeps them open but passes nothing
// on, so requests hang until the client's own timeouts; restore heals
// either.
type link struct {
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

// newLink relays to target (host:port) until the test ends.
func newLink(t *testing.T, target string) *link {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &link{ln: ln, target: target, changed: make(chan struct{}), conns: map[net.Conn]bool{}}
	go l.accept()
	t.Cleanup(func() {
		l.set(linkCut)
		_ = ln.Close()
	})
	return l
}

// addr is where the process connects instead of target.
func (l *link) addr() string { return l.ln.Addr().String() }

func (l *link) cut()     { l.set(linkCut) }
func (l *link) stall()   { l.set(linkStalled) }
func (l *link) restore() { l.set(linkUp) }

func (l *link) set(s linkState) {
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
func (l *link) pass() bool {
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
func (l *link) track(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.state == linkCut {
		return false
	}
	l.conns[c] = true
	return true
}

// close closes connections and forgets them.
func (l *link) close(conns ...net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
		delete(l.conns, c)
	}
}

func (l *link) accept() {
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		go l.relay(c)
	}
}

// relay connects one client connection through to the target.
func (l *link) relay(client net.Conn) {
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
func (l *link) pipe(dst, src net.Conn) {
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
