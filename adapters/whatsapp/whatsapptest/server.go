package whatsapptest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a fake Cloud API. It is safe for concurrent use.
type Server struct {
	spec *Spec
	cfg  config
	hs   *httptest.Server
	hc   *http.Client

	mu         sync.Mutex
	webhook    string
	sent       []Sent
	violations []string
	errors     map[int]int
	lastIn     map[string]time.Time
	recent     []time.Time // accepted sends of the last second
	pairs      map[string]*bucket
	media      map[string]string // media id → type
	blocked    map[string]bool
	last       []byte // the last webhook posted
	statuses   []string
	seq        int
	changed    chan struct{}
	pending    sync.WaitGroup
}

// New starts a fake Cloud API.
func New(opts ...Option) *Server {
	spec, err := LoadSpec()
	if err != nil {
		panic(err) // the embedded description is part of the package
	}
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		spec: spec, cfg: cfg, hc: &http.Client{Timeout: time.Minute},
		errors: map[int]int{}, lastIn: map[string]time.Time{}, pairs: map[string]*bucket{},
		media: map[string]string{}, blocked: map[string]bool{}, changed: make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{version}/{phone}/messages", s.messages)
	mux.HandleFunc("POST /{version}/{phone}/media", s.upload)
	s.hs = httptest.NewServer(mux)
	return s
}

// URL is the server's base URL, to configure as the Graph API's.
func (s *Server) URL() string { return s.hs.URL }

// Token is the access token the server accepts.
func (s *Server) Token() string { return s.cfg.token }

// AppSecret is the secret the server signs its webhooks with.
func (s *Server) AppSecret() string { return s.cfg.secret }

// PhoneNumberID is the business number's id.
func (s *Server) PhoneNumberID() string { return s.cfg.phoneID }

// Number is the business number, as people see it.
func (s *Server) Number() string { return s.cfg.number }

// SetWebhook sets the URL the server posts webhooks to.
func (s *Server) SetWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = url
}

// Close waits for status webhooks in flight and shuts the server down.
func (s *Server) Close() {
	s.pending.Wait()
	s.hs.Close()
}

// Block makes number undeliverable: messages to it are accepted and then
// reported failed with 131026.
func (s *Server) Block(number string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[number] = true
}

// violate records a violation.
func (s *Server) violate(format string, args ...any) {
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
}

// Violations are the requests Meta would have refused, and messages sent
// outside the window.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// AssertClean fails t for every violation.
func (s *Server) AssertClean(t testing.TB) {
	t.Helper()
	for _, v := range s.Violations() {
		t.Errorf("whatsapp violation: %s", v)
	}
}

// Errors counts the errors answered with code.
func (s *Server) Errors(code int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errors[code]
}

// Sent lists the accepted messages, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// To lists the accepted messages to number.
func (s *Server) To(number string) []Sent {
	var out []Sent
	for _, m := range s.Sent() {
		if m.To == number {
			out = append(out, m)
		}
	}
	return out
}

// Forget drops the messages kept for number, so a test can look at what
// comes next.
func (s *Server) Forget(number string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.sent[:0]
	for _, m := range s.sent {
		if m.To != number {
			kept = append(kept, m)
		}
	}
	s.sent = kept
}

// WaitSent waits until at least n messages were accepted in all.
func (s *Server) WaitSent(ctx context.Context, n int) ([]Sent, error) {
	for {
		s.mu.Lock()
		got, ch := len(s.sent), s.changed
		s.mu.Unlock()
		if got >= n {
			return s.Sent(), nil
		}
		select {
		case <-ctx.Done():
			return s.Sent(), fmt.Errorf("%d of %d messages sent: %w", got, n, ctx.Err())
		case <-ch:
		}
	}
}

// Statuses lists the status webhooks posted, as "status:code".
func (s *Server) Statuses() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.statuses...)
}

// notify wakes waiters; the caller holds mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%06d", prefix, s.seq)
}

// authorized checks the bearer token.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && got == s.cfg.token
}
