package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/export"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/scheduler"
)

// tools are the subcommands that read the data without starting the bot.
var tools = map[string]bool{"digest": true, "export": true}

// runTool runs "heimatbot digest" or "heimatbot export" on the configured
// store.
func runTool(ctx context.Context, name string, args, environ []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("heimatbot "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "configuration file (default "+config.DefaultFile+" if present)")
	var since, chart, format, out *string
	if name == "digest" {
		since = fs.String("since", "7d", "length of the period, in days (7d), ending now")
		chart = fs.String("chart", "", "also write the chart as PNG to this file")
	} else {
		format = fs.String("format", "xlsx", "csv (a ZIP of CSV files) or xlsx")
		out = fs.String("out", "", "file to write (default: heimatbot-export-DATE.zip or .xlsx)")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig(*cfgPath, envMap(environ))
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(cfg.Redis, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()
	src := digestsource.New(newStore(cfg, rdb))
	cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
	if err != nil {
		return err
	}
	now := time.Now()
	if name == "digest" {
		days, err := parseDays(*since)
		if err != nil {
			return err
		}
		return printDigest(ctx, stdout, src, cfg, cat.Localizer(cfg.Community.Languages[0]), now, days, *chart)
	}
	return writeExport(ctx, stdout, src, cfg, now, export.Format(*format), *out)
}

// loadConfig reads the configuration file (the default file when it
// exists and none is named) and the environment.
func loadConfig(path string, env map[string]string) (*config.Config, error) {
	if path == "" {
		if _, err := os.Stat(config.DefaultFile); err == nil {
			path = config.DefaultFile
		}
	}
	return config.Load(path, env)
}

// parseDays reads "7d" (or "7") as 7 days.
func parseDays(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("--since %q: want a number of days such as 7d", s)
	}
	return n, nil
}

// printDigest writes the digest of the days before now as Markdown, and
// the chart to chartFile when one is named. Nothing is sent.
func printDigest(ctx context.Context, w io.Writer, src flows.DigestSource, cfg *config.Config, l *bot.Localizer, now time.Time, days int, chartFile string) error {
	d, err := flows.LoadDigest(ctx, src, cfg.Community, l.Lang, now, days)
	if err != nil {
		return err
	}
	r, err := digest.Build(d, digest.Options{})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, r.Markdown(l)); err != nil {
		return err
	}
	if chartFile == "" {
		return nil
	}
	f, err := r.Chart(l)
	if err != nil {
		return err
	}
	if err := os.WriteFile(chartFile, f.Data, 0o644); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	return nil
}

// writeExport writes every table up to now to outFile (by default the
// export's own file name) and says where.
func writeExport(ctx context.Context, w io.Writer, src flows.DigestSource, cfg *config.Config, now time.Time, format export.Format, outFile string) error {
	d, err := src.DigestData(ctx, time.Time{}, now)
	if err != nil {
		return fmt.Errorf("export data: %w", err)
	}
	d.Period = digest.Period{From: now, To: now}
	d.Community = digest.CommunityOf(cfg.Community, cfg.Community.Languages[0])
	f, err := export.File(d, format)
	if err != nil {
		return err
	}
	if outFile == "" {
		outFile = f.Name
	}
	if err := os.WriteFile(outFile, f.Data, 0o644); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	_, err = fmt.Fprintln(w, outFile)
	return err
}

// digestJob is the weekly delivery: at each scheduled time it builds the
// digest of the DigestDays before it and sends the text and the chart to
// every organizer address. A recipient that cannot be reached is logged;
// the run fails (and is tried again) only when nobody got it.
func digestJob(spec string, src flows.DigestSource, cfg *config.Config, cat *bot.Catalog, out bot.Sender, to []bot.Address, log *slog.Logger) scheduler.Recurring {
	lang := cfg.Community.Languages[0]
	return scheduler.Recurring{Name: "digest", Spec: spec, Run: func(ctx context.Context, at time.Time) error {
		d, err := flows.LoadDigest(ctx, src, cfg.Community, lang, at, flows.DigestDays)
		if err != nil {
			return err
		}
		r, err := digest.Build(d, digest.Options{})
		if err != nil {
			return err
		}
		l := cat.Localizer(lang)
		msgs := []bot.Message{{Text: r.Text(l)}}
		if !r.Quiet {
			chart, err := r.Chart(l)
			if err != nil {
				return err
			}
			msgs = append(msgs, bot.Message{Text: l.T("digest_chart_caption"), File: chart})
		}
		var errs []error
		for _, a := range to {
			for _, m := range msgs {
				m.To = a
				if err := out.Send(ctx, m); err != nil {
					log.Warn("digest not delivered", "to", a.Platform, "chat", a.Chat, "err", err)
					errs = append(errs, err)
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
func (a *app) startDigest(ctx context.Context, now func() time.Time) (stop func(), err error) {
	spec, to := a.cfg.Schedule.Digest, flows.OrganizerChats(a.cfg, a.channels.list())
	if spec == "" || len(to) == 0 {
		return func() {}, nil
	}
	c, err := schedulerFor(a, now, digestJob(spec, digestsource.New(a.store), a.cfg, a.catalog, a.senders, to, a.log))
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
func schedulerFor(a *app, now func() time.Time, jobs ...scheduler.Recurring) (*scheduler.Cron, error) {
	c, err := scheduler.NewCron(a.store.Client(), a.store.Key, a.cfg.Location(), now, a.log, jobs...)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	c.Observe(a.metrics.SchedulerRun)
	return c, nil
}
