package flows

import (
	"context"
	"fmt"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/export"
)

// DigestSource gives the digest and the exports their data.
//
// DigestData returns every record that bears on the time from..to:
// everyone registered, opinions and votes up to to (votes of any age: the
// opinion map rests on all of them), events starting from from on
// (coming ones included), offers, and needs with their matches. A zero
// from asks for everything. The caller sets Data.Period, Data.Previous
// and Data.Community.
type DigestSource interface {
	DigestData(ctx context.Context, from, to time.Time) (digest.Data, error)
}

// DigestDays is the length of the digest's period.
const DigestDays = 7

// LoadDigest asks src for the period of days days that ends at to and
// the period before it, and sets the community frame from the
// configuration with labels in lang. The period starts at midnight (in
// the community's time zone) of its first day, so that the two periods
// read as they are and never share a day: the weekly digest, given the
// start of its day as to, covers 30.11.–06.12. against 23.11.–29.11.;
// /digest on a Monday afternoon covers 01.12. to that afternoon against
// 24.11.–30.11.
func LoadDigest(ctx context.Context, src DigestSource, c config.Community, lang string, to time.Time, days int) (digest.Data, error) {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		loc = time.UTC
	}
	first := DayStart(to.Add(-time.Nanosecond), loc).AddDate(0, 0, 1-days)
	now := digest.Period{From: first, To: to}
	prev := digest.Period{From: now.From.AddDate(0, 0, -days), To: now.From}
	d, err := src.DigestData(ctx, prev.From, to)
	if err != nil {
		return digest.Data{}, fmt.Errorf("digest data: %w", err)
	}
	d.Period, d.Previous, d.Community = now, prev, digest.CommunityOf(c, lang)
	return d, nil
}

// DayStart is midnight of t's day in loc.
func DayStart(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
}

// digestFlows are the organizers' /digest, /export and /statistik.
type digestFlows struct {
	deps Deps
}

func (k *digestFlows) set() Set {
	return Set{
		Flows: []*bot.Flow{k.digestFlow(), k.exportFlow(), k.statsFlow()},
		Commands: []bot.Command{
			{Names: []string{"digest"}, Flow: "digest", Help: "help_digest"},
			{Names: []string{"export"}, Flow: "export", Help: "help_export"},
			{Names: []string{"statistik", "stats"}, Flow: "stats", Help: "help_stats"},
		},
	}
}

// report builds the digest of the last DigestDays days in c's language.
// ok is false (and the person told) when no source is configured.
func (k *digestFlows) report(c *bot.Conv) (*digest.Report, bool, error) {
	if k.deps.Digest == nil {
		c.Say("digest_no_source")
		return nil, false, nil
	}
	d, err := LoadDigest(c.Context(), k.deps.Digest, k.deps.Config.Community, c.Lang(), k.deps.Now(), DigestDays)
	if err != nil {
		return nil, false, err
	}
	r, err := digest.Build(d, digest.Options{})
	if err != nil {
		return nil, false, err
	}
	return r, true, nil
}

// digestFlow sends the digest now, with its chart.
func (k *digestFlows) digestFlow() *bot.Flow {
	return &bot.Flow{
		Name: "digest", Start: "show", Organizer: true, Aside: true,
		Steps: map[bot.StepID]bot.Step{"show": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			r, ok, err := k.report(c)
			if !ok {
				return bot.Prompt{}, err
			}
			c.Reply(bot.Message{Text: r.Text(c.L)})
			if r.Quiet {
				return bot.Prompt{}, nil
			}
			chart, err := r.Chart(c.L)
			if err != nil {
				return bot.Prompt{}, err
			}
			return bot.Prompt{Text: c.L.T("digest_chart_caption"), File: chart}, nil
		}}},
	}
}

// statsFlow shows the figures at a glance.
func (k *digestFlows) statsFlow() *bot.Flow {
	return &bot.Flow{
		Name: "stats", Start: "show", Organizer: true, Aside: true,
		Steps: map[bot.StepID]bot.Step{"show": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			r, ok, err := k.report(c)
			if !ok {
				return bot.Prompt{}, err
			}
			return bot.Prompt{Text: r.Glance(c.L)}, nil
		}}},
	}
}

// exportFlow asks for the format and sends every table as a file.
func (k *digestFlows) exportFlow() *bot.Flow {
	return &bot.Flow{
		Name: "export", Start: "format", Organizer: true,
		Begin: func(c *bot.Conv) bot.StepID {
			if k.deps.Digest == nil {
				return "none"
			}
			return "format"
		},
		Steps: map[bot.StepID]bot.Step{
			"none": {Prompt: say("digest_no_source")},
			"format": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("export_choose"), Columns: 2, Choices: []bot.Choice{
						{Label: c.L.S("export_csv"), Value: string(export.FormatCSV)},
						{Label: c.L.S("export_xlsx"), Value: string(export.FormatXLSX)},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					// The export holds everything, not only the last week.
					now := k.deps.Now()
					d, err := k.deps.Digest.DigestData(c.Context(), time.Time{}, now)
					if err != nil {
						return "", fmt.Errorf("export data: %w", err)
					}
					d.Period = digest.Period{From: now, To: now}
					d.Community = digest.CommunityOf(k.deps.Config.Community, c.Lang())
					f, err := export.File(d, export.Format(in.Choice), c.Lang())
					if err != nil {
						return "", err
					}
					c.Reply(bot.Message{Text: c.L.T("export_sent"), File: f})
					return bot.End, nil
				},
			},
		},
	}
}
