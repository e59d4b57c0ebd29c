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
	c.Expect("keine neuen Meinungen", "Sobald mindestens 15 Menschen zu je 7 Meinungen abgestimmt haben")
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
	for i := range 12 {
		o := store.Opinion{ID: fmt.Sprintf("s%02d", i), Ref: "author", Theme: "jugend", Text: fmt.Sprintf("Aussage Nummer %d", i), Created: now}
		if _, err := b.Store.AddOpinion(ctx, o); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Store.DecideOpinion(ctx, o.ID, true, "tok", now); err != nil {
			t.Fatal(err)
		}
	}
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
	for _, want := range []string{"Dein Platz im Meinungsbild", "(21 Menschen, eine von 2 Gruppen)", "Was diese Gruppe besonders sieht:", "Was alle Gruppen teilen:",
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
