package main

import (
	"bufio"
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/metrics"
	"github.com/heimatbot/heimatbot/netfault"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// TestMetricsOfARunningBot runs heimatbot as in production (run, Telegram
// by long polling against the strict fake, Redis behind a proxy the test
// can stall or cut), lets residents use it, sends a reminder, makes Redis
// hang and then go away, and reads /metrics as an operator's Prometheus
// does after each stage.
func TestMetricsOfARunningBot(t *testing.T) {
	tg := telegramtest.New(telegramtest.MustLoadSpec(t))
	community := storetest.Community(t)
	redisURL, err := url.Parse(storetest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := netfault.New(t, redisURL.Host)
	redisURL.Host = proxy.Addr()
	st := store.New(storetest.Client(t), community, store.Options{}) // the test's own way in, past the proxy
	cfgFile := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfgFile, []byte("community:\n  id: "+community+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	env := []string{
		"REDIS_URL=" + redisURL.String(), "HEIMATBOT_HTTP_ADDR=" + addr,
		"TELEGRAM_TOKEN=" + tg.Token(), "TELEGRAM_API_URL=" + tg.URL(),
	}
	w := &crossWorld{t: t, tg: tg, store: st, log: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--config", cfgFile}, env, strings.NewReader(""), io.Discard, w.log) }()
	t.Cleanup(func() {
		proxy.Restore() // let it stop without waiting out Redis timeouts
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(crossBound):
			t.Errorf("no shutdown within %s", crossBound)
		}
		tg.Close()
		tg.AssertClean(t)
	})
	scrape := func() string {
		t.Helper()
		code, body := get(t, "http://"+addr+"/metrics")
		if code != 200 {
			t.Fatalf("/metrics = %d\n%s", code, body)
		}
		return body
	}

	// Anna signs up and says she comes to a town conversation. Bert
	// blocked the bot before it could answer him. Carl's answer first
	// meets a 429 from Telegram.
	const anna, bert, carl = 9001, 9002, 9003
	w.onboard(anna) // 3 updates
	svc := flows.NewEventService(flows.Deps{Config: testConfig(community), Store: st, Now: time.Now})
	if err := svc.Create(context.Background(), store.Event{
		ID: flows.EventID(""), Title: "Stadtgespräch Jugend", Start: time.Now().Add(3 * time.Hour).Truncate(time.Minute),
	}); err != nil {
		t.Fatal(err)
	}
	w.say(anna, "/termine")
	w.expect(anna, "Stadtgespräch Jugend", "[Ich komme]")
	w.press(anna, "Ich komme")
	tg.BlockChat(bert)
	w.say(bert, "/start")
	tg.FailNextInChat(carl, "sendMessage", 1, 429, 1)
	w.say(carl, "/start")
	w.expect(carl, "Bist du einverstanden?")

	// The reminder two hours before falls due: the worker runs the job,
	// which starts a broadcast, whose message reaches Anna.
	jobs := scheduler.NewJobs(st)
	waiting, err := jobs.Waiting(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range waiting {
		if j.Kind == "remind" {
			j.Due = time.Now()
			if err := jobs.Schedule(context.Background(), j); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.expect(anna, "Erinnerung", "Stadtgespräch Jugend")

	const updates = 7 // Anna 5, Bert 1, Carl 1
	// The broadcast's message counts once its outcome is recorded, just
	// after it went out.
	shown := len(tg.MessagesTo(anna)) + len(tg.MessagesTo(carl))
	settle(t, scrape,
		check{`heimatbot_updates_received_total{platform="telegram"}`, eq(updates)},
		check{`heimatbot_updates_handled_total{outcome="ok",platform="telegram"}`, eq(updates)},
		check{`heimatbot_updates_handled_total{outcome="error",platform="telegram"}`, absent},
		check{`heimatbot_update_duration_seconds_count{platform="telegram"}`, eq(updates)},
		// Edited messages count as sent but show once in the chat.
		check{`heimatbot_messages_sent_total{platform="telegram"}`, atLeast(shown)},
		check{`heimatbot_recipients_blocked_total{platform="telegram"}`, eq(1)},
		check{`heimatbot_rate_limited_total{platform="telegram"}`, eq(1)},
		check{`heimatbot_send_retries_total{platform="telegram"}`, eq(1)},
		check{`heimatbot_scheduler_runs_total{job="remind",outcome="ok"}`, eq(1)},
		check{`heimatbot_scheduler_runs_total{job="broadcast:remind",outcome="ok"}`, eq(1)},
		// Lookups of missing keys, a lock taken, scripts loaded: no errors.
		check{`heimatbot_redis_errors_total`, eq(0)},
		// Bert and Carl have the consent question open; Anna has none.
		check{`heimatbot_active_conversations`, eq(2)},
	)

	// Redis hangs: a scrape answers within the gauge's bound (go-redis
	// itself would wait out its 3 s read timeout), without the gauge.
	proxy.Stall()
	start := time.Now()
	m := scrape()
	if took := time.Since(start); took > metrics.ActiveTimeout+1500*time.Millisecond {
		t.Errorf("a scrape took %s while Redis hung", took)
	}
	check{`heimatbot_active_conversations`, absent}.run(t, m)
	check{`heimatbot_updates_received_total{platform="telegram"}`, eq(updates)}.run(t, m)

	// Redis is away: Anna is told of a technical problem; the update,
	// unconfirmed, comes again until Redis is back.
	proxy.Cut()
	w.say(anna, "/hilfe")
	w.expect(anna, "technisches Problem")
	settle(t, scrape,
		check{`heimatbot_updates_handled_total{outcome="error",platform="telegram"}`, atLeast(1)},
		check{`heimatbot_redis_errors_total`, atLeast(1)})
	if code, _ := get(t, "http://"+addr+"/readyz"); code != 503 {
		t.Errorf("/readyz = %d while Redis is away", code)
	}
	proxy.Restore()
	w.expect(anna, "Das kannst du tun")
	settle(t, scrape,
		check{`heimatbot_updates_handled_total{outcome="ok",platform="telegram"}`, eq(updates + 1)},
		check{`heimatbot_active_conversations`, eq(2)})
	if t.Failed() {
		t.Logf("log:\n%s", w.log.String())
	}
}

func testConfig(community string) *config.Config {
	cfg := config.Default()
	cfg.Community.ID = community
	return cfg
}

// A check is what an operator looks for in one series.
type check struct {
	series string
	want   func(v float64, ok bool) bool
}

func (c check) passes(metricsText string) bool {
	return c.want(value(metricsText, c.series))
}

func (c check) run(t *testing.T, metricsText string) {
	t.Helper()
	if v, ok := value(metricsText, c.series); !c.want(v, ok) {
		if ok {
			t.Errorf("%s = %v", c.series, v)
		} else {
			t.Errorf("%s missing", c.series)
		}
	}
}

// eq, atLeast and absent are what a check wants of a series.
func eq(n int) func(float64, bool) bool {
	return func(v float64, ok bool) bool { return ok && v == float64(n) }
}

func atLeast(n int) func(float64, bool) bool {
	return func(v float64, ok bool) bool { return ok && v >= float64(n) }
}

func absent(_ float64, ok bool) bool { return !ok }

// value reads one series from the text format.
func value(metricsText, series string) (float64, bool) {
	sc := bufio.NewScanner(strings.NewReader(metricsText))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

// settle scrapes until every check passes; after crossBound it reports
// the checks that still fail, with heimatbot's series in the last scrape.
// One scrape is not enough: it collects the series one by one while the
// bot goes on, so it may show an update counted as handled and not yet
// timed.
func settle(t *testing.T, scrape func() string, checks ...check) {
	t.Helper()
	deadline := time.Now().Add(crossBound)
	for {
		m := scrape()
		if !slices.ContainsFunc(checks, func(c check) bool { return !c.passes(m) }) {
			return
		}
		if time.Now().After(deadline) {
			for _, c := range checks {
				c.run(t, m)
			}
			var ours strings.Builder
			for line := range strings.Lines(m) {
				if strings.HasPrefix(line, "heimatbot_") {
					ours.WriteString(line)
				}
			}
			t.Logf("heimatbot's series:\n%s", ours.String())
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}
