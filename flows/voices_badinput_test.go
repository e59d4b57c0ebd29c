package flows_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// voicesState dumps every community key of the voices with its value, to
// prove that bad input changed nothing.
func voicesState(t *testing.T, b *flowtest.Bot) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	it := b.Redis.Scan(ctx, 0, b.Store.Key("*"), 1000).Iterator()
	for it.Next(ctx) {
		k := it.Val()
		var v any
		switch b.Redis.Type(ctx, k).Val() {
		case "hash":
			v = b.Redis.HGetAll(ctx, k).Val()
		case "set":
			m := b.Redis.SMembers(ctx, k).Val()
			slices.Sort(m)
			v = m
		case "zset":
			v = b.Redis.ZRangeWithScores(ctx, k, 0, -1).Val()
		default:
			v = b.Redis.Get(ctx, k).Val()
		}
		lines = append(lines, fmt.Sprintf("%s %v", k, v))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func TestBadVoicesInputIsAnsweredAndChangesNothing(t *testing.T) {
	atText := func(b *flowtest.Bot, c *flowtest.Chat) {
		c.Send("/meinung")
		c.Press("Jugend")
		c.Press("Badeborn")
	}
	withStatement := func(b *flowtest.Bot, c *flowtest.Chat) {
		statement(t, b, "other", "jugend", "Eine Aussage zum Abstimmen", 0)
		c.Send("/stimmen")
	}
	tests := []struct {
		name  string
		setup func(b *flowtest.Bot, c *flowtest.Chat)
		input func(b *flowtest.Bot, c *flowtest.Chat)
		want  []string
	}{
		{"opinion too short", atText, func(b *flowtest.Bot, c *flowtest.Chat) { c.Send("Zu kurz") },
			[]string{"Das ist zu kurz (7 Zeichen). Bitte mindestens 10 Zeichen.", "Schreib deine Meinung"}},
		{"opinion too long", atText, func(b *flowtest.Bot, c *flowtest.Chat) { c.Send(strings.Repeat("a", 501)) },
			[]string{"Das ist zu lang (501 Zeichen). Bitte höchstens 500 Zeichen.", "Schreib deine Meinung"}},
		{"opinion longer than any message", atText, func(b *flowtest.Bot, c *flowtest.Chat) { c.Send(strings.Repeat("a", 1001)) },
			[]string{"Das ist zu lang (1001 Zeichen)", "Schreib deine Meinung"}},
		{"a button where the opinion is asked", atText, func(b *flowtest.Bot, c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: b.NextUpdateID(), Button: "s1:jugend"})
		}, []string{"nicht mehr aktuell"}},
		{"free text where a theme is asked", func(b *flowtest.Bot, c *flowtest.Chat) { c.Send("/meinung") },
			func(b *flowtest.Bot, c *flowtest.Chat) { c.Send("Über den Bus") },
			[]string{"Bitte wähle eine der Antworten", "Zu welchem Thema"}},
		{"no category picked", func(b *flowtest.Bot, c *flowtest.Chat) { c.Send("/mitmachen") },
			func(b *flowtest.Bot, c *flowtest.Chat) { c.Press("Fertig") },
			[]string{"Bitte wähle mindestens eins aus", "Wobei kannst du helfen?"}},
		{"vote button of an answered statement", func(b *flowtest.Bot, c *flowtest.Chat) {
			statement(t, b, "other", "jugend", "Noch eine Aussage", 5)
			withStatement(b, c)
			card := c.Replies
			c.Press("Stimme zu")
			c.Replies = card
		}, func(b *flowtest.Bot, c *flowtest.Chat) { c.Press("Sehe ich anders") },
			[]string{"Diese Auswahl ist nicht mehr aktuell"}},
		{"vote button after the round ended", func(b *flowtest.Bot, c *flowtest.Chat) {
			withStatement(b, c)
			card := c.Replies
			c.Press("Fertig")
			c.Replies = card
		}, func(b *flowtest.Bot, c *flowtest.Chat) { c.Press("Stimme zu") },
			[]string{"Diese Auswahl ist nicht mehr aktuell"}},
		{"moderation button pressed by a resident", nil, func(b *flowtest.Bot, c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: b.NextUpdateID(), Button: bot.ActionPayload("mod", "0123456789abcdef:y")})
		}, []string{"Das dürfen nur Organisator:innen"}},
		{"help button with a broken payload", nil, func(b *flowtest.Bot, c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: b.NextUpdateID(), Button: bot.ActionPayload("help", "x")})
		}, []string{"Diese Auswahl ist nicht mehr aktuell"}},
		{"help button of a need one was not asked for", func(b *flowtest.Bot, c *flowtest.Chat) {
			if _, err := b.Store.AddNeed(context.Background(), store.Need{ID: "need1", Ref: "someone", Title: "Regal", Created: b.Clock.Now()}, nil); err != nil {
				t.Fatal(err)
			}
		}, func(b *flowtest.Bot, c *flowtest.Chat) {
			c.Deliver(bot.Update{ID: b.NextUpdateID(), Button: bot.ActionPayload("help", "need1:y")})
		}, []string{"Diese Auswahl ist nicht mehr aktuell"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := flowtest.New(t)
			c := b.Chat(bot.Telegram, fmt.Sprintf("85%02d", i))
			onboard(t, c)
			if tt.setup != nil {
				tt.setup(b, c)
			}
			before, conv := voicesState(t, b), stored(t, b, c)
			tt.input(b, c)
			c.Expect(tt.want...)
			if text := c.Text(); strings.Contains(text, "höchstens 1000") {
				t.Errorf("the bot's own limit contradicts the question's:\n%s", text)
			}
			if c.Err != nil {
				t.Fatalf("handling returned %v", c.Err)
			}
			if after := voicesState(t, b); after != before {
				t.Fatalf("voices changed:\nbefore %s\nafter  %s", before, after)
			}
			if strings.Contains(tt.name, "button") {
				if after := stored(t, b, c); after != conv {
					t.Fatalf("conversation changed:\nbefore %s\nafter  %s", conv, after)
				}
			}
		})
	}
}

