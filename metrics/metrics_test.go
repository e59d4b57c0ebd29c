package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
)

// scrape returns what /metrics shows.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetricsCountWhatOperatorsWatch(t *testing.T) {
	active := 3.0
	m := New(func() float64 { return active })
	ctx := context.Background()

	h := m.Middleware(bot.HandlerFunc(func(_ context.Context, u bot.Update) error {
		switch u.Text {
		case "store down":
			return fmt.Errorf("load: %w", bot.ErrStore)
		case "broken":
			return errors.New("broken")
		}
		return nil
	}))
	tg := bot.Address{Platform: bot.Telegram, Chat: "1"}
	for _, text := range []string{"ok", "ok", "store down", "broken"} {
		_ = h.Handle(ctx, bot.Update{Chat: tg, Text: text})
	}

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
	m.SchedulerRun("digest", nil)
	m.SchedulerRun("digest", errors.New("mattermost down"))

	got := scrape(t, m)
	for _, want := range []string{
		`heimatbot_updates_received_total{platform="telegram"} 4`,
		`heimatbot_updates_handled_total{outcome="ok",platform="telegram"} 2`,
		`heimatbot_updates_handled_total{outcome="error",platform="telegram"} 2`,
		`heimatbot_update_duration_seconds_count{platform="telegram"} 4`,
		`heimatbot_redis_errors_total 1`,
		`heimatbot_messages_sent_total{platform="telegram"} 2`,
		`heimatbot_recipients_blocked_total{platform="telegram"} 1`,
		`heimatbot_rate_limited_total{platform="telegram"} 2`,
		`heimatbot_send_retries_total{platform="telegram"} 5`,
		`heimatbot_scheduler_runs_total{job="digest",outcome="ok"} 1`,
		`heimatbot_scheduler_runs_total{job="digest",outcome="error"} 1`,
		`heimatbot_active_conversations 3`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
