package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/store/storetest"
)

// lockedBuffer is what the console prints, read while it prints.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// session is a terminal chat typed line by line, for what arrives by
// itself between the lines (an invitation).
type session struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *lockedBuffer
	done chan error
}

func startSession(t *testing.T, yaml string, env ...string) *session {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	r, w := io.Pipe()
	s := &session{t: t, in: w, out: &lockedBuffer{}, done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	var errOut lockedBuffer
	go func() { s.done <- run(ctx, []string{"--config", cfg}, env, r, s.out, &errOut) }()
	t.Cleanup(func() {
		cancel()
		_ = w.Close()
		if err := <-s.done; err != nil {
			t.Errorf("run: %v\n%s", err, errOut.String())
		}
	})
	return s
}

// say types lines and waits until the console answered the last one.
func (s *session) say(lines ...string) {
	s.t.Helper()
	for _, l := range lines {
		before := strings.Count(s.out.String(), "\n> ")
		if _, err := io.WriteString(s.in, l+"\n"); err != nil {
			s.t.Fatal(err)
		}
		s.waitUntil(func(out string) bool {
			// The echo of the line and the answer after it.
			i := strings.LastIndex(out, "> "+l+"\n")
			return strings.Count(out, "\n> ") > before && i >= 0 && strings.Contains(out[i:], "\n\n")
		}, "an answer to "+l)
	}
}

func (s *session) waitUntil(ok func(string) bool, what string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !ok(s.out.String()) {
		if time.Now().After(deadline) {
			s.t.Fatalf("no %q in the transcript:\n%s", what, s.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// since is what the console printed after the last line typed.
func (s *session) since() string {
	out := s.out.String()
	return out[strings.LastIndex(out, "\n> "):]
}

var reNumbers = regexp.MustCompile(`\[(\d+)\] `)

// An invitation arrives between the lines an organizer types: its buttons
// get their own numbers, after those on the screen, and answer it by
// number or by label.
func TestConsoleInvitationIsAnsweredByNumberAndLabel(t *testing.T) {
	for _, answer := range []string{"number", "label"} {
		t.Run(answer, func(t *testing.T) {
			tmp := t.TempDir()
			s := startSession(t, "community:\n  id: "+storetest.Community(t)+"\nconsole:\n  organizer: true\n",
				"REDIS_URL="+storetest.URL(t), "LANG=de_DE.UTF-8", "TMPDIR="+tmp)
			s.say("/start", "Einverstanden", "Deutsch", "Badeborn", "Fertig", "Überspringen")
			s.say("/termin_neu", "Sommerfest", "übermorgen 19 Uhr", "Überspringen", "Dorfplatz", "Überspringen", "1", "Alle", "1")
			if !strings.Contains(s.since(), "Plätze: 1") {
				t.Fatalf("typing 1 at the capacity question made no one-seat event:\n%s", s.since())
			}
			s.say("Termin anlegen", "/einladen", "1", "Alle", "Einladung senden")
			// The preview said it once; the invitation says it again.
			s.waitUntil(func(out string) bool { return strings.Count(out, "Du bist herzlich eingeladen") == 2 }, "the invitation")
			out := s.out.String()
			invitation := out[strings.LastIndex(out, "Du bist herzlich eingeladen"):]
			if strings.Contains(invitation, "[0]") {
				t.Fatalf("the invitation's buttons show [0]:\n%s", invitation)
			}
			if !strings.Contains(invitation, "[3] Ich komme   [4] Vielleicht   [5] Kann nicht") {
				t.Fatalf("the invitation's buttons are not numbered after those on the screen:\n%s", invitation)
			}
			if answer == "number" {
				s.say("3")
			} else {
				s.say("ich komme")
			}
			if !strings.Contains(s.since(), "Du bist bei „Sommerfest“ dabei") {
				t.Fatalf("the invitation was not answered by %s:\n%s", answer, s.since())
			}
			// The event's own RSVP buttons, numbered by the engine, work too.
			s.say("/termine")
			if !strings.Contains(s.since(), "[3] Kann nicht") {
				t.Fatalf("/termine:\n%s", s.since())
			}
			s.say("3")
			if !strings.Contains(s.since(), "Absage") {
				t.Fatalf("the RSVP was not changed by its number:\n%s", s.since())
			}
			assertDistinctNumbers(t, s.out.String())
		})
	}
}

// assertDistinctNumbers fails when one screen (the replies to one line and
// what arrived after them) shows a number twice.
func assertDistinctNumbers(t *testing.T, out string) {
	t.Helper()
	for _, screen := range strings.Split(out, "\n> ") {
		seen := map[string]bool{}
		for _, m := range reNumbers.FindAllStringSubmatch(screen, -1) {
			if seen[m[1]] {
				t.Fatalf("number [%s] shown twice on one screen:\n%s", m[1], screen)
			}
			seen[m[1]] = true
		}
	}
}

func TestConsoleSaysWhatToTypeFirst(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"de_DE.UTF-8", "Schreib /start, um anzufangen, oder /hilfe."},
		{"en_GB.UTF-8", "Type /start to begin, or /help."},
		{"", "Schreib /start, um anzufangen, oder /hilfe."},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var out, errOut bytes.Buffer
			env := []string{"LANG=" + tt.lang, "TMPDIR=" + t.TempDir()}
			if err := run(context.Background(), nil, env, strings.NewReader("/start\n"), &out, &errOut); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(errOut.String(), "embedded store") {
				t.Fatalf("no notice about the embedded store: %q", errOut.String())
			}
			if first, _, _ := strings.Cut(out.String(), "\n"); strings.TrimSpace(first) != tt.want {
				t.Fatalf("first line %q, want %q", first, tt.want)
			}
		})
	}
}

// Every run saves its files in a folder of its own, named by its time, and
// says where; a second run overwrites nothing of the first.
func TestConsoleSavesFilesInAFolderOfTheRun(t *testing.T) {
	tmp := t.TempDir()
	community := storetest.Community(t)
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+community+"\nconsole:\n  organizer: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"REDIS_URL=" + storetest.URL(t), "LANG=de_DE.UTF-8", "TMPDIR=" + tmp}
	reSaved := regexp.MustCompile(`📎 \S+ \(\d+ bytes\) → (\S+)`)
	var saved []string
	for i, in := range []string{
		"/start\nEinverstanden\nDeutsch\nBadeborn\nFertig\nÜberspringen\n/digest\n/meinedaten\n",
		"/digest\n/meinedaten\n",
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"--config", cfg}, env, strings.NewReader(in), &out, &errOut); err != nil {
			t.Fatalf("run %d: %v\n%s", i, err, errOut.String())
		}
		paths := reSaved.FindAllStringSubmatch(out.String(), -1)
		if len(paths) < 2 {
			t.Fatalf("run %d saved fewer than two files:\n%s", i, out.String())
		}
		dir := filepath.Dir(paths[0][1])
		if filepath.Dir(dir) != tmp || !regexp.MustCompile(`^heimatbot-\d{8}-\d{6}-\d+$`).MatchString(filepath.Base(dir)) {
			t.Fatalf("run %d saved into %s, not a folder of the run under %s", i, dir, tmp)
		}
		for _, p := range paths {
			if filepath.Dir(p[1]) != dir {
				t.Fatalf("run %d saved into two folders: %s and %s", i, dir, filepath.Dir(p[1]))
			}
			saved = append(saved, p[1])
		}
	}
	// Every file of both runs is still there, under a path of its own.
	seen := map[string]bool{}
	for _, p := range saved {
		if seen[p] {
			t.Fatalf("%s saved twice", p)
		}
		seen[p] = true
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("saved file: %v", err)
		}
	}
	dirs, _ := os.ReadDir(tmp)
	if len(dirs) != 2 {
		t.Fatalf("%d folders under %s, want one per run", len(dirs), tmp)
	}
}
