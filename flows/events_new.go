package flows

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/store"
)

const valueAll = "_all"

// newFlow is /termin_neu: an organizer creates an event step by step and
// gets its share link and QR code.
func (k *events) newFlow() *bot.Flow {
	cm := k.deps.Config.Community
	return &bot.Flow{
		Name:      "event_new",
		Start:     "title",
		Organizer: true,
		Steps: map[bot.StepID]bot.Step{
			"title": k.textStep("event_ask_title", false, maxTitle, func(c *bot.Conv, s string) (bot.StepID, error) {
				c.Set("title", s)
				return "start", nil
			}),
			"start":       k.textStep("event_ask_start", false, 100, k.readStart),
			"start_which": whichDay{ask: "event_ask_start_which", label: k.day, read: k.readStart, set: k.setStart}.step(),
			"end":         k.textStep("event_ask_end", true, 100, k.readEnd),
			"end_which":   whichDay{ask: "event_ask_end_which", label: k.day, read: k.readEnd, set: k.setEnd}.step(),
			"end_long": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					start, _ := time.Parse(time.RFC3339, c.Get("start"))
					end, _ := time.Parse(time.RFC3339, c.Get("end"))
					d := end.Sub(start)
					text := c.L.T("event_ask_end_long_days", "Count", int(d.Round(24*time.Hour)/(24*time.Hour)))
					if d < 48*time.Hour {
						text = c.L.T("event_ask_end_long_hours", "Count", int(d.Round(time.Hour)/time.Hour))
					}
					return bot.Prompt{Text: text, Columns: 2, Choices: []bot.Choice{
						{Label: c.L.S("event_end_long_yes"), Value: valueYes},
						{Label: c.L.S("event_end_long_no"), Value: valueNo},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice != valueYes {
						c.Set("end", "")
						return "end", nil
					}
					return "place", nil
				},
			},
			"place": k.textStep("event_ask_place", false, maxPlace, func(c *bot.Conv, s string) (bot.StepID, error) {
				c.Set("place", s)
				return "description", nil
			}),
			"description": k.textStep("event_ask_description", true, maxDescription, func(c *bot.Conv, s string) (bot.StepID, error) {
				c.Set("description", s)
				return "theme", nil
			}),
			"theme": pickStep("event_ask_theme", "theme", cm.Themes, "audience"),
			"audience": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					chosen := strings.Split(c.Get("districts"), ",")
					p := bot.Prompt{Text: c.L.T("event_ask_audience"), Columns: 2}
					p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("audience_all"), Value: valueAll})
					for _, ch := range choices(c, cm.Districts) {
						if slices.Contains(chosen, ch.Value) {
							ch.Label = "✓ " + ch.Label
						}
						p.Choices = append(p.Choices, ch)
					}
					p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_done"), Value: valueDone})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case valueAll:
						c.Set("districts", "")
						return "capacity", nil
					case valueDone:
						return "capacity", nil
					}
					if _, ok := config.Find(cm.Districts, in.Choice); !ok {
						return c.State.Step, nil
					}
					chosen := slices.DeleteFunc(strings.Split(c.Get("districts"), ","), func(s string) bool { return s == "" })
					if i := slices.Index(chosen, in.Choice); i >= 0 {
						chosen = slices.Delete(chosen, i, i+1)
					} else {
						chosen = append(chosen, in.Choice)
					}
					c.Set("districts", strings.Join(chosen, ","))
					return c.State.Step, nil
				},
			},
			"capacity": k.numberStep("event_ask_capacity", func(c *bot.Conv, s string) (bot.StepID, error) {
				if s == "" {
					c.Set("capacity", "0")
					return "confirm", nil
				}
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 || n > maxCapacity {
					c.Say("event_err_capacity", "Max", maxCapacity)
					return c.State.Step, nil
				}
				c.Set("capacity", strconv.Itoa(n))
				return "confirm", nil
			}),
			"confirm": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					e := k.draft(c)
					return bot.Prompt{
						Text: c.L.T("event_confirm").Append(k.card(c.L, e)),
						Choices: []bot.Choice{
							{Label: c.L.S("event_create"), Value: valueYes},
							{Label: c.L.S("event_discard"), Value: valueNo},
						},
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice != valueYes {
						c.Say("event_discarded")
						return bot.End, nil
					}
					return k.create(c)
				},
			},
		},
	}
}

// textStep asks for free text of at most max characters; optional steps
// offer a skip button, which hands "" to next.
func (k *events) textStep(ask string, optional bool, max int, next func(c *bot.Conv, s string) (bot.StepID, error)) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T(ask), FreeText: true}
			if optional {
				p.Choices = []bot.Choice{{Label: c.L.S("button_skip"), Value: valueSkip}}
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if in.Choice == valueSkip && optional {
				return next(c, "")
			}
			s := strings.TrimSpace(in.Text)
			if s == "" {
				return c.State.Step, nil
			}
			if n := utf8.RuneCountInString(s); n > max {
				c.Say("error_too_long", "Max", max, "Length", n)
				return c.State.Step, nil
			}
			return next(c, s)
		},
	}
}

