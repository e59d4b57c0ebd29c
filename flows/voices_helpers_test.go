package flows_test

import (
	"context"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// withOrganizers makes the Telegram users with these ids organizers.
func withOrganizers(ids ...string) flowtest.Option {
	return flowtest.WithConfig(func(c *config.Config) { c.Organizers.Telegram = ids })
}

// writeOpinion walks a chat through /meinung up to the sending, keeping
// the preset district and skipping the next step.
func writeOpinion(t *testing.T, c *flowtest.Chat, theme, text string) {
	t.Helper()
	c.Send("/meinung")
	c.Expect("Zu welchem Thema")
	c.Press(theme)
	c.Expect("Um welchen Ortsteil", "[✓ Badeborn]")
	c.Press("Badeborn")
	c.Expect("Schreib deine Meinung", "10 bis 500 Zeichen")
	c.Send(text)
	c.Expect("nächster, realistischer Schritt", "[Überspringen]")
	c.Press("Überspringen")
	c.Expect("So sieht deine Meinung aus", text, "[Absenden]")
	c.Press("Absenden")
}

// received makes the last message sent to c (a notice from someone
// else's update) the replies to press buttons in.
func received(t *testing.T, b *flowtest.Bot, c *flowtest.Chat) {
	t.Helper()
	all := b.Out.To(c.Addr)
	if len(all) == 0 {
		t.Fatalf("nothing was sent to %s", c.Addr.Chat)
	}
	c.Replies = all[len(all)-1:]
}

// profile returns a chat's stored profile.
func profile(t *testing.T, b *flowtest.Bot, c *flowtest.Chat) *bot.Profile {
	t.Helper()
	p, err := b.Store.Profile(context.Background(), c.User)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// allVotes reads every vote as the digest would.
func allVotes(t *testing.T, b *flowtest.Bot) []store.Vote {
	t.Helper()
	var out []store.Vote
	if err := b.Store.EachVote(context.Background(), func(v store.Vote) error {
		out = append(out, v)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
