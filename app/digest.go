package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/scheduler"
)

// digestJob is the weekly delivery: at each scheduled time it builds the
// digest of the DigestDays whole days before its day and sends the text and the chart to
// every organizer address. A recipient that cannot be reached is logged;
// the run fails (and is tried again) only when nobody got it.
func digestJob(spec string, src flows.DigestSource, cfg *config.Config, cat *bot.Catalog, out bot.Sender, to []bot.Address, log *slog.Logger) scheduler.Recurring {
	lang := cfg.Community.Languages[0]
	return scheduler.Recurring{Name: "digest", Spec: spec, Run: func(ctx context.Context, at time.Time) error {
		// The whole days before the run's day: Monday to Sunday for a
		// Monday morning's digest.
		d, err := flows.LoadDigest(ctx, src, cfg.Community, lang, flows.DayStart(at, cfg.Location()), flows.DigestDays)
		if err != nil {
			return err
		}
		r, err := digest.Build(d, digest.Options{})
		if err != nil {
			return err
		}
		l := cat.Localizer(lang)
		// Sent by the bot itself: where a 24-hour window has closed
		// (WhatsApp) it goes as the template of its kind, which names the
		// week; the organizer's answer opens the window for the rest.
		df := l.S("digest_date_format")
		msgs := []bot.Message{{Text: r.Text(l), Kind: "digest", Vars: map[string]string{
			"title": cfg.Community.Name,
			"when":  r.Period.From.Format(df) + " – " + r.Period.Last().Format(df),
		}}}
		if !r.Quiet {
			chart, err := r.Chart(l)
			if err != nil {
				return err
			}
			msgs = append(msgs, bot.Message{Text: l.T("digest_chart_caption"), File: chart})
		}
		var errs []error
		for _, a := range to {
			for i, m := range msgs {
				m.To = a
				if err := out.Send(ctx, m); err != nil {
					log.Warn("digest not delivered", "to", a.Platform, "chat", a.Chat, "err", err)
					if i == 0 { // the chart alone missing: the organizer has the digest
						errs = append(errs, err)
					}
					break
				}
			}
		}
		if len(to) > 0 && len(errs) == len(to) {
			return fmt.Errorf("digest reached no organizer: %w", errors.Join(errs...))
		}
		return nil
	}}
}

// startDigest runs the weekly digest (schedule.digest) on the app's store
// until ctx ends or stop is called; stop waits for a run in hand. Nothing
// runs without a schedule or without an organizer chat to send to.
func (a *App) startDigest(ctx context.Context) (stop func(), err error) {
	spec, to := a.cfg.Schedule.Digest, flows.OrganizerChats(a.cfg, a.channels.list())
	if spec == "" || len(to) == 0 {
		return func() {}, nil
	}
	c, err := schedulerFor(a, digestJob(spec, digestsource.New(a.Store), a.cfg, a.Catalog, a.senders, to, a.log))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = c.Run(ctx)
	}()
	return func() { cancel(); <-done }, nil
}

// schedulerFor runs jobs on the app's store, claimed in its Redis.
func schedulerFor(a *App, jobs ...scheduler.Recurring) (*scheduler.Cron, error) {
	c, err := scheduler.NewCron(a.Store.Client(), a.Store.Key, a.cfg.Location(), a.now, a.log, jobs...)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	c.Observe(a.metrics.SchedulerRun)
	return c, nil
}
