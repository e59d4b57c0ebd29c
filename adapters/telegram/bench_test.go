package telegram_test

import (
	"context"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// BenchmarkUpdates measures updates per second through the adapter (long
// polling the fake Bot API, sending the replies to it) and the core (engine,
// store on real Redis), with residents of 1,000 chats sending /start. The
// flood limits are off: they would measure Telegram, not the bot.
func BenchmarkUpdates(b *testing.B) {
	srv := telegramtest.New(telegramtest.MustLoadSpec(b))
	defer srv.Close()
	rdb := storetest.Client(b)
	counter := &store.RoundTrips{}
	rdb.AddHook(counter)
	cfg := config.Default()
	cfg.Community.ID = storetest.Community(b)
	st := store.New(rdb, cfg.Community.ID, store.Options{})
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		b.Fatal(err)
	}
	set := flows.Build(flows.Deps{Config: cfg, Store: st, Now: time.Now})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ad, err := telegram.New(ctx, telegram.Options{Token: srv.Token(), APIURL: srv.URL(), Store: st, Limits: telegram.Unlimited()})
	if err != nil {
		b.Fatal(err)
	}
	eng, err := bot.NewEngine(bot.EngineConfig{
		Store: st, Out: ad, Catalog: cat, Flows: set.Flows, Commands: set.Commands, Actions: set.Actions,
		StartFlow: flows.StartFlow, MaxInput: cfg.Limits.MessageMax,
	})
	if err != nil {
		b.Fatal(err)
	}
	router := bot.NewRouter(eng)
	defer router.Close()

	for i := range b.N {
		chat := int64(100_000 + i%1000)
		srv.PushUpdate(srv.CommandMessage(chat, chat, "/start", "", "de"))
	}
	before := counter.Count()
	b.ResetTimer()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- ad.Run(ctx, router) }()
	for srv.Pending() > 0 {
		time.Sleep(100 * time.Microsecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	cancel()
	<-done

	if s := ad.Stats(); s.Sent != int64(b.N) || s.Failed != 0 {
		b.Fatalf("stats = %+v, want %d replies", s, b.N)
	}
	if v := srv.Violations(); len(v) > 0 {
		b.Fatalf("violations: %q", v[:min(len(v), 3)])
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(counter.Count()-before)/float64(b.N), "redis-roundtrips/update")
}
