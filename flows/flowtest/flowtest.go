// Package flowtest wires a whole bot (engine, flows, a store on a real
// Redis) to scripted chats, so a flow test reads as a conversation: send
// "/start", expect a prompt with these buttons, press one, expect the next.
package flowtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// Bot is a wired bot for tests.
type Bot struct {
	T       testing.TB
	Config  *config.Config
	Store   *store.Store
	Redis   redis.UniversalClient
	Engine  *bot.Engine
	Handler bot.Handler
	Out     *Recorder
	Clock   *Clock
	Set     flows.Set
	// Catalog holds the texts; a test describes a platform to it
	// (Describe) to read texts as that platform shows them.
	Catalog *bot.Catalog

	updates  atomic.Int64
	idPrefix string
}

// Option changes the bot before it is wired.
type Option func(*options)

type options struct {
	configure []func(*config.Config)
	deps      []func(*flows.Deps)
	rdb       redis.UniversalClient
	community string
	digest    flows.DigestSource
	hints     map[bot.Platform]bot.Hinter
}

// WithConfig changes the configuration.
func WithConfig(f func(*config.Config)) Option {
	return func(o *options) { o.configure = append(o.configure, f) }
}

// WithDeps changes what the flows get, such as Deps.OrganizerNotice.
func WithDeps(f func(*flows.Deps)) Option {
	return func(o *options) { o.deps = append(o.deps, f) }
}

// WithRedis uses a given client (for instance one that cannot connect).
func WithRedis(rdb redis.UniversalClient) Option { return func(o *options) { o.rdb = rdb } }

// WithCommunity uses a given community id, so a second bot shares the
// first one's data, as a restarted process would.
func WithCommunity(id string) Option { return func(o *options) { o.community = id } }

// WithDigestSource gives the organizers' digest flows their data.
func WithDigestSource(src flows.DigestSource) Option {
	return func(o *options) { o.digest = src }
}

// WithHints describes how platform p takes commands and buttons, as its
// adapter would.
func WithHints(p bot.Platform, h bot.Hinter) Option {
	return func(o *options) {
		if o.hints == nil {
			o.hints = map[bot.Platform]bot.Hinter{}
		}
		o.hints[p] = h
	}
}