func TestModerationMistakesChangeNothing(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001", "9002"))
	author := b.Chat(bot.Telegram, "8601")
	onboard(t, author)
	writeOpinion(t, author, "Jugend", "Eine Meinung für die Moderation.")
	org, org2 := b.Chat(bot.Telegram, "9001"), b.Chat(bot.Telegram, "9002")
	received(t, b, org)
	received(t, b, org2)
	org.Press("Ablehnen")
	org.Expect("Abgelehnt")

	tests := []struct {
		name  string
		input func()
		chat  *flowtest.Chat
		want  string
	}{
		{"a second organizer decides again", func() { org2.Press("Freigeben") }, org2, "Darüber wurde schon entschieden: abgelehnt. Ich habe nichts geändert."},
		{"the same organizer changes their mind", func() { org.Replies = b.Out.To(org.Addr); org.Press("Freigeben") }, org, "schon entschieden"},
		{"an opinion that never was", func() {
			org.Deliver(bot.Update{ID: b.NextUpdateID(), Button: bot.ActionPayload("mod", "0123456789abcdef:y")})
		}, org, "Diese Meinung gibt es nicht mehr"},
		{"a broken moderation payload", func() {
			org.Deliver(bot.Update{ID: b.NextUpdateID(), Button: bot.ActionPayload("mod", "nonsense")})
		}, org, "nicht mehr aktuell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := voicesState(t, b)
			tt.input()
			tt.chat.Expect(tt.want)
			if after := voicesState(t, b); after != before {
				t.Fatalf("voices changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func TestTextsWithContactDetailsAreHeldBack(t *testing.T) {
	tests := []struct {
		name, text, author, organizer string
	}{
		{"phone", "Ruft mich an unter 0171 2345678, dann reden wir.", "eine Telefonnummer", "Darin steht wohl eine Telefonnummer"},
		{"e-mail", "Schreibt mir an anna.berg@example.org, ich helfe gern.", "eine E-Mail-Adresse", "Darin steht wohl eine E-Mail-Adresse"},
		{"link", "Alles dazu steht auf www.jugendclub-badeborn.de zum Nachlesen.", "ein Link", "Darin steht wohl ein Link"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := flowtest.New(t, withOrganizers("9001"))
			c := b.Chat(bot.Telegram, fmt.Sprintf("87%02d", i))
			onboard(t, c)
			writeOpinion(t, c, "Jugend", tt.text)
			c.Expect("In deinem Text steht wohl "+tt.author, "hält das Orga-Team ihn erst zurück")
			org := b.Chat(bot.Telegram, "9001")
			received(t, b, org)
			org.Expect("⚠ "+tt.organizer, tt.text, "[Freigeben]")
			ops, err := b.Store.OpinionsBy(context.Background(), profile(t, b, c).Ref)
			if err != nil || len(ops) != 1 || ops[0].Status != store.OpinionPending || ops[0].Held == "" {
				t.Fatalf("stored opinions = %+v, %v", ops, err)
			}
			other := b.Chat(bot.Telegram, fmt.Sprintf("88%02d", i))
			onboard(t, other)
			other.Send("/stimmen")
			other.Expect("keine neuen Meinungen")
		})
	}
}
