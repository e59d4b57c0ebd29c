package mattermost_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost"
	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// waitLimit only guards against a hanging test; nothing is timed.
const waitLimit = 20 * time.Second

// harness is the whole bot on the test Redis, connected through the
// adapter to a fake Mattermost server, with the bot's own HTTP server for
// button and slash command callbacks.
type harness struct {
	t      *testing.T
	srv    *mattermosttest.Server
	ad     *mattermost.Adapter
	cfg    *config.Config
	store  *store.Store
	clock  *flowtest.Clock
	http   *httptest.Server
	sleeps *sleeps
	mux    *http.ServeMux
	o      harnessOptions
	main   *proc
}

type harnessOptions struct {
	actions bool
	flows   []*bot.Flow
	cmds    []bot.Command
	server  []mattermosttest.Option
	langs   []string
}

type option func(*harnessOptions)

// withButtons configures an actions URL: choices become interactive buttons.
func withButtons() option { return func(o *harnessOptions) { o.actions = true } }

// withServer configures the fake server.
func withServer(opts ...mattermosttest.Option) option {
	return func(o *harnessOptions) { o.server = append(o.server, opts...) }
}

// withLanguages sets the community's languages, the first its default.
func withLanguages(langs ...string) option {
	return func(o *harnessOptions) { o.langs = langs }
}

// withFlow adds a flow and its command to the engine.
func withFlow(f *bot.Flow, c bot.Command) option {
	return func(o *harnessOptions) { o.flows, o.cmds = append(o.flows, f), append(o.cmds, c) }
}

func newHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	var o harnessOptions
	for _, f := range opts {
		f(&o)
	}
	h := &harness{t: t, sleeps: &sleeps{}}
	h.srv = mattermosttest.New(o.server...)
	t.Cleanup(func() {
		h.srv.Close()
		for _, v := range h.srv.Violations() {
			t.Errorf("fake server: %s", v)
		}
	})
	cfg := config.Default()
	cfg.Community.ID = storetest.Community(t)
	if o.langs != nil {
		cfg.Community.Languages = o.langs
	}
	cfg.Mattermost = config.Mattermost{
		URL: h.srv.URL(), Token: h.srv.Token(),
		Team: mattermosttest.TeamName, OrganizerChannel: mattermosttest.OrgaName,
	}
	h.mux = http.NewServeMux()
	h.http = httptest.NewServer(h.mux)
	t.Cleanup(h.http.Close)
	if o.actions {
		cfg.Mattermost.ActionsURL = h.http.URL
		cfg.Mattermost.ActionsSecret = "test-secret-" + cfg.Community.ID
		cfg.HTTP.Addr = strings.TrimPrefix(h.http.URL, "http://") // the test's server plays the bot's
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	h.cfg = cfg
	h.clock = flowtest.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, cfg.Location()))
	h.store = store.New(storetest.Client(t), cfg.Community.ID, store.Options{ConversationTTL: cfg.Limits.ConversationTTL})

	h.o = o
	p := h.process(0)
	h.ad, h.main = p.ad, p
	p.ad.Register(h.mux)
	select {
	case <-p.ad.Ready():
	case err := <-p.done:
		t.Fatalf("Run ended before it was ready: %v", err)
	case <-time.After(waitLimit):
		t.Fatal("adapter not ready")
	}
	return h
}

// proc is one bot process: adapter, engine and router, running.
type proc struct {
	ad   *mattermost.Adapter
	stop func() // ends Run and waits for it; more calls do nothing
	done chan error
}

// process starts another bot process on the harness's server and Redis,
// with a consumer lease of leaseTTL (the default when 0). It does not wait
// for the process to be ready.
func (h *harness) process(leaseTTL time.Duration) *proc {
	return h.start(h.cfg.Mattermost.URL, h.store, leaseTTL)
}

