package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// technical is the start of the bot's notice of a technical problem
// (error_technical in flows/locales/core.de.yaml).
const technical = "technisches Problem"

// redisServer is a redis-server of the test's own, which it may kill.
type redisServer struct {
	addr   string
	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
}

// startRedis runs redis-server on addr with its data in dir, written to
// an append-only file before every answer, and waits until it answers.
func startRedis(t *testing.T, addr, dir string) *redisServer {
	t.Helper()
	s, err := launchRedis(addr, dir)
	if s != nil {
		t.Cleanup(s.kill)
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// launchRedis is startRedis without the test, for other goroutines; the
// caller kills the server.
func launchRedis(addr, dir string) (*redisServer, error) {
	path, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("redis-server is not on PATH; the Redis restart test needs it: %w", err)
	}
	host, port, _ := strings.Cut(addr, ":")
	s := &redisServer{addr: addr, dir: dir, exited: make(chan struct{})}
	s.cmd = exec.Command(path, "--bind", host, "--port", port, "--dir", dir,
		"--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "no")
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	deadline := time.Now().Add(startBound)
	for rdb.Ping(context.Background()).Err() != nil {
		select {
		case <-s.exited:
			return s, fmt.Errorf("redis-server on %s exited while starting", addr)
		default:
		}
		if time.Now().After(deadline) {
			return s, fmt.Errorf("redis-server on %s not answering within %s", addr, startBound)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return s, nil
}

// kill stops the server with SIGKILL and waits for it.
func (s *redisServer) kill() {
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// TestRedisRestartLosesNoConfirmedUpdate kills the bot's Redis while two
// processes handle people's updates. While it is away people hear of a
// technical problem, Telegram is asked to deliver again and every process
// says on /readyz that it is not ready; once it is back on the same port
// with its data, the processes carry on by themselves and are ready again.
// Every step that was answered 200 is in Redis: each person's profile holds
// all their choices, and each got every answer once, in order, and nothing
// after the last.
func TestRedisRestartLosesNoConfirmedUpdate(t *testing.T) {
	t.Parallel()
	addr, dir := freeAddr(t), t.TempDir()
	rs := startRedis(t, addr, dir)
	w := newWorld(t, "redis://"+addr, 3*time.Second)
	a, b := w.start("a"), w.start("b")

	const chats, first = 10, 4001
	var accepted atomic.Int32
	restarted := make(chan error, 1)
	go func() {
		restarted <- func() error {
			deadline := time.Now().Add(updateBound)
			for accepted.Load() < 15 {
				if time.Now().After(deadline) {
					return fmt.Errorf("the load did not get going")
				}
				time.Sleep(time.Millisecond)
			}
			rs.kill()
			// Away until every process said it is not ready and somebody
			// was told of the problem.
			for _, r := range []*replica{a, b} {
				for {
					status, err := r.get("/readyz")
					if err == nil && status == http.StatusServiceUnavailable {
						break
					}
					if time.Now().After(deadline) {
						return fmt.Errorf("%s: /readyz answered %d (%v) while Redis was away, want 503", r.name, status, err)
					}
					time.Sleep(5 * time.Millisecond)
				}
			}
			for !w.someoneTold(first, chats, technical) {
				if time.Now().After(deadline) {
					return fmt.Errorf("nobody heard of the technical problem while Redis was away")
				}
				time.Sleep(5 * time.Millisecond)
			}
			again, err := launchRedis(addr, dir)
			if again != nil {
				t.Cleanup(again.kill)
			}
			return err
		}()
	}()
	runs := w.runChats(chats, first, w.sendAny(a, b), func(*chatRun) { accepted.Add(1) })
	if err := <-restarted; err != nil {
		t.Fatal(err)
	}

	told := 0
	for _, c := range runs {
		all := w.tg.MessagesTo(c.chat)
		if c.err != nil {
			t.Errorf("chat %d: %v\n%s", c.chat, c.err, transcript(all))
			continue
		}
		n := 0
		for i, s := range c.steps {
			var answers []string
			n += len(c.replies[i])
			for _, m := range c.replies[i] {
				if strings.Contains(m.Text, technical) {
					told++
					if tries := c.tries[i]; len(tries) < 2 {
						t.Errorf("chat %d step %d: told of a problem, yet the update was accepted at once: %v", c.chat, i+1, tries)
					}
					continue
				}
				answers = append(answers, m.Shown())
			}
			if len(answers) == 0 {
				for _, m := range c.edited[i] { // the answer is the question, changed in place
					answers = append(answers, m.Shown())
				}
			}
			if len(answers) != 1 || !strings.Contains(answers[0], s.want) {
				t.Errorf("chat %d step %d (%+v), POSTs %v: want one answer with %q besides notices, got %q",
					c.chat, i+1, s, c.tries[i], s.want, answers)
			}
		}
		if len(all) != n {
			t.Errorf("chat %d: %d messages after the last step's answer:\n%s", c.chat, len(all)-n, transcript(all[n:]))
		}
	}
	t.Logf("%d notices of a technical problem", told)
	w.profilesStored(t, w.redisURL, runs)
	for _, r := range []*replica{a, b} {
		if status, err := r.get("/readyz"); err != nil || status != http.StatusOK {
			t.Errorf("%s: /readyz answered %d (%v) after Redis came back, want 200", r.name, status, err)
		}
	}
	w.tg.AssertClean(t)
}

// someoneTold reports whether the bot wrote text to one of n chats from
// first on.
func (w *world) someoneTold(first int64, n int, text string) bool {
	for c := first; c < first+int64(n); c++ {
		for _, m := range w.tg.MessagesTo(c) {
			if strings.Contains(m.Text, text) {
				return true
			}
		}
	}
	return false
}