// New wires a bot on the test Redis, in a fresh community unless told.
func New(t testing.TB, opts ...Option) *Bot {
	t.Helper()
	var o options
	for _, f := range opts {
		f(&o)
	}
	cfg := config.Default()
	cfg.Community.ID = o.community
	if cfg.Community.ID == "" {
		cfg.Community.ID = storetest.Community(t)
	}
	for _, f := range o.configure {
		f(cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rdb := o.rdb
	if rdb == nil {
		rdb = storetest.Client(t)
	}
	b := &Bot{T: t, idPrefix: randomHex(), Config: cfg, Redis: rdb, Out: &Recorder{}, Clock: NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, cfg.Location()))}
	b.Store = store.New(rdb, cfg.Community.ID, store.Options{ConversationTTL: cfg.Limits.ConversationTTL})
	cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
	if err != nil {
		t.Fatal(err)
	}
	for p, h := range o.hints {
		cat.Describe(p, h)
	}
	deps := flows.Deps{Config: cfg, Store: b.Store, Now: b.Clock.Now, Digest: o.digest, Catalog: cat}
	for _, f := range o.deps {
		f(&deps)
	}
	b.Catalog = cat
	b.Set = flows.Build(deps)
	b.Engine, err = bot.NewEngine(bot.EngineConfig{
		Store: b.Store, Out: b.Out, Catalog: cat,
		Flows: b.Set.Flows, Commands: b.Set.Commands, Actions: b.Set.Actions,
		Organizers: flows.NewOrganizers(cfg.Organizers, cfg.Console.Organizer),
		StartFlow:  flows.StartFlow, MaxInput: cfg.Limits.MessageMax, Now: b.Clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	b.Handler = b.Engine
	return b
}

// Chat opens a private chat with a person on a platform.
func (b *Bot) Chat(p bot.Platform, userID string) *Chat {
	return &Chat{
		b:    b,
		User: bot.User{Platform: p, ID: userID, Name: "user" + userID},
		Addr: bot.Address{Platform: p, Chat: userID},
	}
}

// NextUpdateID returns an update id no other bot in the test run uses.
func (b *Bot) NextUpdateID() string {
	return b.idPrefix + "-" + strconv.FormatInt(b.updates.Add(1), 10)
}

// Chat is one person's private chat with the bot.
type Chat struct {
	b    *Bot
	User bot.User
	Addr bot.Address
	// Replies are the messages the last update got in this chat.
	Replies []bot.Message
	// Err is what handling the last update returned.
	Err error
}

// Send writes text (a command or an answer) and returns the replies.
func (c *Chat) Send(text string) []bot.Message {
	return c.Deliver(bot.Update{ID: c.b.NextUpdateID(), Text: text})
}

// Deliver hands an update to the bot from this chat and returns the
// replies in this chat.
func (c *Chat) Deliver(u bot.Update) []bot.Message {
	c.b.T.Helper()
	u.Chat, u.User, u.Private = c.Addr, c.User, true
	before := len(c.b.Out.To(c.Addr))
	c.Err = c.b.Handler.Handle(context.Background(), u)
	c.Replies = c.b.Out.To(c.Addr)[before:]
	return c.Replies
}

// Press presses the button with label (or containing it) among the last
// replies; the test fails when there is none.
func (c *Chat) Press(label string) []bot.Message {
	c.b.T.Helper()
	btn, ok := c.Button(label)
	if !ok {
		c.b.T.Fatalf("no button %q in the last replies:\n%s", label, Dump(c.Replies))
	}
	return c.Deliver(bot.Update{ID: c.b.NextUpdateID(), Button: btn.Payload})
}

// Button finds a button in the last replies by its label, exactly or as a
// part.
func (c *Chat) Button(label string) (bot.Button, bool) {
	var partial *bot.Button
	for _, m := range c.Replies {
		for _, row := range m.Buttons {
			for i, b := range row {
				if b.Label == label {
					return b, true
				}
				if partial == nil && strings.Contains(b.Label, label) {
					partial = &row[i]
				}
			}
		}
	}
	if partial != nil {
		return *partial, true
	}
	return bot.Button{}, false
}

// Text is the plain text of the last replies.
func (c *Chat) Text() string { return Dump(c.Replies) }

// Expect fails the test unless the last replies contain every part.
func (c *Chat) Expect(parts ...string) {
	c.b.T.Helper()
	text := c.Text()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			c.b.T.Fatalf("expected %q in the replies:\n%s", p, text)
		}
	}
}

// Dump renders messages as text with their buttons, for failure messages
// and assertions.
func Dump(msgs []bot.Message) string {
	var sb strings.Builder
	for _, m := range msgs {
		sb.WriteString(m.Text.Plain())
		for _, row := range m.Buttons {
			sb.WriteString("\n")
			for _, b := range row {
				fmt.Fprintf(&sb, "[%s] ", b.Label)
			}
		}
		if m.File != nil {
			fmt.Fprintf(&sb, "\n(file %s)", m.File.Name)
		}
		sb.WriteString("\n---\n")
	}
	return sb.String()
}

// Recorder is a Sender that keeps every message.
type Recorder struct {
	mu   sync.Mutex
	msgs []bot.Message
	// Fail, when set, is returned by Send instead of recording.
	Fail error
}

// Send records m.
func (r *Recorder) Send(ctx context.Context, m bot.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.Fail != nil {
		return r.Fail
	}
	r.msgs = append(r.msgs, m)
	return nil
}

// All returns every recorded message.
func (r *Recorder) All() []bot.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Message(nil), r.msgs...)
}

// To returns the messages sent to a.
func (r *Recorder) To(a bot.Address) []bot.Message {
	var out []bot.Message
	for _, m := range r.All() {
		if m.To == a {
			out = append(out, m)
		}
	}
	return out
}

// Clock is a settable time source.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// randomHex prefixes a bot's update ids, so two bots on one community (as
// replicas are) never send the same id.
func randomHex() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