// start starts a bot process that reaches the Mattermost server at url
// and keeps its data in st.
func (h *harness) start(url string, st *store.Store, leaseTTL time.Duration) *proc {
	t, cfg := h.t, h.cfg
	ctx, cancel := context.WithCancel(context.Background())
	cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	ad, err := mattermost.New(ctx, mattermost.Config{
		URL: url, Token: cfg.Mattermost.Token,
		Team: cfg.Mattermost.Team, OrganizerChannel: cfg.Mattermost.OrganizerChannel,
		ActionsURL: cfg.Mattermost.ActionsURL, ActionsSecret: cfg.Mattermost.ActionsSecret,
		Store: st, Lang: cfg.Community.Languages[0], Languages: cat,
		Now: h.clock.Now, Sleep: h.sleeps.sleep, LeaseTTL: leaseTTL,
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	cat.Describe(bot.Mattermost, ad) // as app.Connect does: hints as Mattermost takes them
	set := flows.Build(flows.Deps{Config: cfg, Store: st, Now: h.clock.Now})
	engine, err := bot.NewEngine(bot.EngineConfig{
		Store: st, Out: ad, Catalog: cat,
		Flows: append(set.Flows, h.o.flows...), Commands: append(set.Commands, h.o.cmds...), Actions: set.Actions,
		Organizers: flows.NewOrganizers(cfg.Organizers, false, ad),
		StartFlow:  flows.StartFlow, MaxInput: cfg.Limits.MessageMax, Now: h.clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	router := bot.NewRouter(engine)
	p := &proc{ad: ad, done: make(chan error, 1)}
	go func() { p.done <- ad.Run(ctx, router) }()
	var once sync.Once
	p.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-p.done; err != nil {
				t.Errorf("Run: %v", err)
			}
			router.Close()
		})
	}
	t.Cleanup(p.stop)
	return p
}

// user adds a person to the team and opens their direct channel with the
// bot.
func (h *harness) user(name string) (*model.User, *model.Channel) {
	u := h.srv.AddUser(name)
	return u, h.srv.DirectChannel(u, h.srv.Bot())
}

// post writes as user in a channel.
func (h *harness) post(user *model.User, channelID, text string, opts mattermosttest.PostOptions) *model.Post {
	h.t.Helper()
	p, err := h.srv.UserPost(context.Background(), user, channelID, text, opts)
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// say writes in a channel and waits for the bot's next post there.
func (h *harness) say(user *model.User, channelID, text string) *model.Post {
	h.t.Helper()
	before := len(h.srv.PostsIn(channelID))
	h.post(user, channelID, text, mattermosttest.PostOptions{})
	return h.waitNth(channelID, before)
}

// waitNth waits until the bot has more than n posts in a channel and
// returns post number n (from 0).
func (h *harness) waitNth(channelID string, n int) *model.Post {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if _, err := h.srv.WaitPost(ctx, channelID, func(*model.Post) bool { return len(h.srv.PostsIn(channelID)) > n }); err != nil {
		h.t.Fatalf("no bot post number %d in channel %s (have %d): %v", n+1, channelID, len(h.srv.PostsIn(channelID)), err)
	}
	return h.srv.PostsIn(channelID)[n]
}

// waitFor waits until a bot post in the channel contains text.
func (h *harness) waitFor(channelID, text string) *model.Post {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	p, err := h.srv.WaitPost(ctx, channelID, func(p *model.Post) bool { return strings.Contains(p.Message, text) })
	if err != nil {
		h.t.Fatalf("no bot post with %q in channel %s:\n%s", text, channelID, messages(h.srv.PostsIn(channelID)))
	}
	return p
}

// messages lists posts for failure output.
func messages(posts []*model.Post) string {
	var sb strings.Builder
	for _, p := range posts {
		sb.WriteString(p.Message + "\n---\n")
	}
	return sb.String()
}

// sleeps records the waits the adapter asks for and waits only briefly.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return backoff.Sleep(ctx, min(d, 5*time.Millisecond))
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}
