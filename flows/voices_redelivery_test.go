package flows_test

import (
	"context"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// failingThenWorking handles an update once with a store whose commit
// fails (the feature's writes happen, the conversation is not committed),
// then delivers it again to the working bot, as a platform would.
func failingThenWorking(t *testing.T, b *flowtest.Bot, c *flowtest.Chat, payload string) {
	t.Helper()
	failing, err := bot.NewEngine(bot.EngineConfig{
		Store: failingCommit{b.Store}, Out: b.Out, Catalog: mustCatalog(t),
		Flows: b.Set.Flows, Commands: b.Set.Commands, Actions: b.Set.Actions,
		Organizers: flows.NewOrganizers(b.Config.Organizers, false),
		StartFlow:  flows.StartFlow, Now: b.Clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	u := bot.Update{ID: b.NextUpdateID(), Button: payload}
	working := b.Handler
	b.Handler = failing
	c.Deliver(u)
	c.Expect("technisches Problem")
	b.Handler = working
	c.Deliver(u)
}

func TestRedeliveredVoicesAreStoredOnce(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001"))
	c := b.Chat(bot.Telegram, "8801")
	onboard(t, c)
	c.Send("/meinung")
	c.Press("Jugend")
	c.Press("Badeborn")
	c.Send("Eine Meinung, die zweimal ankommt.")
	c.Press("Überspringen")
	send, _ := c.Button("Absenden")
	failingThenWorking(t, b, c, send.Payload)
	c.Expect("Danke!")
	ctx := context.Background()
	ops, err := b.Store.OpinionsBy(ctx, profile(t, b, c).Ref)
	if err != nil || len(ops) != 1 {
		t.Fatalf("opinions after a redelivered send: %d (%v), want 1", len(ops), err)
	}

	org := b.Chat(bot.Telegram, "9001")
	received(t, b, org)
	approve, _ := org.Button("Freigeben")
	failingThenWorking(t, b, org, approve.Payload)
	org.Expect("Freigegeben")

	voter := b.Chat(bot.Telegram, "8802")
	onboard(t, voter)
	voter.Send("/stimmen")
	agree, _ := voter.Button("Stimme zu")
	failingThenWorking(t, b, voter, agree.Payload)
	if votes := allVotes(t, b); len(votes) != 1 {
		t.Fatalf("votes after a redelivered vote: %d, want 1", len(votes))
	}
	ops, _ = b.Store.ApprovedOpinions(ctx)
	if len(ops) != 1 || ops[0].Agree != 1 {
		t.Fatalf("tally after a redelivered vote: %+v", ops)
	}
}
