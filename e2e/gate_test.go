package e2e

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
)

// gate stands between the bot processes and the fake Bot API and passes
// every call through, except that a test can hold up the next sendMessage
// to a chat: a Telegram slow to answer. The held call waits, unanswered
// and not yet at the fake, until the test releases it or the bot gives
// up on it. So a test keeps an update in hand for as long as it needs
// (the reply is sent only after the update's effects are in Redis), and
// what it does meanwhile is not left to timing.
type gate struct {
	hs *httptest.Server

	mu    sync.Mutex
	holds map[int64]*hold
}

// hold is one call held up: a sendMessage, or an editMessageText (the
// reply that changes a multiple choice in place).
type hold struct {
	method   string
	arrived  chan struct{} // closed when the call came and is held
	released chan struct{}
	once     sync.Once
}

// release lets the held call go on to the fake.
func (h *hold) release() { h.once.Do(func() { close(h.released) }) }

func newGate(t *testing.T, tg *telegramtest.Server) *gate {
	t.Helper()
	target, err := url.Parse(tg.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
		// The bot gave up on a call (its process stopping): nobody
		// reads the answer.
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) },
	}
	g := &gate{holds: map[int64]*hold{}}
	g.hs = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]; method == "sendMessage" || method == "editMessageText" {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			if h := g.take(chatOf(r.Header.Get("Content-Type"), body), method); h != nil {
				close(h.arrived)
				select {
				case <-h.released:
				case <-r.Context().Done():
					return // never reaches the fake
				}
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(g.close)
	return g
}

// URL is where the bot processes find the Bot API.
func (g *gate) URL() string { return g.hs.URL }

// hold holds up the next sendMessage to chat.
func (g *gate) hold(chat int64) *hold { return g.holdCall(chat, "sendMessage") }

// holdCall holds up the next call of method (sendMessage or
// editMessageText) to chat.
func (g *gate) holdCall(chat int64, method string) *hold {
	h := &hold{method: method, arrived: make(chan struct{}), released: make(chan struct{})}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.holds[chat] = h
	return h
}

func (g *gate) take(chat int64, method string) *hold {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := g.holds[chat]
	if h == nil || h.method != method {
		return nil
	}
	delete(g.holds, chat)
	return h
}

func (g *gate) close() {
	g.mu.Lock()
	for _, h := range g.holds {
		h.release()
	}
	g.mu.Unlock()
	g.hs.Close()
}

// chatOf reads chat_id from a call's form-encoded parameters, as the bot's
// client sends a message; 0 when there is none.
func chatOf(contentType string, body []byte) int64 {
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "application/x-www-form-urlencoded" {
		return 0
	}
	q, err := url.ParseQuery(string(body))
	if err != nil {
		return 0
	}
	id, _ := strconv.ParseInt(q.Get("chat_id"), 10, 64)
	return id
}
