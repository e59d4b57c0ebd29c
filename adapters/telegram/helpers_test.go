package telegram_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// clock is virtual time: Sleep moves it on at once and remembers how long
// was waited, so limits and retry_after are tested without waiting.
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

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.slept = append(c.slept, d)
	return nil
}

func (c *clock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// world is a fake Telegram, a Redis community and a clock shared by the
// bot processes a test starts.
type world struct {
	t     *testing.T
	srv   *telegramtest.Server
	clock *clock
	cfg   *config.Config
	rdb   redis.UniversalClient
	store *store.Store
}

func newWorld(t *testing.T, opts ...telegramtest.Option) *world {
	t.Helper()
	c := newClock()
	srv := telegramtest.New(telegramtest.MustLoadSpec(t),
		append([]telegramtest.Option{telegramtest.WithRateLimits(telegramtest.TelegramRateLimits()), telegramtest.WithClock(c.Now)}, opts...)...)
	t.Cleanup(srv.Close)
	cfg := config.Default()
	cfg.Community.ID = storetest.Community(t)
	rdb := storetest.Client(t)
	return &world{t: t, srv: srv, clock: c, cfg: cfg, rdb: rdb, store: store.New(rdb, cfg.Community.ID, store.Options{})}
}

// options are the adapter options of a process in this world.
func (w *world) options() telegram.Options {
	return telegram.Options{
		Token: w.srv.Token(), APIURL: w.srv.URL(), Store: w.store,
		Now: w.clock.Now, Sleep: w.clock.Sleep, PollTimeout: 5 * time.Second,
		OnUnreachable: func(ctx context.Context, to bot.Address) {
			_ = w.store.MarkUnreachable(ctx, bot.User{Platform: bot.Telegram, ID: to.Chat})
		},
	}
}

// process is one running bot: adapter, engine and router.
type process struct {
	ad     *telegram.Adapter
	router *bot.Router
	cancel context.CancelFunc
	done   chan struct{} // closed when Run returned
	err    error
	once   sync.Once
}

// start runs a bot process. wrap, when set, wraps the router as the
// adapter's handler; change adjusts the adapter's options.
func (w *world) start(wrap func(h bot.Handler, stop context.CancelFunc) bot.Handler, change ...func(*telegram.Options)) *process {
	w.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cat, err := flows.LoadCatalog(w.cfg.Community.Languages[0])
	if err != nil {
		w.t.Fatal(err)
	}
	set := flows.Build(flows.Deps{Config: w.cfg, Store: w.store, Now: w.clock.Now})
	opt := w.options()
	opt.Commands, opt.Catalog = set.Commands, cat
	for _, f := range change {
		f(&opt)
	}
	ad, err := telegram.New(ctx, opt)
	if err != nil {
		w.t.Fatal(err)
	}
	eng, err := bot.NewEngine(bot.EngineConfig{
		Store: w.store, Out: ad, Catalog: cat,
		Flows: set.Flows, Commands: set.Commands, Actions: set.Actions,
		Organizers: flows.NewOrganizers(w.cfg.Organizers, false),
		StartFlow:  flows.StartFlow, MaxInput: w.cfg.Limits.MessageMax, Now: w.clock.Now,
	})
	if err != nil {
		w.t.Fatal(err)
	}
	p := &process{ad: ad, router: bot.NewRouter(eng), cancel: cancel, done: make(chan struct{})}
	var h bot.Handler = p.router
	if wrap != nil {
		h = wrap(p.router, cancel)
	}
	go func() {
		p.err = ad.Run(ctx, h)
		close(p.done)
	}()
	w.t.Cleanup(p.stop)
	return p
}

// stop ends the process and waits for it.
func (p *process) stop() {
	p.once.Do(func() {
		p.cancel()
		<-p.done
		p.router.Close()
	})
}

// deliver queues an update and waits until the bot confirmed it, which it
// does only after handling it and sending the replies.
func (w *world) deliver(u telegramtest.Update) {
	w.t.Helper()
	w.srv.PushUpdate(u)
	w.waitConfirmed()
}

func (w *world) waitConfirmed() {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for w.srv.Pending() > 0 {
		if time.Now().After(deadline) {
			w.t.Fatalf("the bot did not confirm %d updates", w.srv.Pending())
		}
		time.Sleep(time.Millisecond)
	}
}

// say writes text (a command when it starts with "/") in a private chat.
func (w *world) say(chat int64, text string) {
	w.t.Helper()
	if strings.HasPrefix(text, "/") {
		cmd, args, _ := strings.Cut(text, " ")
		w.deliver(w.srv.CommandMessage(chat, chat, cmd, args, "de"))
		return
	}
	w.deliver(w.srv.TextMessage(chat, chat, text, "de"))
}

// press presses the button labelled label under the bot's latest message
// that has it.
func (w *world) press(chat int64, label string) {
	w.t.Helper()
	u, ok := w.srv.Press(chat, chat, label)
	if !ok {
		w.t.Fatalf("no button %q in chat %d:\n%s", label, chat, transcript(w.srv.MessagesTo(chat)))
	}
	w.deliver(u)
}

// labels lists the buttons of a message.
func labels(m telegramtest.Message) []string {
	var out []string
	for _, b := range m.Buttons() {
		out = append(out, b.Text)
	}
	return out
}

// transcript shows a chat as the person sees it, for failure messages.
func transcript(msgs []telegramtest.Message) string {
	var sb strings.Builder
	for _, m := range msgs {
		sb.WriteString(m.Text)
		if l := labels(m); len(l) > 0 {
			sb.WriteString("\n  [" + strings.Join(l, "] [") + "]")
		}
		sb.WriteString("\n---\n")
	}
	return sb.String()
}

// last is the bot's latest message in a chat.
func (w *world) last(chat int64) telegramtest.Message {
	w.t.Helper()
	msgs := w.srv.MessagesTo(chat)
	if len(msgs) == 0 {
		w.t.Fatalf("the bot wrote nothing to chat %d", chat)
	}
	return msgs[len(msgs)-1]
}

// expect fails unless the bot's latest message contains every part.
func (w *world) expect(chat int64, parts ...string) {
	w.t.Helper()
	m := w.last(chat)
	text := m.Text + "\n[" + strings.Join(labels(m), "] [") + "]"
	for _, p := range parts {
		if !strings.Contains(text, p) {
			w.t.Fatalf("%q missing from the bot's last message:\n%s\nchat:\n%s", p, text, transcript(w.srv.MessagesTo(chat)))
		}
	}
}
