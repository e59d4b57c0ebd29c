package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/poster/postertest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// result is what a person sees of one command line: the exit code and
// both streams.
type result struct {
	code           int
	stdout, stderr string
}

// heimatbot runs a command line as main does, with stdin empty unless
// given.
func heimatbot(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return heimatbotIn(t, env, strings.NewReader(""), args...)
}

func heimatbotIn(t *testing.T, env []string, stdin any, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	in, ok := stdin.(interface{ Read([]byte) (int, error) })
	if !ok {
		t.Fatalf("stdin %T", stdin)
	}
	code := exitCode(run(context.Background(), args, env, in, &out, &errOut), &errOut)
	return result{code, out.String(), errOut.String()}
}

func TestHelpListsEverySubcommand(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"-help"}} {
		r := heimatbot(t, nil, args...)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		for _, c := range commands() {
			if !strings.Contains(r.stdout, "  "+c.name+" ") || !strings.Contains(r.stdout, c.summary) {
				t.Errorf("%v does not list %q:\n%s", args, c.name, r.stdout)
			}
		}
		if !strings.Contains(r.stdout, "--config FILE") {
			t.Errorf("%v does not name the global flags:\n%s", args, r.stdout)
		}
	}
}

func TestEverySubcommandHasHelp(t *testing.T) {
	for _, c := range commands() {
		name := strings.Fields(c.name)
		for _, args := range [][]string{
			append([]string{"help"}, name...),
			append(name[:len(name):len(name)], "--help"),
			append(name[:len(name):len(name)], "-h"),
			append([]string{"--config", "nosuch.yaml"}, append(name[:len(name):len(name)], "--help")...),
		} {
			r := heimatbot(t, nil, args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
			}
			for _, want := range []string{"Usage: heimatbot " + c.name, "--config FILE", "Example:\n  " + c.example} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("%v lacks %q:\n%s", args, want, r.stdout)
				}
			}
			fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
			c.define(fs)
			fs.VisitAll(func(f *flag.Flag) {
				if !strings.Contains(r.stdout, "--"+f.Name) {
					t.Errorf("%v does not show --%s:\n%s", args, f.Name, r.stdout)
				}
			})
		}
		if !strings.HasPrefix(c.example, "heimatbot "+c.name) {
			t.Errorf("%s: example %q does not call it", c.name, c.example)
		}
	}
}

func TestUnknownWordsAreRefused(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"digset"}, `unknown subcommand "digset"`},
		{[]string{"--config", "x.yaml", "digset", "--since", "7d"}, `unknown subcommand "digset"`},
		{[]string{"event"}, "event: want one of create, list, edit, cancel"},
		{[]string{"event", "frobnicate"}, `event: unknown subcommand "frobnicate"`},
		{[]string{"event", "--config", "x.yaml", "list"}, `event: flags go after the whole name (event create --config), or before "event"`},
		{[]string{"digest", "now"}, `digest: stray word "now"`},
		{[]string{"run", "please"}, `run: stray word "please"`},
		{[]string{"event", "edit"}, "event edit: want ID"},
		{[]string{"event", "cancel", "a", "b"}, `event cancel: stray word "b"`},
		{[]string{"digest", "--sinse", "7d"}, "digest: flag provided but not defined: -sinse"},
		{[]string{"--since", "7d", "digest"}, "a subcommand's own flags go after its name"},
		{[]string{"help", "digset"}, `unknown subcommand "digset"`},
	} {
		r := heimatbot(t, nil, tt.args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", tt.args, r.code)
		}
		if first, _, _ := strings.Cut(r.stderr, "\n"); !strings.Contains(first, tt.want) {
			t.Errorf("%v: first line %q, want %q", tt.args, first, tt.want)
		}
		if !strings.Contains(r.stderr, "Usage: heimatbot") {
			t.Errorf("%v: no usage on stderr:\n%s", tt.args, r.stderr)
		}
		// Nothing ran: no store was opened, nothing was printed.
		if r.stdout != "" || strings.Contains(r.stderr, "embedded store") {
			t.Errorf("%v ran something: stdout %q, stderr %q", tt.args, r.stdout, r.stderr)
		}
	}
	// A refused word in the middle lists the subcommands.
	if r := heimatbot(t, nil, "digset"); !strings.Contains(r.stderr, "event create") || !strings.Contains(r.stderr, "healthcheck") {
		t.Errorf("the refusal does not list the subcommands:\n%s", r.stderr)
	}
}

