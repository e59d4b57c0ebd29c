package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// Server is a fake Telegram Bot API server. It is safe for concurrent use.
type Server struct {
	spec *Spec
	cfg  config
	hs   *httptest.Server
	done chan struct{}
	once sync.Once
	// markups keeps keyboards as inlineMarkup normalised them.
	markups memo[json.RawMessage]

	mu    sync.Mutex
	state state
}

// New starts a fake Bot API server checking requests against spec.
func New(spec *Spec, opts ...Option) *Server {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	s := &Server{spec: spec, cfg: cfg, done: make(chan struct{}), state: newState()}
	if cfg.limits != nil {
		s.state.limiter = newLimiter(*cfg.limits)
	}
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// URL is the base URL of the server, without a trailing slash.
func (s *Server) URL() string { return s.hs.URL }

// Endpoint is the API endpoint format tgbotapi expects: URL/bot%s/%s.
func (s *Server) Endpoint() string { return s.hs.URL + "/bot%s/%s" }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.cfg.token }

// Client is an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.hs.Client() }

// Close ends pending long polls and shuts the server down.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.hs.Close()
	})
}

// botID is the numeric part of the token, as with real tokens.
func (s *Server) botID() int64 {
	prefix, _, _ := strings.Cut(s.cfg.token, ":")
	id, err := strconv.ParseInt(prefix, 10, 64)
	if err != nil {
		return 123456789
	}
	return id
}

// botUser is the bot as a User object.
func (s *Server) botUser() userObject {
	return userObject{ID: s.botID(), IsBot: true, FirstName: "Heimatbot Test", Username: s.cfg.botUsername}
}
