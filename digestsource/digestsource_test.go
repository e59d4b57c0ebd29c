package digestsource_test

import (
	"context"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestPeopleComeFromTheirProfiles(t *testing.T) {
	ctx := context.Background()
	st := store.New(storetest.Client(t), storetest.Community(t), store.Options{})
	joined := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i, p := range []bot.Profile{
		{Ref: "r1", District: "badeborn", Role: "verein", Consent: joined},
		{Ref: "r2", District: "rieder", Consent: joined.Add(48 * time.Hour)},
	} {
		u := bot.User{Platform: bot.Telegram, ID: string(rune('1' + i))}
		if err := st.Commit(ctx, u, "", bot.Change{Profile: &p, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := digestsource.New(st).DigestData(ctx, time.Time{}, joined.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.People) != 1 {
		t.Fatalf("people = %+v, want only the one who joined before the end", d.People)
	}
	if p := d.People[0]; p.Ref != "r1" || p.District != "badeborn" || p.Role != "verein" || !p.Joined.Equal(joined) {
		t.Errorf("person = %+v", p)
	}
}