// communityConfig writes a configuration of its own community, whose name
// shows in a digest that the file was read.
func communityConfig(t *testing.T, extra string) (path string, env []string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "heimatbot.yaml")
	body := "community:\n  id: " + storetest.Community(t) + "\n  name: Flaggenhausen\n" + extra
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, []string{"REDIS_URL=" + storetest.URL(t)}
}

func TestGlobalFlagsBeforeAndAfterTheName(t *testing.T) {
	cfg, env := communityConfig(t, "")
	for _, args := range [][]string{
		{"--config", cfg, "digest", "--since", "7d"},
		{"digest", "--since", "7d", "--config", cfg},
		{"digest", "--config", cfg, "--since=7d"},
		{"--config=" + cfg, "digest"},
	} {
		r := heimatbot(t, env, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Wochenbild Flaggenhausen") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}

	// Events of the configured community: created with the flag after
	// the name, listed with it before, edited with flags on both sides of
	// the id.
	r := heimatbot(t, env, "event", "create", "--title", "Stadtgespräch", "--start", "morgen 18:30", "--config", cfg)
	if r.code != 0 {
		t.Fatalf("create: %+v", r)
	}
	id := strings.TrimSpace(r.stdout)
	for _, args := range [][]string{
		{"--config", cfg, "event", "edit", id, "--place", "Aula"},
		{"event", "edit", "--config", cfg, "--capacity", "30", id},
		{"event", "edit", id, "--title", "Stadtgespräch Schule", "--config", cfg},
	} {
		if r := heimatbot(t, env, args...); r.code != 0 || r.stdout != "saved "+id+"\n" {
			t.Errorf("%v: %+v", args, r)
		}
	}
	r = heimatbot(t, env, "--config", cfg, "event", "list")
	if r.code != 0 || !strings.Contains(r.stdout, id+"\t") || !strings.Contains(r.stdout, "\tStadtgespräch Schule\t") {
		t.Fatalf("list: %+v", r)
	}
	// Another community (the default configuration) does not see it.
	if r := heimatbot(t, env, "event", "list"); r.code != 0 || strings.Contains(r.stdout, id) {
		t.Fatalf("list without --config: %+v", r)
	}
	if r := heimatbot(t, env, "event", "cancel", id, "--config", cfg); r.code != 0 || r.stdout != "cancelled "+id+"\n" {
		t.Fatalf("cancel: %+v", r)
	}
}

func TestHealthcheck(t *testing.T) {
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "ok")
	}))
	defer healthy.Close()
	sick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusServiceUnavailable)
	}))
	defer sick.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	port := healthy.Listener.Addr().(*net.TCPAddr).Port
	cfg, _ := communityConfig(t, fmt.Sprintf("http:\n  addr: \":%d\"\n", port))
	for _, tt := range []struct {
		name string
		env  []string
		args []string
		code int
		want string
	}{
		{"the configured address", nil, []string{"healthcheck", "--config", cfg}, 0, "healthy: http://127.0.0.1:" + fmt.Sprint(port) + "/healthz"},
		{"the address from the environment", []string{"HEIMATBOT_HTTP_ADDR=" + healthy.Listener.Addr().String()}, []string{"healthcheck"}, 0, "healthy:"},
		{"a URL", nil, []string{"--config", cfg, "healthcheck", "--url", healthy.URL + "/healthz"}, 0, "healthy:"},
		{"a server that says no", nil, []string{"healthcheck", "--url", sick.URL + "/healthz"}, 1, "503 Service Unavailable"},
		{"a path that is not there", nil, []string{"healthcheck", "--url", healthy.URL + "/nothing"}, 1, "404 Not Found"},
		{"nothing listening", []string{"HEIMATBOT_HTTP_ADDR=" + closed}, []string{"healthcheck"}, 1, "connection refused"},
		{"no address configured", nil, []string{"healthcheck"}, 1, "http.addr is not set"},
	} {
		r := heimatbot(t, tt.env, tt.args...)
		out := r.stdout
		if tt.code != 0 {
			out = r.stderr
			if strings.Count(out, "\n") != 1 {
				t.Errorf("%s: want one line, got %q", tt.name, out)
			}
		}
		if r.code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.name, r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
}

