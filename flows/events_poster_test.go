package flows_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/poster/postertest"
	"github.com/heimatbot/heimatbot/store"
)

// With Telegram and WhatsApp configured the poster carries both codes:
// Telegram's deep link and WhatsApp's chat link with the start typed in.
func TestPosterLeadsToTelegramAndWhatsApp(t *testing.T) {
	b := flowtest.New(t, flowtest.WithConfig(func(c *config.Config) {
		c.Telegram.Username = "heimat_test_bot"
		c.WhatsApp.Number = "4939483123"
	}))
	d := flows.Deps{Config: b.Config, Store: b.Store, Now: b.Clock.Now}
	ctx := context.Background()
	e := store.Event{ID: "wa1", Title: "Stadtgespräch", Start: b.Clock.Now().Add(48 * time.Hour), Place: "Rathaus"}
	if err := flows.NewEventService(d).Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	f, err := flows.NewEventCLI(d).Poster(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := postertest.Codes(t, f.Data)
	want := []string{"https://t.me/heimat_test_bot?start=ev_wa1", "https://wa.me/4939483123?text=start%20ev_wa1"}
	if !slices.Equal(got, want) {
		t.Errorf("the poster's codes lead to %q, want %q", got, want)
	}
}
