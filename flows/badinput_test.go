package flows_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// stored returns the person's conversation state and profile as stored.
func stored(t *testing.T, b *flowtest.Bot, c *flowtest.Chat) string {
	t.Helper()
	ctx := context.Background()
	st, err := b.Store.Conversation(ctx, c.User)
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := json.Marshal(st)
	prof, _ := b.Redis.Get(ctx, b.Store.PersonKey(c.User, "profile")).Result()
	return string(conv) + "\n" + prof
}

func TestBadInputIsAnsweredAndChangesNothing(t *testing.T) {
	atDistrict := func(c *flowtest.Chat) {
		c.Send("/start")
		c.Press("Einverstanden")
	}
	tests := []struct {
		name  string
		setup func(c *flowtest.Chat)
		input func(c *flowtest.Chat)
		want  []string
	}{
		{"unknown command", atDistrict, func(c *flowtest.Chat) { c.Send("/fliegen") },
			[]string{"Den Befehl /fliegen kenne ich nicht", "/hilfe"}},
		{"free text where a button is expected", atDistrict, func(c *flowtest.Chat) { c.Send("irgendwo am Harz") },
			[]string{"Bitte wähle eine der Antworten", "In welchem Ortsteil", "[Badeborn]"}},
		{"a number that is no button", atDistrict, func(c *flowtest.Chat) { c.Send("42") },
			[]string{"Bitte wähle eine der Antworten", "In welchem Ortsteil"}},
		{"too long", atDistrict, func(c *flowtest.Chat) { c.Send(strings.Repeat("ä", 1001)) },
			[]string{"Das ist zu lang (1001 Zeichen). Bitte höchstens 1000 Zeichen.", "In welchem Ortsteil"}},
		{"empty", atDistrict, func(c *flowtest.Chat) { c.Send("   ") },
			[]string{"Die Nachricht war leer", "In welchem Ortsteil"}},
		{"button of an old message", atDistrict, func(c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: "old-" + c.User.ID, Button: "s1:yes"})
		}, []string{"Diese Auswahl ist nicht mehr aktuell"}},
		{"button of a finished flow", func(c *flowtest.Chat) {
			onboard(nil, c)
			c.Send("/loeschen")
			c.Press("Nein, behalten")
		}, func(c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: "fin-" + c.User.ID, Button: "s9:yes"})
		}, []string{"Diese Auswahl ist nicht mehr aktuell"}},
		{"unknown action button", atDistrict, func(c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: "act-" + c.User.ID, Button: "a:nosuch:1"})
		}, []string{"Diese Auswahl ist nicht mehr aktuell"}},
		{"a sticker", atDistrict, func(c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: "st-" + c.User.ID, Unsupported: true})
		}, []string{"kann ich leider nicht lesen", "In welchem Ortsteil"}},
		{"help in the middle of a flow answers and the flow waits", atDistrict, func(c *flowtest.Chat) { c.Send("/hilfe") },
			[]string{"Das kannst du tun", "In welchem Ortsteil", "[Badeborn]"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := flowtest.New(t)
			c := b.Chat(bot.Telegram, "30"+string(rune('a'+i)))
			tt.setup(c)
			before := stored(t, b, c)
			tt.input(c)
			c.Expect(tt.want...)
			if c.Err != nil {
				t.Fatalf("handling returned %v", c.Err)
			}
			if after := stored(t, b, c); after != before {
				t.Fatalf("state changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func TestAfterBadInputTheFlowGoesOn(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "3100")
	c.Send("/start")
	c.Press("Einverstanden")
	c.Send("irgendwo")
	c.Send("Badeborn") // the label, typed
	c.Expect("Danke, das war's schon!", "[Themen wählen]")
	c.Send("1") // the number of a button, typed
	c.Expect("Welche Themen")
	c.Send("2")
	c.Expect("[✓ Jugend]")
}

func TestAnotherCommandReplacesTheOpenFlow(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "3101")
	onboard(t, c)
	c.Send("/profil")
	old := c.Replies
	c.Send("/loeschen")
	c.Expect("Soll ich alles löschen")
	c.Replies = old
	c.Press("Ortsteil") // a button of the replaced flow
	c.Expect("Diese Auswahl ist nicht mehr aktuell")
	c.Send("/abbrechen")
	c.Expect("Abgebrochen")
	c.Send("Ja, alles löschen")
	c.Expect("nicht verstanden")
}

func TestRedisUnreachableGivesATechnicalProblemNotice(t *testing.T) {
	dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	t.Cleanup(func() { _ = dead.Close() })
	b := flowtest.New(t, flowtest.WithRedis(dead))
	c := b.Chat(bot.Telegram, "3200")
	c.Send("/start")
	c.Expect("technisches Problem", "noch einmal")
	if c.Err == nil {
		t.Fatal("handling succeeded without Redis: the platform would confirm the update")
	}
}

// failingCommit is a store whose writes fail, as when Redis goes away
// between reading and writing.
type failingCommit struct{ bot.ConvStore }

func (failingCommit) Commit(context.Context, bot.User, string, bot.Change) error {
	return errors.New("connection reset")
}

func TestFailedCommitWritesNothingAndSaysSo(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "3201")
	c.Send("/start")
	before := stored(t, b, c)
	// The same engine configuration over a store whose commit fails.
	eng, err := bot.NewEngine(bot.EngineConfig{
		Store: failingCommit{b.Store}, Out: b.Out, Catalog: mustCatalog(t),
		Flows: b.Set.Flows, Commands: b.Set.Commands, Actions: b.Set.Actions,
		StartFlow: "start", Now: b.Clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	b.Handler = eng
	c.Press("Einverstanden")
	c.Expect("technisches Problem")
	if strings.Contains(c.Text(), "Ortsteil") {
		t.Fatal("the next question was sent although nothing was stored")
	}
	if after := stored(t, b, c); after != before {
		t.Fatalf("state changed:\nbefore %s\nafter  %s", before, after)
	}
}

func TestARedeliveredUpdateIsHandledOnce(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "3300")
	u := bot.Update{ID: "dup-1", Text: "/start"}
	c.Deliver(u)
	c.Expect("Bist du einverstanden?")
	c.Deliver(u)
	if len(c.Replies) != 0 {
		t.Fatalf("redelivered update answered again: %s", c.Text())
	}
}

func TestRepliesNotSentAreSentOnRedelivery(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "3301")
	b.Out.Fail = errors.New("network down")
	u := bot.Update{ID: "lost-1", Text: "/start"}
	c.Deliver(u)
	if c.Err == nil {
		t.Fatal("a failed send was reported as handled")
	}
	b.Out.Fail = nil
	c.Deliver(u)
	c.Expect("Bist du einverstanden?")
	c.Press("Einverstanden")
	c.Expect("In welchem Ortsteil")
}
