package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// directOutbox is an outbox whose platform has direct chats ("dm-" and
// the user's id); sends to unreachable chats fail as a person who never
// started the bot does.
type directOutbox struct {
	outbox
	unreachable map[string]bool
}

func (o *directOutbox) Send(ctx context.Context, m bot.Message) error {
	if err := o.outbox.Send(ctx, m); err != nil {
		return err
	}
	if o.unreachable[m.To.Chat] {
		return bot.ErrUnreachable
	}
	return nil
}

func (o *directOutbox) DirectChat(_ context.Context, u bot.User) (bot.Address, error) {
	return bot.Address{Platform: u.Platform, Chat: "dm-" + u.ID}, nil
}

// personalEngine has a personal flow /mine and an ordinary one /hello.
func personalEngine(t *testing.T, out bot.Sender) *bot.Engine {
	t.Helper()
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	say := func(text string) map[bot.StepID]bot.Step {
		return map[bot.StepID]bot.Step{"s": {Prompt: func(*bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{Text: bot.PlainText(text)}, nil
		}}}
	}
	e, err := bot.NewEngine(bot.EngineConfig{
		Store: storetest.New(t), Out: out, Catalog: cat, StartFlow: "hello",
		Flows: []*bot.Flow{
			{Name: "hello", Start: "s", Steps: say("Hallo")},
			{Name: "mine", Start: "s", Personal: true, Steps: say("Deine Zusagen")},
		},
		Commands: []bot.Command{{Names: []string{"hello"}, Flow: "hello"}, {Names: []string{"mine"}, Flow: "mine"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func groupUpdate(user, text string) bot.Update {
	return bot.Update{
		ID:   "u-" + user + "-" + text,
		Chat: bot.Address{Platform: bot.Telegram, Chat: "group"}, Thread: "t1",
		User: bot.User{Platform: bot.Telegram, ID: user}, Text: text,
	}
}

func TestPersonalRepliesFromASharedChatGoToTheDirectChat(t *testing.T) {
	out := &directOutbox{unreachable: map[string]bool{"dm-bruno": true}}
	e := personalEngine(t, out)
	ctx := context.Background()

	if err := e.Handle(ctx, groupUpdate("anna", "/hello")); err != nil {
		t.Fatal(err)
	}
	if m := out.msgs[0]; m.To.Chat != "group" || m.For != "anna" || m.Text.Plain() != "Hallo" {
		t.Errorf("an ordinary answer went to %+v for %q: %q", m.To, m.For, m.Text.Plain())
	}

	if err := e.Handle(ctx, groupUpdate("anna", "/mine")); err != nil {
		t.Fatal(err)
	}
	got := out.msgs[1:]
	if len(got) != 2 || got[0].To.Chat != "dm-anna" || got[0].Thread != "" || got[0].Text.Plain() != "Deine Zusagen" {
		t.Fatalf("the personal answer: %+v", got)
	}
	if p := got[1]; p.To.Chat != "group" || p.Thread != "t1" || !strings.Contains(p.Text.Plain(), "Direktnachricht geschickt") {
		t.Errorf("the pointer: %+v %q", p.To, p.Text.Plain())
	}

	if err := e.Handle(ctx, groupUpdate("bruno", "/mine")); err != nil {
		t.Fatal(err)
	}
	if p := out.msgs[len(out.msgs)-1]; p.To.Chat != "group" || !strings.Contains(p.Text.Plain(), "zuerst privat /start") {
		t.Errorf("for someone the bot cannot write to, the group got %q", p.Text.Plain())
	}
}

// Without a direct chat on the platform, the personal answer is not
// given in the shared chat at all.
func TestPersonalRepliesAreNotGivenWhereNoDirectChatExists(t *testing.T) {
	out := &outbox{}
	e := personalEngine(t, out)
	if err := e.Handle(context.Background(), groupUpdate("anna", "/mine")); err != nil {
		t.Fatal(err)
	}
	if len(out.msgs) != 1 || strings.Contains(out.msgs[0].Text.Plain(), "Zusagen") || !strings.Contains(out.msgs[0].Text.Plain(), "privat") {
		t.Errorf("sent %d: %q", len(out.msgs), out.last())
	}
}
