package whatsapp_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// clock is virtual time for the 24-hour window: tests move it on. Sleeps
// (retries after throttling) are recorded and not waited.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newClock() *clock { return &clock{now: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.slept = append(c.slept, d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *clock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// world is a fake Cloud API, a Redis community and a clock shared by the
// bot processes a test starts.
type world struct {
	t     *testing.T
	srv   *whatsapptest.Server
	clock *clock
	cfg   *config.Config
	rdb   redis.UniversalClient
	store *store.Store
}

// testTemplates are the templates the fake knows and the adapter uses,
// as docs/whatsapp.md has them to submit.
var testTemplates = []whatsapptest.TemplateDef{
	{Name: "heimatbot_einladung", Language: "de", Body: "Hallo! Du bist eingeladen: {{1}}, {{2}}. Kommst du?", Buttons: []string{"Ich komme", "Vielleicht", "Kann nicht"}},
	{Name: "heimatbot_einladung", Language: "en", Body: "Hello! You are invited: {{1}}, {{2}}. Will you come?", Buttons: []string{"I'll come", "Maybe", "Can't come"}},
	{Name: "heimatbot_erinnerung", Language: "de", Body: "Erinnerung: {{1}} ist {{2}}. Bist du dabei?", Buttons: []string{"Ich komme", "Vielleicht", "Kann nicht"}},
}

func adapterTemplates() map[string]whatsapp.Template {
	return map[string]whatsapp.Template{
		"invite": {Name: "heimatbot_einladung", Languages: map[string]string{"de": "de", "en": "en"}, Params: []string{"title", "when"}, Buttons: 3},
		"remind": {Name: "heimatbot_erinnerung", Languages: map[string]string{"de": "de"}, Params: []string{"title", "when"}, Buttons: 3},
	}
}

func newWorld(t *testing.T, opts ...whatsapptest.Option) *world {
	t.Helper()
	return newWorldB(t, t, opts...)
}

// newWorldB is newWorld for a benchmark: tb cleans up, t is the world's.
func newWorldB(tb testing.TB, t *testing.T, opts ...whatsapptest.Option) *world {
	tb.Helper()
	c := newClock()
	base := []whatsapptest.Option{whatsapptest.WithClock(c.Now)}
	for _, d := range testTemplates {
		base = append(base, whatsapptest.WithTemplate(d))
	}
	srv := whatsapptest.New(append(base, opts...)...)
	tb.Cleanup(srv.Close)
	cfg := config.Default()
	cfg.Community.ID = storetest.Community(tb)
	rdb := storetest.Client(tb)
	return &world{t: t, srv: srv, clock: c, cfg: cfg, rdb: rdb, store: store.New(rdb, cfg.Community.ID, store.Options{})}
}

// options are the adapter options of a process in this world.
func (w *world) options(mux *http.ServeMux) whatsapp.Options {
	return whatsapp.Options{
		Token: w.srv.Token(), AppSecret: w.srv.AppSecret(), VerifyToken: "verify-me",
		PhoneNumberID: w.srv.PhoneNumberID(), APIURL: w.srv.URL(), Mux: mux, Store: w.store,
		Templates: adapterTemplates(),
		Now:       w.clock.Now, Sleep: w.clock.Sleep, Log: slog.New(slog.NewTextHandler(os.Stderr, nil)),
		OnUnreachable: func(ctx context.Context, to bot.Address) {
			_ = w.store.MarkUnreachable(ctx, bot.User{Platform: bot.WhatsApp, ID: to.Chat})
		},
	}
}