func TestNoPlatformAndNoTerminalSaysWhatIsMissing(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	empty, err := os.Create(filepath.Join(t.TempDir(), "empty"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	for name, in := range map[string]*os.File{"/dev/null": devNull, "an empty file": empty} {
		r := heimatbotIn(t, nil, in)
		if r.code == 0 {
			t.Errorf("%s: exit 0", name)
		}
		for _, want := range []string{"no platform configured", "TELEGRAM_TOKEN", "MATTERMOST_URL", "MATTERMOST_TOKEN", "docker run -it"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", name, want, r.stderr)
			}
		}
	}

	// A pipe or a file with a conversation in it is a chat.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = pw.WriteString("/start\n"); pw.Close() }()
	script := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(script, []byte("/start\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(script)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for name, in := range map[string]*os.File{"a pipe": pr, "a file": file} {
		if r := heimatbotIn(t, nil, in); r.code != 0 || !strings.Contains(r.stdout, "Bist du einverstanden?") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, r.code, r.stdout, r.stderr)
		}
	}
}

func TestEventPoster(t *testing.T) {
	tg := telegramtest.New(telegramtest.MustLoadSpec(t), telegramtest.WithBotUsername("flaggen_bot"))
	defer tg.Close()
	cfg, env := communityConfig(t, "")
	r := heimatbot(t, env, "--config", cfg, "event", "create", "--title", "Stadtgespräch Schule", "--start", "morgen 18:30", "--place", "Aula")
	if r.code != 0 {
		t.Fatalf("create: %+v", r)
	}
	id := strings.TrimSpace(r.stdout)
	dir := t.TempDir()

	// The bot's name from Telegram.
	out := filepath.Join(dir, "plakat.pdf")
	withToken := append(env, "TELEGRAM_TOKEN="+tg.Token(), "TELEGRAM_API_URL="+tg.URL())
	if r := heimatbot(t, withToken, "event", "poster", id, "--config", cfg, "--out", out); r.code != 0 || r.stdout != out+"\n" {
		t.Fatalf("poster: %+v", r)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := postertest.Codes(t, data), "https://t.me/flaggen_bot?start=ev_"+id; len(got) != 1 || got[0] != want {
		t.Errorf("the poster's code leads to %q, want %q", got, want)
	}
	text := strings.ReplaceAll(postertest.Text(t, data), "\n", " ")
	for _, want := range []string{"Flaggenhausen", "Stadtgespräch Schule", "18:30 Uhr", "Aula", "t.me/flaggen_bot?start=ev_" + id} {
		if !strings.Contains(text, want) {
			t.Errorf("the poster lacks %q:\n%s", want, text)
		}
	}

	// The configured name, and the default file name.
	t.Chdir(dir)
	if r := heimatbot(t, append(env, "TELEGRAM_BOT_USERNAME=konfig_bot"), "--config", cfg, "event", "poster", id); r.code != 0 || r.stdout != "plakat-"+id+".pdf\n" {
		t.Fatalf("poster with a configured name: %+v", r)
	}
	data, _ = os.ReadFile("plakat-" + id + ".pdf")
	if got := postertest.Codes(t, data); len(got) != 1 || got[0] != "https://t.me/konfig_bot?start=ev_"+id {
		t.Errorf("the poster's code leads to %q", got)
	}

	// No name and no token: what to set.
	if r := heimatbot(t, env, "--config", cfg, "event", "poster", id); r.code != 1 || !strings.Contains(r.stderr, "TELEGRAM_BOT_USERNAME") || !strings.Contains(r.stderr, "TELEGRAM_TOKEN") {
		t.Errorf("poster without a name: %+v", r)
	}
	// An unknown event.
	if r := heimatbot(t, withToken, "--config", cfg, "event", "poster", "nosuch"); r.code != 1 || !strings.Contains(r.stderr, "nosuch") {
		t.Errorf("poster of an unknown event: %+v", r)
	}
}
