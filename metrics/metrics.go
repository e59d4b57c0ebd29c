// Package metrics exposes heimatbot's Prometheus metrics: updates received
// and handled per platform, handling latency, messages sent, 429s and
// retries, blocked recipients, scheduler runs and failures, Redis errors
// and active conversations.
package metrics

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/heimatbot/heimatbot/bot"
)

// ActiveTimeout bounds the read of the active conversations at a scrape,
// so a Redis that hangs cannot hang /metrics.
const ActiveTimeout = time.Second

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

// New registers the collectors on a fresh registry. active counts the
// open conversations when scraped (nil leaves the gauge out); it gets
// ActiveTimeout, and a scrape that it fails or outlasts lacks the gauge
// instead of waiting or showing a made-up value.
func New(active func(ctx context.Context) (int64, error)) *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		Registry: r,
		Received: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_updates_received_total",
			Help: "Updates an adapter passed to the bot, by platform, counted as they enter: also those refused while the process shuts down, and each delivery of a redelivered update.",
		}, []string{"platform"}),
		Handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_updates_handled_total",
			Help: "Updates the engine finished, by platform and outcome: ok (effects stored, replies out), error (not confirmed; the platform may deliver it again) or panic (a bug, recovered; logged with the update id and confirmed, so it is not delivered again).",
		}, []string{"platform", "outcome"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "heimatbot_update_duration_seconds",
			Help:    "Time the engine took to handle an update, by platform (waiting behind the chat's earlier updates not included).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"platform"}),
		Sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_messages_sent_total", Help: "Messages sent, by platform: replies, broadcasts and digests.",
		}, []string{"platform"}),
		Blocked: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_recipients_blocked_total", Help: "Sends refused because the person blocked the bot or left the platform, by platform.",
		}, []string{"platform"}),
		SchedulerRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "heimatbot_scheduler_runs_total",
			Help: "Scheduled work this process did, by job and outcome (ok, error): a run of a recurring job (digest), a one-off job (remind, feedback), a broadcast's message to one recipient (broadcast:KIND; a blocked or skipped recipient is ok).",
		}, []string{"job", "outcome"}),
		RedisErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "heimatbot_redis_errors_total",
			Help: "Redis commands, pipelines and transactions of this process that failed (unreachable, timed out, refused), whoever made them; no-such-key answers and a lock held elsewhere are no errors.",
		}),
	}
	r.MustRegister(m.Received, m.Handled, m.Latency, m.Sent, m.Blocked,
		m.SchedulerRuns, m.RedisErrors, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if active != nil {
		r.MustRegister(&activeCollector{
			desc:    prometheus.NewDesc("heimatbot_active_conversations", "Conversations with an open question.", nil, nil),
			count:   active,
			timeout: ActiveTimeout,
		})
	}
	return m
}

// activeCollector reads the active conversations at each scrape, for at
// most timeout.
type activeCollector struct {
	desc    *prometheus.Desc
	count   func(ctx context.Context) (int64, error)
	timeout time.Duration
}

func (c *activeCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

// Collect gives up after the timeout even when count does not: a client
// may ignore the context's deadline until its own read timeout.
func (c *activeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	type result struct {
		n   int64
		err error
	}
	res := make(chan result, 1)
	go func() {
		n, err := c.count(ctx)
		res <- result{n, err}
	}()
	select {
	case r := <-res:
		if r.err != nil {
			ch <- prometheus.NewInvalidMetric(c.desc, fmt.Errorf("active conversations: %w", r.err))
			return
		}
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(r.n))
	case <-ctx.Done():
		ch <- prometheus.NewInvalidMetric(c.desc, fmt.Errorf("active conversations: %w", ctx.Err()))
	}
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

// AdapterPanics registers the count an adapter keeps of the updates whose
// mapping panicked before the engine saw them.
func (m *Metrics) AdapterPanics(platform string, count func() int64) {
	m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name:        "heimatbot_adapter_panics_total",
		Help:        "Updates whose mapping panicked in the adapter (a bug, recovered): logged with the update id and confirmed, so they are not delivered again.",
		ConstLabels: prometheus.Labels{"platform": platform},
	}, func() float64 { return float64(count()) }))
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

// UpdateReceived counts an update as it enters the bot (bot.Router's
// OnSubmit).
func (m *Metrics) UpdateReceived(u bot.Update) {
	m.Received.WithLabelValues(string(u.Chat.Platform)).Inc()
}

// SchedulerRun counts one run of a scheduled job.
func (m *Metrics) SchedulerRun(job string, err error) {
	m.SchedulerRuns.WithLabelValues(job, outcome(err)).Inc()
}

// RedisError counts a failed Redis round trip (store.Failures).
func (m *Metrics) RedisError(error) { m.RedisErrors.Inc() }

// Handler serves the metrics in Prometheus' text format. A collector that
// fails (the active conversations while Redis is away) is left out, and
// the rest is served; promhttp_metric_handler_errors_total counts it.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      m.Registry,
	})
}

// Middleware counts and times every update the handler it wraps (the
// engine) finishes, by outcome.
func (m *Metrics) Middleware(next bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, u bot.Update) error {
		p := string(u.Chat.Platform)
		start := time.Now()
		err := next.Handle(ctx, u)
		m.Latency.WithLabelValues(p).Observe(time.Since(start).Seconds())
		m.Handled.WithLabelValues(p, outcome(err)).Inc()
		return err
	})
}

func outcome(err error) string {
	switch {
	case bot.IsPanic(err):
		return "panic"
	case err != nil:
		return "error"
	}
	return "ok"
}

// CountedBy registers a counter read from counts at each scrape, one
// series per key under label (an adapter's own counts, such as WhatsApp's
// templates by kind).
func (m *Metrics) CountedBy(name, help, label string, counts func() map[string]int64) {
	m.Registry.MustRegister(&mapCollector{desc: prometheus.NewDesc(name, help, []string{label}, nil), counts: counts})
}

type mapCollector struct {
	desc   *prometheus.Desc
	counts func() map[string]int64
}

func (c *mapCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *mapCollector) Collect(ch chan<- prometheus.Metric) {
	for k, n := range c.counts() {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(n), k)
	}
}
