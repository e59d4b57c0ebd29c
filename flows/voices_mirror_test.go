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

func TestTheMirrorWaitsForEnoughVotes(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "960")
	onboard(t, c)
	c.Send("/stimmen")
	c.Expect("keine neuen Meinungen", "noch zu wenige Stimmen", "Sobald mindestens 15 Personen zu je 7 Meinungen abgestimmt haben", "Bisher: 0 Personen haben das getan.")
}

// Two planted camps vote on twelve statements: the first six are agreed
// with by camp A and rejected by camp B, the next four the other way
// round, and everybody agrees with the last two. A resident who votes like
// camp A sees, at the end of /stimmen, that they stand with A, what sets A
// apart, and what all share.
func TestTheMirrorShowsWhereAResidentStands(t *testing.T) {
	b := flowtest.New(t)
	ctx := context.Background()
	c := b.Chat(bot.Telegram, "961")
	onboard(t, c)
	p, err := b.Store.Profile(ctx, c.User)
	if err != nil {
		t.Fatal(err)
	}
	now := b.Clock.Now()
	approveStatements(t, b, 12)
	campA := func(i int) int8 {
		switch {
		case i < 6:
			return 1
		case i < 10:
			return -1
		}
		return 1
	}
	campB := func(i int) int8 {
		if i < 10 {
			return -campA(i)
		}
		return 1
	}
	vote := func(voter string, camp func(int) int8) {
		for i := range 12 {
			v := store.Vote{Statement: fmt.Sprintf("s%02d", i), Voter: voter, Value: camp(i), At: now}
			if err := b.Store.CastVote(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for n := range 20 {
		vote(fmt.Sprintf("a%02d", n), campA)
		vote(fmt.Sprintf("b%02d", n), campB)
	}
	vote(p.Ref, campA)

	c.Send("/stimmen")
	text := c.Text()
	for _, want := range []string{"Dein Platz im Meinungsbild", "(21 Personen, eine von 2 Gruppen)", "Was diese Gruppe besonders sieht:", "Was alle Gruppen teilen:",
		"stimmt zu: „Aussage Nummer 10“"} {
		if !strings.Contains(text, want) {
			t.Fatalf("%q missing from the mirror:\n%s", want, text)
		}
	}
	holds := text[strings.Index(text, "besonders sieht:"):strings.Index(text, "Was alle Gruppen")]
	quoted := 0
	for _, line := range strings.Split(holds, "\n") {
		if !strings.Contains(line, "Nummer") {
			continue
		}
		quoted++
		var n int
		if _, err := fmt.Sscanf(line[strings.Index(line, "Nummer"):], "Nummer %d", &n); err != nil || n >= 10 {
			t.Errorf("%q is not what sets camp A apart", line)
		}
		if agree := strings.Contains(line, "stimmt zu"); agree != (n < 6) {
			t.Errorf("%q has the wrong side", line)
		}
	}
	if quoted == 0 {
		t.Fatalf("no statement sets the resident's group apart:\n%s", text)
	}
}

// Twenty residents who all vote along one line, each off it once, form no
// camps: the mirror says so and shows what most agree on. A resident with
// too few votes learns how to get onto the map.
func TestTheMirrorSaysWhyThereAreNoGroups(t *testing.T) {
	b := flowtest.New(t)
	ctx := context.Background()
	c := b.Chat(bot.Telegram, "962")
	onboard(t, c)
	now := b.Clock.Now()
	approveStatements(t, b, 12)
	for n := range 20 {
		for i := range 12 {
			v := int8(1)
			if i == n%12 {
				v = -1
			}
			if err := b.Store.CastVote(ctx, store.Vote{Statement: fmt.Sprintf("s%02d", i), Voter: fmt.Sprintf("v%02d", n), Value: v, At: now}); err != nil {
				t.Fatal(err)
			}
		}
	}
	c.Send("/stimmen")
	c.Press("Fertig")
	text := c.Text()
	for _, want := range []string{"20 Personen haben abgestimmt. Ihre Meinungen bilden keine klaren Lager.", "Worin sich die meisten einig sind:", "stimmt zu: „Aussage Nummer"} {
		if !strings.Contains(text, want) {
			t.Fatalf("%q missing from the mirror:\n%s", want, text)
		}
	}
	if strings.Contains(text, "zu wenige Stimmen") || strings.Contains(text, "Stimm über mindestens") {
		t.Errorf("the mirror gives another reason:\n%s", text)
	}
}

// approveStatements adds n approved opinions s00, s01, … ("Aussage Nummer
// i").
func approveStatements(t *testing.T, b *flowtest.Bot, n int) {
	t.Helper()
	ctx, now := context.Background(), b.Clock.Now()
	for i := range n {
		o := store.Opinion{ID: fmt.Sprintf("s%02d", i), Ref: "author", Theme: "jugend", Text: fmt.Sprintf("Aussage Nummer %d", i), Created: now}
		if _, err := b.Store.AddOpinion(ctx, o); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Store.DecideOpinion(ctx, o.ID, true, "tok", now); err != nil {
			t.Fatal(err)
		}
	}
}
