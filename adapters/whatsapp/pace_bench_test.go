package whatsapp_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
)

// BenchmarkBroadcastPace sends a broadcast of 400 messages (one per
// person, every window open) from two replicas at once, 16 senders each,
// against a fake that allows Meta's default 80 messages per second and
// answers 130429 beyond. It reports the sustained rate the fake saw and
// the 130429s met; the goal is a rate within 5 % of 80 and none:
//
//	go test -run XXX -bench BroadcastPace -benchtime 1x ./adapters/whatsapp/
func BenchmarkBroadcastPace(b *testing.B) {
	const (
		people   = 400
		replicas = 2
		senders  = 16
	)
	for range b.N {
		t := &testing.T{}
		w := newWorldB(b, t, whatsapptest.WithThroughput(80), whatsapptest.WithPairRate(0, 0), whatsapptest.WithoutLog())
		ctx := context.Background()
		var ads []*whatsapp.Adapter
		var hook string
		for range replicas {
			mux := http.NewServeMux()
			opt := w.options(mux)
			opt.Sleep = backoff.Sleep // real time: the pace is what is measured
			opt.Now = time.Now
			ad, err := whatsapp.New(opt)
			if err != nil {
				b.Fatal(err)
			}
			ads = append(ads, ad)
			runB(b, ad)
			if hook == "" {
				hook = newServer(b, mux) + "/whatsapp/webhook"
			}
		}
		// Every person wrote, to the first replica's webhook.
		w.srv.SetWebhook(hook)
		numbers := make(chan string, people)
		for i := range people {
			n := fmt.Sprintf("49151%08d", i)
			if status, err := w.srv.Text(ctx, n, "hallo"); err != nil || status != http.StatusOK {
				b.Fatalf("open window: %d %v", status, err)
			}
			numbers <- n
		}
		close(numbers)
		var sent atomic.Int64
		var wg sync.WaitGroup
		b.ResetTimer()
		start := time.Now()
		for _, ad := range ads {
			for range senders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := range numbers {
						m := bot.Message{To: bot.Address{Platform: bot.WhatsApp, Chat: n}, Text: plain("Einladung zum Stadtgespräch")}
						if err := ad.Send(ctx, m); err != nil {
							b.Errorf("send: %v", err)
							continue
						}
						sent.Add(1)
					}
				}()
			}
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		// The first message goes at once; the rate is over the gaps.
		rate := float64(sent.Load()-1) / elapsed.Seconds()
		b.ReportMetric(rate, "msg/s")
		b.ReportMetric(float64(w.srv.Errors(whatsapptest.CodeThroughput)), "130429s")
		if v := w.srv.Violations(); len(v) > 0 {
			b.Logf("%d violations, first: %v", len(v), v[0])
		}
	}
}
