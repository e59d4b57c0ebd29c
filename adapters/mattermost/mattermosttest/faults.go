package mattermosttest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// fault is a planned failure of the next matching request.
type fault struct {
	method     string // empty matches any method
	path       string // below /api/v4
	status     int
	retryAfter time.Duration
}

// FailNext makes the next request to path fail with status. path is below
// /api/v4 ("/posts", "/channels/<id>/posts", "/websocket"), optionally with
// the prefix and a method ("POST /posts"). Calls queue up: each planned
// failure hits one request.
//
// A 429 looks like Mattermost's rate limiter: a plain-text body "limit
// exceeded" (which model.Client4 fails to decode as an AppError, so its error
// says so and the status is in the model.Response), X-RateLimit-Limit,
// X-RateLimit-Remaining: 0, and X-RateLimit-Reset and Retry-After both in
// whole seconds, rounded up from retryAfter. Other statuses answer with a
// model.AppError body and, if retryAfter is set, a Retry-After header.
func (s *Server) FailNext(path string, status int, retryAfter time.Duration) {
	f := fault{status: status, retryAfter: retryAfter}
	if method, p, ok := strings.Cut(path, " "); ok {
		f.method, path = method, p
	}
	f.path = apiPath(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// apiPath strips the /api/v4 prefix.
func apiPath(p string) string {
	p = strings.TrimPrefix(p, "/api/v4")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// takeFault removes and returns the first planned failure matching r.
func (s *Server) takeFault(r *http.Request) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := apiPath(r.URL.Path)
	for i, f := range s.faults {
		if f.path == p && (f.method == "" || f.method == r.Method) {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return f, true
		}
	}
	return fault{}, false
}

// withFaults serves planned failures before the handler sees the request.
func (s *Server) withFaults(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := s.takeFault(r)
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		secs := strconv.Itoa(int(math.Ceil(f.retryAfter.Seconds())))
		if f.status == http.StatusTooManyRequests {
			w.Header().Set("X-RateLimit-Limit", "10")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", secs)
			w.Header().Set("Retry-After", secs)
			http.Error(w, "limit exceeded", f.status)
			return
		}
		if f.retryAfter > 0 {
			w.Header().Set("Retry-After", secs)
		}
		writeError(w, r, f.status, "mattermosttest.planned_failure")
	})
}

// Violations lists the requests the fake refused because it does not model
// them, and other misuse of the protocol it noticed. A test should expect
// none.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

func (s *Server) violate(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
}

// notModelled answers requests for endpoints the fake lacks with 501 and
// records them.
func (s *Server) notModelled(w http.ResponseWriter, r *http.Request) {
	s.violate("%s %s: endpoint not modelled by the fake", r.Method, r.URL.Path)
	writeError(w, r, http.StatusNotImplemented, "mattermosttest.not_modelled")
}
