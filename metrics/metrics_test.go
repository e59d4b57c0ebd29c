package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

// scrape returns the status and what /metrics shows.
func scrape(t *testing.T, m *Metrics) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

func TestMetricsCountWhatOperatorsWatch(t *testing.T) {
	m := New(func(context.Context) (int64, error) { return 3, nil })
	ctx := context.Background()

	h := m.Middleware(bot.HandlerFunc(func(_ context.Context, u bot.Update) error {
		switch u.Text {
		case "store down":
			return errors.New("load: redis unreachable")
		case "broken":
			return errors.New("broken")
		case "bug":
			return fmt.Errorf("handle: %w", bot.Recovered("tg:9", "nil map"))
		}
		return nil
	}))
	tg := bot.Address{Platform: bot.Telegram, Chat: "1"}
	for _, text := range []string{"ok", "ok", "store down", "broken", "bug"} {
		u := bot.Update{Chat: tg, Text: text}
		m.UpdateReceived(u)
		_ = h.Handle(ctx, u)
	}
	m.UpdateReceived(bot.Update{Chat: tg}) // refused while shutting down: never handled

	blocked := bot.Address{Platform: bot.Telegram, Chat: "blocked"}
	s := m.Sender(bot.Telegram, senderFunc(func(_ context.Context, msg bot.Message) error {
		if msg.To == blocked {
			return fmt.Errorf("send: %w", bot.ErrUnreachable)
		}
		return nil
	}))
	_ = s.Send(ctx, bot.Message{To: tg})
	_ = s.Send(ctx, bot.Message{To: tg})
	_ = s.Send(ctx, bot.Message{To: blocked})

	m.Throttled("telegram", func() (int64, int64) { return 2, 5 })
	m.AdapterPanics("mattermost", func() int64 { return 4 })
	m.SchedulerRun("digest", nil)
	m.SchedulerRun("digest", errors.New("mattermost down"))
	m.SchedulerRun("broadcast:invite", nil)
	m.RedisError(errors.New("dial tcp: connection refused"))
	m.RedisError(errors.New("i/o timeout"))

	code, got := scrape(t, m)
	if code != 200 {
		t.Fatalf("/metrics answered %d", code)
	}
	for _, want := range []string{
		`heimatbot_updates_received_total{platform="telegram"} 6`,
		`heimatbot_updates_handled_total{outcome="ok",platform="telegram"} 2`,
		`heimatbot_updates_handled_total{outcome="error",platform="telegram"} 2`,
		`heimatbot_updates_handled_total{outcome="panic",platform="telegram"} 1`,
		`heimatbot_update_duration_seconds_count{platform="telegram"} 5`,
		`heimatbot_adapter_panics_total{platform="mattermost"} 4`,
		`heimatbot_redis_errors_total 2`,
		`heimatbot_messages_sent_total{platform="telegram"} 2`,
		`heimatbot_recipients_blocked_total{platform="telegram"} 1`,
		`heimatbot_rate_limited_total{platform="telegram"} 2`,
		`heimatbot_send_retries_total{platform="telegram"} 5`,
		`heimatbot_scheduler_runs_total{job="digest",outcome="ok"} 1`,
		`heimatbot_scheduler_runs_total{job="digest",outcome="error"} 1`,
		`heimatbot_scheduler_runs_total{job="broadcast:invite",outcome="ok"} 1`,
		`heimatbot_active_conversations 3`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// The active conversations are read from Redis at each scrape. When Redis
// fails or hangs, the scrape still answers at once with everything else,
// and without a made-up value for the gauge.
func TestActiveConversationsNeverHoldUpAScrape(t *testing.T) {
	hang := make(chan struct{})
	defer close(hang)
	for _, tc := range []struct {
		name   string
		active func(ctx context.Context) (int64, error)
		want   string // "" for no gauge
	}{
		{"answers", func(context.Context) (int64, error) { return 7, nil }, "heimatbot_active_conversations 7"},
		{"fails", func(context.Context) (int64, error) { return 0, errors.New("connection refused") }, ""},
		{"hangs and ignores its deadline", func(context.Context) (int64, error) { <-hang; return 9, nil }, ""},
		{"hangs until its deadline", func(ctx context.Context) (int64, error) { <-ctx.Done(); return 0, ctx.Err() }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(tc.active)
			m.UpdateReceived(bot.Update{Chat: bot.Address{Platform: bot.Telegram, Chat: "1"}})
			start := time.Now()
			code, got := scrape(t, m)
			if took := time.Since(start); took > ActiveTimeout+time.Second {
				t.Errorf("scrape took %s", took)
			}
			if code != 200 || !strings.Contains(got, `heimatbot_updates_received_total{platform="telegram"} 1`) {
				t.Errorf("/metrics answered %d without the other metrics:\n%s", code, got)
			}
			hasGauge := strings.Contains(got, "\nheimatbot_active_conversations ")
			switch {
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("metrics lack %q", tc.want)
			case tc.want == "" && hasGauge:
				t.Errorf("the gauge shows a value it could not read:\n%s", got)
			}
			if tc.want != "" {
				return
			}
			// The handler counts a failed gathering after its answer: the
			// next scrape shows it.
			if _, again := scrape(t, m); !strings.Contains(again, `promhttp_metric_handler_errors_total{cause="gathering"} 1`) {
				t.Errorf("the failed read is not counted as a gathering error:\n%s", again)
			}
		})
	}
}
