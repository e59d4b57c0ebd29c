package bot_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// outbox records every message the engine tries to send; the first fail
// of them fail.
type outbox struct {
	mu   sync.Mutex
	msgs []bot.Message
	fail int
}

func (o *outbox) Send(_ context.Context, m bot.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, m)
	if len(o.msgs) <= o.fail {
		return fmt.Errorf("platform away")
	}
	return nil
}

func (o *outbox) last() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.msgs) == 0 {
		return ""
	}
	return o.msgs[len(o.msgs)-1].Text.Plain()
}

func (o *outbox) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.msgs)
}

// helloEngine is an engine with two flows: /hello says "Hallo", /boom
// has a bug.
func helloEngine(t *testing.T, out bot.Sender, st ...*store.Store) *bot.Engine {
	t.Helper()
	if len(st) == 0 {
		st = append(st, storetest.New(t))
	}
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	say := func(text string) func(c *bot.Conv) (bot.Prompt, error) {
		return func(c *bot.Conv) (bot.Prompt, error) { return bot.Prompt{Text: bot.PlainText(text)}, nil }
	}
	e, err := bot.NewEngine(bot.EngineConfig{
		Store: st[0], Out: out, Catalog: cat, StartFlow: "hello",
		Flows: []*bot.Flow{
			{Name: "hello", Start: "s", Steps: map[bot.StepID]bot.Step{"s": {Prompt: say("Hallo")}}},
			{Name: "boom", Start: "s", Steps: map[bot.StepID]bot.Step{"s": {Prompt: func(*bot.Conv) (bot.Prompt, error) {
				panic("a bug in a flow")
			}}}},
		},
		Commands: []bot.Command{{Names: []string{"hello"}, Flow: "hello"}, {Names: []string{"boom"}, Flow: "boom"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A flow with a bug must not leave the person in silence nor their
// conversation locked.
func TestAPanickingFlowIsAnsweredAsATechnicalProblem(t *testing.T) {
	out := &outbox{}
	e := helloEngine(t, out)
	chat := bot.Address{Platform: bot.Telegram, Chat: "1"}
	user := bot.User{Platform: bot.Telegram, ID: "1"}
	err := e.Handle(context.Background(), bot.Update{ID: "u1", Chat: chat, User: user, Private: true, Text: "/boom"})
	var pe *bot.PanicError
	if !errors.As(err, &pe) || pe.Update != "u1" || len(pe.Stack) == 0 {
		t.Fatalf("err = %v, want the panic of u1 with its stack, so the adapter confirms it", err)
	}
	if got := out.last(); !strings.Contains(got, "technisches Problem") {
		t.Fatalf("the person was told %q", got)
	}
	// Delivered again (a reconnect's catch-up, a webhook's retry), it is
	// known as handled: no second panic, no second notice.
	sent := out.count()
	if err := e.Handle(context.Background(), bot.Update{ID: "u1", Chat: chat, User: user, Private: true, Text: "/boom"}); err != nil {
		t.Fatalf("the redelivered update: %v", err)
	}
	if n := out.count() - sent; n != 0 {
		t.Fatalf("the redelivered update sent %d more messages: %q", n, out.last())
	}
	// The lock is free: the next update is handled at once.
	if err := e.Handle(context.Background(), bot.Update{ID: "u2", Chat: chat, User: user, Private: true, Text: "/hello"}); err != nil {
		t.Fatal(err)
	}
	if got := out.last(); got != "Hallo" {
		t.Fatalf("next answer %q", got)
	}
}

// Someone who chose English in the conversation, before any profile
// keeps it, hears of a technical problem in English too.
func TestATechnicalProblemIsToldInTheConversationsLanguage(t *testing.T) {
	out := &outbox{}
	st := storetest.New(t)
	e := helloEngine(t, out, st)
	chat := bot.Address{Platform: bot.Telegram, Chat: "6"}
	user := bot.User{Platform: bot.Telegram, ID: "6", Lang: "de"}
	ctx := context.Background()
	if err := st.Commit(ctx, user, "chose", bot.Change{State: &bot.State{Lang: "en"}}); err != nil {
		t.Fatal(err)
	}
	if err := e.Handle(ctx, bot.Update{ID: "t1", Chat: chat, User: user, Private: true, Text: "/boom"}); err == nil {
		t.Fatal("a panicking flow reported no error")
	}
	if got := out.last(); !strings.Contains(got, "technical problem") {
		t.Fatalf("the person was told %q", got)
	}
}

// A platform's acknowledgement (Telegram: the answer to a pressed button)
// goes out once, when the update's effects are stored: not again for a
// redelivered update, and not for one that failed, which comes again.
func TestAnUpdateIsAcknowledgedOnce(t *testing.T) {
	out := &outbox{}
	e := helloEngine(t, out)
	chat := bot.Address{Platform: bot.Telegram, Chat: "2"}
	user := bot.User{Platform: bot.Telegram, ID: "2"}
	var acks sync.Map // update id → times acknowledged
	update := func(id, text string) bot.Update {
		return bot.Update{ID: id, Chat: chat, User: user, Private: true, Text: text, Ack: func(context.Context, bot.PressOutcome) {
			n, _ := acks.LoadOrStore(id, new(int))
			*n.(*int)++
		}}
	}
	times := func(id string) int {
		n, ok := acks.Load(id)
		if !ok {
			return 0
		}
		return *n.(*int)
	}
	ctx := context.Background()
	for range 2 {
		if err := e.Handle(ctx, update("u1", "/hello")); err != nil {
			t.Fatal(err)
		}
	}
	if n := times("u1"); n != 1 {
		t.Errorf("a redelivered update was acknowledged %d times, want once", n)
	}
	if len(out.msgs) != 1 {
		t.Errorf("%d replies to one update delivered twice", len(out.msgs))
	}
	if err := e.Handle(ctx, update("u2", "/boom")); err == nil {
		t.Fatal("a panicking flow reported no error")
	}
	if n := times("u2"); n != 0 {
		t.Errorf("an update that failed was acknowledged %d times; it comes again", n)
	}
}

// A bug in an acknowledgement is logged; the update's replies still go
// out and the process lives on.
func TestAPanickingAcknowledgementIsContained(t *testing.T) {
	out := &outbox{}
	e := helloEngine(t, out)
	u := bot.Update{ID: "p1", Chat: bot.Address{Platform: bot.Telegram, Chat: "3"}, User: bot.User{Platform: bot.Telegram, ID: "3"},
		Private: true, Text: "/hello", Ack: func(context.Context, bot.PressOutcome) { panic("a bug in an adapter") }}
	if err := e.Handle(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if got := out.last(); got != "Hallo" {
		t.Errorf("the reply was %q, want Hallo", got)
	}
}

// Each handled update is logged on one line with what operators need, and
// never with what the person wrote.
func TestEachUpdateIsLoggedWithoutItsText(t *testing.T) {
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	ask := bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) { return bot.Prompt{Text: bot.PlainText("Was denkst du?")}, nil },
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) { return c.State.Step, nil },
	}
	e, err := bot.NewEngine(bot.EngineConfig{
		Store: storetest.New(t), Out: &outbox{}, Catalog: cat, StartFlow: "ask", Log: log,
		Flows:    []*bot.Flow{{Name: "ask", Start: "q", Steps: map[bot.StepID]bot.Step{"q": ask}}},
		Commands: []bot.Command{{Names: []string{"ask"}, Flow: "ask"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	chat := bot.Address{Platform: bot.Telegram, Chat: "42"}
	user := bot.User{Platform: bot.Telegram, ID: "42"}
	for i, text := range []string{"/ask", "Mein geheimer Gedanke"} {
		if err := e.Handle(context.Background(), bot.Update{ID: fmt.Sprint("l", i), Chat: chat, User: user, Private: true, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	got := logs.String()
	mu.Unlock()
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per update, got:\n%s", got)
	}
	for _, want := range []string{"msg=update", "platform=telegram", "chat=42", "flow=ask", "step=q", "outcome=ok", "latency="} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("log line lacks %q: %s", want, lines[1])
		}
	}
	if strings.Contains(got, "geheimer") || strings.Contains(got, "/ask") {
		t.Fatalf("a message text was logged:\n%s", got)
	}
}

type lockedWriter struct {
	w  *strings.Builder
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// stalled fails every send once its context ends, as a send cut off by a
// shutdown does; arrived is closed when the first send begins.
type stalled struct {
	arrived chan struct{}
	once    sync.Once
}

func (s *stalled) Send(ctx context.Context, _ bot.Message) error {
	s.once.Do(func() { close(s.arrived) })
	<-ctx.Done()
	return ctx.Err()
}

// An update cut off by a shutdown releases the person's lock all the
// same, so its redelivery to another process need not wait for it.
func TestAnUpdateCutOffStillReleasesTheLock(t *testing.T) {
	st := storetest.New(t)
	out := &stalled{arrived: make(chan struct{})}
	e := helloEngine(t, out, st)
	user := bot.User{Platform: bot.Telegram, ID: "1"}
	u := bot.Update{ID: "u1", Chat: bot.Address{Platform: bot.Telegram, Chat: "1"}, User: user, Private: true, Text: "/hello"}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-out.arrived // the update is stored, its lock held, its reply going out
		cancel()
	}()
	if err := e.Handle(ctx, u); err == nil {
		t.Fatal("an update whose reply was cut off counts as handled")
	}
	if _, err := st.Load(context.Background(), user, "u1"); err != nil {
		t.Fatalf("its redelivery: %v", err)
	}
}

// A reply carries the same key on every delivery of its update, and a
// key no other reply has: a platform that knows the key shows a reply
// sent again once.
func TestARepliesKeyStaysAcrossDeliveries(t *testing.T) {
	out := &outbox{fail: 1}
	e := helloEngine(t, out)
	chat := bot.Address{Platform: bot.Telegram, Chat: "5"}
	user := bot.User{Platform: bot.Telegram, ID: "5"}
	hello := func(id string) error {
		return e.Handle(context.Background(), bot.Update{ID: id, Chat: chat, User: user, Private: true, Text: "/hello"})
	}
	if err := hello("k1"); err == nil {
		t.Fatal("a failed send was not reported")
	}
	if err := hello("k1"); err != nil { // the platform delivers it again
		t.Fatal(err)
	}
	if err := hello("k2"); err != nil {
		t.Fatal(err)
	}
	if len(out.msgs) != 3 {
		t.Fatalf("%d sends, want 3", len(out.msgs))
	}
	first, again, next := out.msgs[0].Key, out.msgs[1].Key, out.msgs[2].Key
	if first == "" || first != again {
		t.Errorf("keys of one reply on two deliveries: %q, %q", first, again)
	}
	if next == first {
		t.Errorf("the next update's reply has the same key %q", next)
	}
}
