package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/export"
	"github.com/heimatbot/heimatbot/flows"
)

// defineDigest prints the digest of the days before now; it sends
// nothing.
func defineDigest(fs *flag.FlagSet) func(context.Context, *call) error {
	since := fs.String("since", "7d", "length of the `PERIOD` in days, ending now")
	chart := fs.String("chart", "", "also write the chart as PNG to this `FILE`")
	return func(ctx context.Context, c *call) error {
		days, err := parseDays(*since)
		if err != nil {
			return err
		}
		return withDigestSource(c, func(cfg *config.Config, src flows.DigestSource) error {
			cat, err := flows.LoadCatalog(cfg.Community.Languages[0])
			if err != nil {
				return err
			}
			return printDigest(ctx, c.stdout, src, cfg, cat.Localizer(cfg.Community.Languages[0]), time.Now(), days, *chart)
		})
	}
}

// defineExport writes every table to a file.
func defineExport(fs *flag.FlagSet) func(context.Context, *call) error {
	format := fs.String("format", "xlsx", "`FORMAT`: csv (a ZIP of CSV files), xlsx, or polis (a folder in Pol.is's export format)")
	out := fs.String("out", "", "`FILE` (or folder) to write (default heimatbot-export-DATE.zip, .xlsx, or heimatbot-polis-DATE)")
	return func(ctx context.Context, c *call) error {
		return withDigestSource(c, func(cfg *config.Config, src flows.DigestSource) error {
			if *format == formatPolis {
				return writePolis(ctx, c.stdout, src, cfg, time.Now(), *out)
			}
			return writeExport(ctx, c.stdout, src, cfg, time.Now(), export.Format(*format), *out)
		})
	}
}

// withDigestSource runs f on the configured community's data.
func withDigestSource(c *call, f func(*config.Config, flows.DigestSource) error) error {
	cfg, err := c.config()
	if err != nil {
		return err
	}
	rdb, closeRedis, err := c.redis(cfg)
	if err != nil {
		return err
	}
	defer closeRedis()
	return f(cfg, digestsource.New(app.NewStore(cfg, rdb)))
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
	f, err := export.File(d, format, cfg.Community.Languages[0])
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
