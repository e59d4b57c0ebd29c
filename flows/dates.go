package flows

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/datetext"
)

// askWhich keeps the days an ambiguous date may mean and names the step
// that offers them; for any other error it asks nothing.
func askWhich(c *bot.Conv, err error, step bot.StepID) (bot.StepID, bool) {
	var amb *datetext.AmbiguousError
	if !errors.As(err, &amb) {
		return "", false
	}
	days := make([]string, len(amb.Candidates))
	for i, t := range amb.Candidates {
		days[i] = t.Format(time.RFC3339)
	}
	c.Set("which", strings.Join(days, ","))
	return step, true
}

// whichDay is the step after askWhich: its question, how a day reads on
// a button, and what becomes of a date typed instead or a day chosen.
type whichDay struct {
	ask   string
	label func(l *bot.Localizer, t time.Time) string
	// read takes a date typed instead of a button, as the step before
	// took it, so that a second ambiguous date is asked about again.
	read func(c *bot.Conv, s string) (bot.StepID, error)
	// set takes the day chosen as if it had been typed unambiguously.
	set func(c *bot.Conv, t time.Time) (bot.StepID, error)
}

// step offers the days askWhich kept as buttons.
func (w whichDay) step() bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T(w.ask), FreeText: true}
			for i, t := range whichDays(c) {
				p.Choices = append(p.Choices, bot.Choice{Label: w.label(c.L, t), Value: strconv.Itoa(i)})
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if in.Choice == "" {
				return w.read(c, strings.TrimSpace(in.Text))
			}
			days := whichDays(c)
			i, err := strconv.Atoi(in.Choice)
			if err != nil || i < 0 || i >= len(days) {
				return c.State.Step, nil
			}
			return w.set(c, days[i])
		},
	}
}

// whichDays are the days askWhich kept, in the order of the buttons.
func whichDays(c *bot.Conv) []time.Time {
	var out []time.Time
	for _, day := range strings.Split(c.Get("which"), ",") {
		if t, err := time.Parse(time.RFC3339, day); err == nil {
			out = append(out, t)
		}
	}
	return out
}
