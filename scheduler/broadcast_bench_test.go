package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// tgSender sends plain texts through the real Telegram client library, a
// stand-in for the Telegram adapter. It counts 429 answers and passes them
// on as failures, so the benchmark shows whether pacing alone keeps below
// the limit.
type tgSender struct {
	api  *tgbotapi.BotAPI
	n429 int
}

func (s *tgSender) Send(_ context.Context, m bot.Message) error {
	chat, err := strconv.ParseInt(m.To.Chat, 10, 64)
	if err != nil {
		return err
	}
	_, err = s.api.Send(tgbotapi.NewMessage(chat, m.Text.Plain()))
	var tgErr *tgbotapi.Error
	if errors.As(err, &tgErr) && tgErr.Code == 429 {
		s.n429++
	}
	return err
}

// BenchmarkBroadcastAgainstRateLimitedTelegram sends one broadcast to 300
// residents through the Telegram fake with Telegram's limits (30 messages
// per second overall, 1 per second per chat) and reports the rate reached
// and the 429s received:
//
//	REDIS_URL=redis://127.0.0.1:6379 go test ./scheduler/ -run '^$' \
//	    -bench BroadcastAgainstRateLimitedTelegram -benchtime 1x
func BenchmarkBroadcastAgainstRateLimitedTelegram(b *testing.B) {
	const n = 300
	spec := telegramtest.MustLoadSpec(b)
	srv := telegramtest.New(spec, telegramtest.WithRateLimits(telegramtest.TelegramRateLimits()))
	defer srv.Close()
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
	if err != nil {
		b.Fatal(err)
	}
	st := storetest.New(b)
	ctx := context.Background()
	var to []bot.User
	for i := range n {
		to = append(to, bot.User{Platform: bot.Telegram, ID: fmt.Sprint(700000 + i)})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		snd := &tgSender{api: api}
		bs := scheduler.NewBroadcasts(st, snd, plainRender, scheduler.BroadcastOptions{})
		id := fmt.Sprint("bench", i)
		if _, err := bs.Start(ctx, scheduler.Broadcast{ID: id, Kind: "invite"}, to); err != nil {
			b.Fatal(err)
		}
		began := time.Now()
		if err := bs.Drain(ctx); err != nil {
			b.Fatal(err)
		}
		took := time.Since(began)
		got, _ := bs.Get(ctx, id)
		if got.Sent != n {
			b.Fatalf("sent %d of %d: %+v", got.Sent, n, got)
		}
		b.ReportMetric(float64(n)/took.Seconds(), "msgs/s")
		b.ReportMetric(float64(max(snd.n429, srv.Count429())), "429s")
	}
}
