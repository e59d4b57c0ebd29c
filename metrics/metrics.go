// Package metrics exposes heimatbot's Prometheus metrics: updates received
// and handled per platform, handling latency, messages sent, 429s and
// retries, blocked recipients, scheduler runs and failures, Redis errors
// and active conversations.
package metrics

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/heimatbot/heimatbot/bot"
)

// Metrics holds the collectors of one process, registered on its own
// registry (no global state).
type Metrics struct {
	Registry      *prometheus.Registry
	Received      *prometheus.CounterVec
	Handled       *prometheus.CounterVec
	Latency       *prometheus.HistogramVec
	Sent          *prometheus.CounterVec
	Blocked       *prometheus.CounterVec
	SchedulerRuns *prometheus.CounterVec
	RedisErrors   prometheus.Counter
}

// New registers the collectors on a fresh registry. active reports the
// number of open conversations when scraped (nil leaves it out).
func New(active func() float64) *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		Registry: r,
		Received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_updates_received_total", Help: "Updates received, by platform.",
		}, []string{"platform"}),
		Handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_updates_handled_total", Help: "Updates handled, by platform and outcome (ok, error).",
		}, []string{"platform", "outcome"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "heimatbot_update_duration_seconds", Help: "Time to handle an update, by platform.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"platform"}),
		Sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_messages_sent_total", Help: "Messages sent, by platform.",
		}, []string{"platform"}),
		Blocked: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_recipients_blocked_total", Help: "Sends refused because the person blocked the bot.",
		}, []string{"platform"}),
		SchedulerRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_scheduler_runs_total", Help: "Scheduler runs, by job and outcome (ok, error).",
		}, []string{"job", "outcome"}),
		RedisErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "heimatbot_redis_errors_total", Help: "Updates that failed because Redis could not be reached.",
		}),
	}
	r.MustRegister(m.Received, m.Handled, m.Latency, m.Sent, m.Blocked,
		m.SchedulerRuns, m.RedisErrors, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if active != nil {
		r.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "heimatbot_active_conversations", Help: "Conversations with an open question.",
		}, active))
	}
	return m
}

// Throttled registers the counts an adapter keeps of the 429 answers it
// waited out and the calls it retried (after 429, 5xx or network errors).
func (m *Metrics) Throttled(platform string, counts func() (rateLimited, retried int64)) {
	labels := prometheus.Labels{"platform": platform}
	m.Registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "heimatbot_rate_limited_total", Help: "429 answers from a platform, waited out.", ConstLabels: labels,
		}, func() float64 { n, _ := counts(); return float64(n) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "heimatbot_send_retries_total", Help: "Calls retried after 429, 5xx or a network error.", ConstLabels: labels,
		}, func() float64 { _, n := counts(); return float64(n) }),
	)
}

// Sender counts the messages s sends, and those refused because the
// person blocked the bot.
func (m *Metrics) Sender(platform bot.Platform, s bot.Sender) bot.Sender {
	p := string(platform)
	return senderFunc(func(ctx context.Context, msg bot.Message) error {
		err := s.Send(ctx, msg)
		switch {
		case err == nil:
			m.Sent.WithLabelValues(p).Inc()
		case errors.Is(err, bot.ErrUnreachable):
			m.Blocked.WithLabelValues(p).Inc()
		}
		return err
	})
}

type senderFunc func(ctx context.Context, m bot.Message) error

func (f senderFunc) Send(ctx context.Context, m bot.Message) error { return f(ctx, m) }

// SchedulerRun counts one run of a scheduled job.
func (m *Metrics) SchedulerRun(job string, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.SchedulerRuns.WithLabelValues(job, outcome).Inc()
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}

// Middleware counts and times every update that passes.
func (m *Metrics) Middleware(next bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, u bot.Update) error {
		p := string(u.Chat.Platform)
		m.Received.WithLabelValues(p).Inc()
		start := time.Now()
		err := next.Handle(ctx, u)
		m.Latency.WithLabelValues(p).Observe(time.Since(start).Seconds())
		outcome := "ok"
		if err != nil {
			outcome = "error"
			if errors.Is(err, bot.ErrStore) {
				m.RedisErrors.Inc()
			}
		}
		m.Handled.WithLabelValues(p, outcome).Inc()
		return err
	})
}
