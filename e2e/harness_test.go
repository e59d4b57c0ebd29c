package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// binary is the heimatbot program built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "heimatbot-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "heimatbot")
	build := exec.Command("go", "build", "-o", binary, "github.com/heimatbot/heimatbot/cmd/heimatbot")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build heimatbot:", err)
		_ = os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// Bounds for liveness, generous for a loaded machine: they fail a test
// that hangs, they are not goals.
const (
	startBound  = 30 * time.Second
	updateBound = 45 * time.Second
)

// hookPath is where the webhook is served: the path of the public URL
// registered with Telegram, which a proxy would forward to the replicas.
const (
	publicHook = "https://bot.example/telegram/webhook"
	hookPath   = "/telegram/webhook"
)

// world is a fake Telegram, a community in Redis and the bot processes
// serving it. The processes reach the fake through gate.
type world struct {
	t         *testing.T
	tg        *telegramtest.Server
	gate      *gate
	secret    string
	redisURL  string
	community string
	config    string
	rng       *rand.Rand
	rngMu     sync.Mutex

	mu       sync.Mutex
	replicas []*replica
}

func newWorld(t *testing.T, redisURL string, grace time.Duration) *world {
	t.Helper()
	tg := telegramtest.New(telegramtest.MustLoadSpec(t))
	t.Cleanup(tg.Close)
	w := &world{
		t: t, tg: tg, gate: newGate(t, tg), secret: "e2e-secret-" + fmt.Sprint(time.Now().UnixNano()),
		redisURL: redisURL, community: storetest.Community(t),
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	w.rng = rand.New(rand.NewPCG(seed, seed>>1))
	w.config = filepath.Join(t.TempDir(), "heimatbot.yaml")
	cfg := fmt.Sprintf("community:\n  id: %s\nshutdown_grace: %s\n", w.community, grace)
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) intN(n int) int {
	w.rngMu.Lock()
	defer w.rngMu.Unlock()
	return w.rng.IntN(n)
}

func (w *world) chance(p float64) bool {
	w.rngMu.Lock()
	defer w.rngMu.Unlock()
	return w.rng.Float64() < p
}

// replica is one bot process.
type replica struct {
	name   string
	addr   string
	cmd    *exec.Cmd
	log    string // file with the process's stderr
	exited chan struct{}
	err    error // the process's exit, once exited is closed
}

// waitForLog waits (up to 10 s) until the process has logged want.
func (r *replica) waitForLog(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(r.log)
		if strings.Contains(string(b), want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not log %s:\n%s", r.name, want, lastLines(string(b), 20))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// start runs a bot process, with env (KEY=value) added to its
// environment, and waits until it is ready.
func (w *world) start(name string, env ...string) *replica {
	w.t.Helper()
	r := &replica{name: name, addr: freeAddr(w.t), log: filepath.Join(w.t.TempDir(), name+".log"), exited: make(chan struct{})}
	logFile, err := os.Create(r.log)
	if err != nil {
		w.t.Fatal(err)
	}
	r.cmd = exec.Command(binary, "--config", w.config)
	r.cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"TELEGRAM_TOKEN=" + w.tg.Token(),
		"TELEGRAM_API_URL=" + w.gate.URL(),
		"TELEGRAM_WEBHOOK_URL=" + publicHook,
		"TELEGRAM_WEBHOOK_SECRET=" + w.secret,
		"HEIMATBOT_HTTP_ADDR=" + r.addr,
		"REDIS_URL=" + w.redisURL,
	}
	r.cmd.Env = append(r.cmd.Env, env...)
	r.cmd.Stdout, r.cmd.Stderr = logFile, logFile
	if err := r.cmd.Start(); err != nil {
		w.t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		r.err = r.cmd.Wait()
		_ = logFile.Close()
		close(r.exited)
	}()
	w.t.Cleanup(func() {
		select {
		case <-r.exited:
		default:
			_ = r.cmd.Process.Kill()
			<-r.exited
		}
		if w.t.Failed() {
			b, _ := os.ReadFile(r.log)
			w.t.Logf("log of %s:\n%s", r.name, lastLines(string(b), 60))
		}
	})
	w.mu.Lock()
	w.replicas = append(w.replicas, r)
	w.mu.Unlock()
	w.waitReady(r)
	return r
}

// waitReady polls /readyz until it answers 200.
func (w *world) waitReady(r *replica) { w.t.Helper(); waitReady(w.t, r) }

// waitReady polls r's /readyz until it answers 200.
func waitReady(t *testing.T, r *replica) {
	t.Helper()
	deadline := time.Now().Add(startBound)
	for {
		if status, err := r.get("/readyz"); err == nil && status == http.StatusOK {
			return
		}
		select {
		case <-r.exited:
			b, _ := os.ReadFile(r.log)
			t.Fatalf("%s exited while starting: %v\n%s", r.name, r.err, b)
		default:
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(r.log)
			t.Fatalf("%s not ready within %s\n%s", r.name, startBound, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// probe is the client of the tests' own requests to a process: health,
// readiness and metrics.
var probe = &http.Client{Timeout: 2 * time.Second}

// get asks r for path and returns the status it answered.
func (r *replica) get(path string) (int, error) {
	resp, err := probe.Get("http://" + r.addr + path)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// received is how many Telegram updates r has taken in so far, as its
// metrics count them: an update is counted as it enters the bot, before it
// waits for the person's lock.
func (r *replica) received() (int, error) {
	resp, err := probe.Get("http://" + r.addr + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	const metric = `heimatbot_updates_received_total{platform="telegram"} `
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, metric); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return int(n), err
		}
	}
	return 0, nil // counted from the first update on
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// post delivers u to r's webhook as Telegram does. An error means no
// answer came (connection refused or broken).
func (w *world) post(r *replica, u telegramtest.Update) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), updateBound)
	defer cancel()
	return w.tg.PostWebhook(ctx, nil, "http://"+r.addr+hookPath, w.secret, u)
}

// attempt is one POST of an update.
type attempt struct {
	replica    *replica
	status     int
	err        error
	start, end time.Time
}

func (a attempt) String() string {
	if a.err != nil {
		return a.replica.name + ": " + a.err.Error()
	}
	return fmt.Sprintf("%s: %d", a.replica.name, a.status)
}

// deliver posts u to random replicas among those given by pick until one
// answers 200, waiting a little longer after each failure as Telegram
// does. It returns every attempt; the last one is the 200. answered, when
// given, is called after each POST.
func (w *world) deliver(u telegramtest.Update, pick func() *replica, answered ...func(*replica)) []attempt {
	w.t.Helper()
	deadline := time.Now().Add(updateBound)
	wait := 20 * time.Millisecond
	var tries []attempt
	for {
		r := pick()
		start := time.Now()
		status, err := w.post(r, u)
		for _, f := range answered {
			f(r)
		}
		tries = append(tries, attempt{r, status, err, start, time.Now()})
		if err == nil && status == http.StatusOK {
			return tries
		}
		if time.Now().After(deadline) {
			w.t.Errorf("update %d not accepted within %s: %v", u.ID(), updateBound, tries)
			return tries
		}
		time.Sleep(wait)
		wait = min(2*wait, 500*time.Millisecond)
	}
}

// sendAny delivers each update to random ones of rs until one accepts it.
func (w *world) sendAny(rs ...*replica) sender {
	return func(u telegramtest.Update) []attempt { return w.deliver(u, w.any(rs...)) }
}

// any picks one of rs at random.
func (w *world) any(rs ...*replica) func() *replica {
	return func() *replica { return rs[w.intN(len(rs))] }
}

// step is one thing a person does: write (a command when it starts with
// "/") or press the button labelled press under the bot's latest message
// that has it. want is part of the bot's answer.
type step struct {
	say, press string
	want       string
}

// onboarding is a resident's first minutes: consent, district, then the
// rest of the profile it offers (interests, role) and a look at their
// profile.
func onboarding(district string) []step {
	return []step{
		{say: "/start", want: "Bist du einverstanden?"},
		{press: "Einverstanden", want: "In welchem Ortsteil"},
		{press: district, want: "Danke, das war's schon!"},
		{press: "Themen wählen", want: "Welche Themen"},
		{press: "Jugend", want: "✓ Jugend"},
		{press: "Fertig", want: "in welcher Rolle"},
		{press: "Verein/Ehrenamt", want: "Was möchtest du tun?"},
		{say: "/profil", want: district},
	}
}

var districts = []string{"Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder"}

// play delivers a person's steps one after another through pick and
// checks that each is answered with exactly one message, the expected one.
func (w *world) play(chat int64, steps []step, pick func() *replica) {
	w.t.Helper()
	for _, s := range steps {
		before := len(w.tg.MessagesTo(chat))
		u, err := w.update(chat, s)
		if err != nil {
			w.t.Fatal(err)
		}
		w.answeredOnce(chat, before, s, w.deliver(u, pick))
	}
}

// answeredOnce checks that chat got exactly one message since it had
// before, holding s.want, or that its last message, a question, was
// changed in place to hold it (a multiple choice).
func (w *world) answeredOnce(chat int64, before int, s step, tries []attempt) {
	w.t.Helper()
	all := w.tg.MessagesTo(chat)
	got := all[before:]
	if len(got) == 0 && before > 0 && !all[before-1].EditDate.IsZero() {
		got = all[before-1:]
	}
	if len(got) != 1 || !strings.Contains(got[0].Shown(), s.want) {
		w.t.Errorf("chat %d step %+v, POSTs %v: want one reply with %q, got:\n%s\nwhole chat:\n%s",
			chat, s, tries, s.want, transcript(got), transcript(w.tg.MessagesTo(chat)))
	}
}

// update makes the Telegram update of a step in chat.
func (w *world) update(chat int64, s step) (telegramtest.Update, error) {
	switch {
	case s.press != "":
		msgs := w.tg.MessagesTo(chat)
		for i := len(msgs) - 1; i >= 0; i-- {
			if data, ok := msgs[i].Button(s.press); ok {
				return w.tg.CallbackQuery(chat, chat, msgs[i].ID, data), nil
			}
		}
		return nil, fmt.Errorf("no button %q in chat %d:\n%s", s.press, chat, transcript(msgs))
	case strings.HasPrefix(s.say, "/"):
		cmd, args, _ := strings.Cut(s.say, " ")
		return w.tg.CommandMessage(chat, chat, cmd, args, "de"), nil
	default:
		return w.tg.TextMessage(chat, chat, s.say, "de"), nil
	}
}

func transcript(msgs []telegramtest.Message) string {
	var sb strings.Builder
	for _, m := range msgs {
		sb.WriteString(m.Shown() + "\n---\n")
	}
	return sb.String()
}

// exitedCleanly reports whether the process ended with status 0.
func (r *replica) exitedCleanly() error {
	var ee *exec.ExitError
	if errors.As(r.err, &ee) {
		return fmt.Errorf("%s: %v", r.name, ee)
	}
	return r.err
}