// process is one running bot: adapter, engine, router and HTTP server.
type process struct {
	ad     *whatsapp.Adapter
	router *bot.Router
	hs     *httptest.Server
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// start runs a bot process whose webhook the fake posts to.
func (w *world) start(change ...func(*whatsapp.Options)) *process {
	w.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cat, err := flows.LoadCatalog(w.cfg.Community.Languages[0])
	if err != nil {
		w.t.Fatal(err)
	}
	set := flows.Build(flows.Deps{Config: w.cfg, Store: w.store, Now: w.clock.Now})
	mux := http.NewServeMux()
	opt := w.options(mux)
	for _, f := range change {
		f(&opt)
	}
	ad, err := whatsapp.New(opt)
	if err != nil {
		w.t.Fatal(err)
	}
	cat.Describe(bot.WhatsApp, ad)
	eng, err := bot.NewEngine(bot.EngineConfig{
		Store: w.store, Out: ad, Catalog: cat,
		Flows: set.Flows, Commands: set.Commands, Actions: set.Actions,
		Organizers: flows.NewOrganizers(w.cfg.Organizers, false),
		StartFlow:  flows.StartFlow, MaxInput: w.cfg.Limits.MessageMax, Now: w.clock.Now,
	})
	if err != nil {
		w.t.Fatal(err)
	}
	p := &process{ad: ad, router: bot.NewRouter(eng), hs: httptest.NewServer(mux), cancel: cancel, done: make(chan struct{})}
	w.srv.SetWebhook(p.hs.URL + "/whatsapp/webhook")
	go func() {
		_ = ad.Run(ctx, p.router)
		close(p.done)
	}()
	for ad.Healthy(ctx) != nil {
		time.Sleep(time.Millisecond)
	}
	w.t.Cleanup(p.stop)
	return p
}

func (p *process) stop() {
	p.once.Do(func() {
		p.cancel()
		<-p.done
		p.hs.Close()
		p.router.Close()
	})
}

// say writes text from number and wants the webhook answered 200.
func (w *world) say(number, text string) {
	w.t.Helper()
	status, err := w.srv.Text(context.Background(), number, text)
	if err != nil || status != http.StatusOK {
		w.t.Fatalf("webhook for %q: %d %v", text, status, err)
	}
}

// press presses the choice titled title on the latest message offering it.
func (w *world) press(number, title string) {
	w.t.Helper()
	status, err := w.srv.Press(context.Background(), number, title)
	if err != nil {
		w.t.Fatalf("%v\nchat:\n%s", err, transcript(w.srv.To(number)))
	}
	if status != http.StatusOK {
		w.t.Fatalf("webhook for the press of %q: %d", title, status)
	}
}

// transcript shows a chat as the person sees it, for failure messages.
func transcript(msgs []whatsapptest.Sent) string {
	var sb strings.Builder
	for _, m := range msgs {
		sb.WriteString(m.Shown)
		if len(m.Choices) > 0 {
			sb.WriteString("\n  [" + strings.Join(m.Choices, "] [") + "]")
		}
		sb.WriteString("\n---\n")
	}
	return sb.String()
}

// last is the bot's latest message to number.
func (w *world) last(number string) whatsapptest.Sent {
	w.t.Helper()
	msgs := w.srv.To(number)
	if len(msgs) == 0 {
		w.t.Fatalf("the bot wrote nothing to %s", number)
	}
	return msgs[len(msgs)-1]
}

// expect fails unless the bot's latest message contains every part
// (choices as "[title]").
func (w *world) expect(number string, parts ...string) {
	w.t.Helper()
	m := w.last(number)
	text := m.Shown + "\n[" + strings.Join(m.Choices, "] [") + "]"
	for _, p := range parts {
		if !strings.Contains(text, p) {
			w.t.Fatalf("%q missing from the bot's last message:\n%s\nchat:\n%s", p, text, transcript(w.srv.To(number)))
		}
	}
}

func newServer(t testing.TB, h http.Handler) string {
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return hs.URL
}

// runB runs ad, taking every update, until the benchmark ends.
func runB(b *testing.B, ad *whatsapp.Adapter) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = ad.Run(ctx, bot.HandlerFunc(func(context.Context, bot.Update) error { return nil }))
		close(done)
	}()
	b.Cleanup(func() { cancel(); <-done })
	for ad.Healthy(ctx) != nil {
		sleepMs(1)
	}
}

func sleepMs(n int) { time.Sleep(time.Duration(n) * time.Millisecond) }
