package flows_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// statement adds an approved opinion with text on theme by author, with
// n votes of other residents.
func statement(t *testing.T, b *flowtest.Bot, author, theme, text string, n int) {
	t.Helper()
	ctx := context.Background()
	id := fmt.Sprintf("%x", text)[:16]
	if _, err := b.Store.AddOpinion(ctx, store.Opinion{ID: id, Ref: author, Theme: theme, District: "rieder", Text: text, Created: b.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Store.DecideOpinion(ctx, id, true, "t", b.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := b.Store.CastVote(ctx, store.Vote{Statement: id, Voter: fmt.Sprintf("voter%d", i), Value: store.Agree, At: b.Clock.Now()}); err != nil {
			t.Fatal(err)
		}
	}
}

// shown reports which of the texts the last replies show.
func shown(c *flowtest.Chat, texts ...string) string {
	for _, s := range texts {
		if strings.Contains(c.Text(), s) {
			return s
		}
	}
	if strings.Contains(c.Text(), "keine neuen Meinungen") {
		return "none"
	}
	return "?\n" + c.Text()
}

func TestVotingShowsLeastVotedInterestsFirstAndNeverTheSameTwice(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "8001")
	onboard(t, c) // interests: Jugend, Orte der Begegnung
	ref := profile(t, b, c).Ref
	texts := []string{"Kultur ohne Stimmen", "Jugend drei Stimmen", "Jugend eine Stimme", "Begegnung zwei Stimmen", "Meine eigene Meinung"}
	statement(t, b, "other", "kultur", texts[0], 0)
	statement(t, b, "other", "jugend", texts[1], 3)
	statement(t, b, "other", "jugend", texts[2], 1)
	statement(t, b, "other", "begegnung", texts[3], 2)
	statement(t, b, ref, "jugend", texts[4], 0)

	c.Send("/stimmen")
	var order []string
	for range 6 {
		s := shown(c, texts...)
		order = append(order, s)
		if s == "none" || strings.HasPrefix(s, "?") {
			break
		}
		c.Press("Sehe ich anders")
	}
	want := []string{texts[2], texts[3], texts[1], texts[0], "none"}
	if strings.Join(order, " | ") != strings.Join(want, " | ") {
		t.Fatalf("shown in order\n%v\nwant\n%v", order, want)
	}
	c.Send("/stimmen")
	c.Expect("keine neuen Meinungen")
	votes, err := b.Store.VotesBy(context.Background(), ref)
	if err != nil || len(votes) != 4 {
		t.Fatalf("votes = %v, %v; want 4", votes, err)
	}
}

func TestSkippedStatementsComeBackInTheNextRound(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "8002")
	onboard(t, c)
	statement(t, b, "other", "jugend", "Erste Aussage", 0)
	statement(t, b, "other", "jugend", "Zweite Aussage", 1)
	c.Send("/stimmen")
	c.Expect("Erste Aussage")
	c.Press("Überspringen")
	c.Expect("Zweite Aussage")
	c.Press("Fertig")
	c.Expect("Danke fürs Mitmachen")
	c.Send("/stimmen")
	c.Expect("Erste Aussage")
	if votes, err := b.Store.VotesBy(context.Background(), profile(t, b, c).Ref); err != nil || len(votes) != 0 {
		t.Fatalf("skipping stored votes: %v, %v", votes, err)
	}
}