// numberStep is a textStep whose answer is a number: a typed "1" is one,
// not a press of the skip button.
func (k *events) numberStep(ask string, next func(c *bot.Conv, s string) (bot.StepID, error)) bot.Step {
	s := k.textStep(ask, true, 10, next)
	prompt := s.Prompt
	s.Prompt = func(c *bot.Conv) (bot.Prompt, error) {
		p, err := prompt(c)
		p.Numeric = true
		return p, err
	}
	return s
}

// readStart reads the start; a day said ambiguously is asked back.
func (k *events) readStart(c *bot.Conv, s string) (bot.StepID, error) {
	t, err := datetext.Parse(s, c.Now, k.deps.Config.Location())
	if next, asked := askWhich(c, err, "start_which"); asked {
		return next, nil
	}
	if err != nil {
		k.sayDateError(c, err)
		return c.State.Step, nil
	}
	return k.setStart(c, t)
}

func (k *events) setStart(c *bot.Conv, t time.Time) (bot.StepID, error) {
	c.Set("start", t.Format(time.RFC3339))
	return "end", nil
}

// readEnd reads the end; skipped, the event has none.
func (k *events) readEnd(c *bot.Conv, s string) (bot.StepID, error) {
	if s == "" {
		c.Set("end", "")
		return "place", nil
	}
	start, _ := time.Parse(time.RFC3339, c.Get("start"))
	t, err := datetext.ParseEnd(s, start.In(k.deps.Config.Location()))
	if next, asked := askWhich(c, err, "end_which"); asked {
		return next, nil
	}
	if err != nil {
		k.sayDateError(c, err)
		return c.State.Step, nil
	}
	return k.setEnd(c, t)
}

// setEnd takes an end after the start; one more than a day after it is
// confirmed first (a Friday typed for a Saturday start).
func (k *events) setEnd(c *bot.Conv, t time.Time) (bot.StepID, error) {
	start, _ := time.Parse(time.RFC3339, c.Get("start"))
	if !t.After(start) {
		c.Say("event_err_end")
		return "end", nil
	}
	c.Set("end", t.Format(time.RFC3339))
	if t.Sub(start) > 24*time.Hour {
		return "end_long", nil
	}
	return "place", nil
}

// day writes a moment of an event as the event's start.
func (k *events) day(l *bot.Localizer, t time.Time) string {
	return k.when(l, store.Event{Start: t})
}

func (k *events) sayDateError(c *bot.Conv, err error) {
	var amb *datetext.AmbiguousError
	switch {
	case errors.As(err, &amb) && len(amb.Candidates) == 2:
		// Where no step offers the days as buttons (editing an event).
		loc := k.deps.Config.Location()
		c.Say("event_err_ambiguous", "Date", k.when(c.L, store.Event{Start: amb.Candidates[0].In(loc)}),
			"Later", k.when(c.L, store.Event{Start: amb.Candidates[1].In(loc)}))
	case errors.Is(err, datetext.ErrPast):
		c.Say("event_err_past")
	case errors.Is(err, datetext.ErrEndBeforeStart):
		c.Say("event_err_end")
	case errors.Is(err, datetext.ErrMissingTime):
		c.Say("event_err_no_time")
	default:
		c.Say("event_err_date")
	}
}

// draft is the event as entered so far.
func (k *events) draft(c *bot.Conv) store.Event {
	start, _ := time.Parse(time.RFC3339, c.Get("start"))
	end, _ := time.Parse(time.RFC3339, c.Get("end"))
	capacity, _ := strconv.Atoi(c.Get("capacity"))
	var districts []string
	if d := c.Get("districts"); d != "" {
		districts = strings.Split(d, ",")
	}
	return store.Event{
		Title: c.Get("title"), Description: c.Get("description"), Place: c.Get("place"), Theme: c.Get("theme"),
		Start: start, End: end, Districts: districts, Capacity: capacity,
	}
}

// create stores the draft under an id derived from the update, so a
// redelivered confirmation creates no second event.
func (k *events) create(c *bot.Conv) (bot.StepID, error) {
	e := k.draft(c)
	e.ID = EventID(c.Update.ID)
	err := k.svc.Create(c.Context(), e)
	switch {
	case errors.Is(err, store.ErrEventExists):
	case errors.Is(err, ErrStartPast):
		c.Say("event_err_past")
		return "start", nil
	case err != nil:
		return bot.End, err
	}
	c.Say("event_created", "Title", e.Title)
	links := k.posterLinks(e.ID)
	if len(links) == 0 {
		// Only Telegram and WhatsApp have links that open the bot; a
		// Telegram bot whose name is not configured is the one gap an
		// organizer can close.
		c.Say("event_no_link", "Telegram", k.deps.Config.Telegram.Token != "")
		return bot.End, nil
	}
	f, err := k.posterFile(c.L, e)
	if err != nil {
		return bot.End, err
	}
	text := c.L.T("event_share")
	for _, l := range links {
		text = text.Append(c.L.T("event_share_link", "Platform", l.Label, "Link", l.URL))
	}
	c.Reply(bot.Message{Text: text, File: f})
	return bot.End, nil
}
