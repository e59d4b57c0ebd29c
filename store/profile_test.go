package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// Every field of a profile survives the store's compact encoding: a field
// added to bot.Profile and forgotten there fails this test.
func TestProfileKeepsEveryField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		u := personID("profile" + storetest.Community(t))
		p := &bot.Profile{
			Consent: time.Date(2026, 11, 25, 9, 30, 15, 0, time.UTC), Lang: "en", District: "rieder",
			Interests: []string{"jugend", "schule"}, Role: "verein", NoInvitations: true, Ref: "r1",
			Name: "anna_b", Chat: bot.Address{Platform: bot.Telegram, Chat: "-100200"}, Unreachable: true,
			Active: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		}
		v := reflect.ValueOf(*p)
		for i := range v.NumField() {
			if v.Field(i).IsZero() {
				t.Fatalf("the test profile leaves %s empty", v.Type().Field(i).Name)
			}
		}
		if err := s.Commit(ctx, u, "", bot.Change{Profile: p, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Profile(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("profile read back as\n%+v\nwant\n%+v", got, p)
		}
		// The person's private chat is the default, and still read back.
		p.Chat = bot.Address{Platform: u.Platform, Chat: u.ID}
		if err := s.Commit(ctx, u, "", bot.Change{Profile: p, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
		if got, _ = s.Profile(ctx, u); got.Chat != p.Chat {
			t.Fatalf("private chat read back as %+v", got.Chat)
		}
		// The consent keeps its second, the last active day its day.
		p.Consent = p.Consent.Add(123456789 * time.Nanosecond)
		p.Active = p.Active.Add(13 * time.Hour)
		if err := s.Commit(ctx, u, "", bot.Change{Profile: p, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Profile(ctx, u)
		if !got.Consent.Equal(p.Consent.Truncate(time.Second)) || !got.Active.Equal(p.Active.Truncate(24*time.Hour)) {
			t.Fatalf("consent %v, active %v", got.Consent, got.Active)
		}
	})
}
