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
			"start": k.textStep("event_ask_start", false, 100, func(c *bot.Conv, s string) (bot.StepID, error) {
				t, err := datetext.Parse(s, c.Now, k.deps.Config.Location())
				if err != nil {
					k.sayDateError(c, err)
					return c.State.Step, nil
				}
				c.Set("start", t.Format(time.RFC3339))
				return "end", nil
			}),
			"end": k.textStep("event_ask_end", true, 100, func(c *bot.Conv, s string) (bot.StepID, error) {
				if s == "" {
					c.Set("end", "")
					return "place", nil
				}
				start, _ := time.Parse(time.RFC3339, c.Get("start"))
				t, err := datetext.ParseEnd(s, start.In(k.deps.Config.Location()))
				if err != nil {
					k.sayDateError(c, err)
					return c.State.Step, nil
				}
				c.Set("end", t.Format(time.RFC3339))
				return "place", nil
			}),
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
			"capacity": k.textStep("event_ask_capacity", true, 10, func(c *bot.Conv, s string) (bot.StepID, error) {
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

func (k *events) sayDateError(c *bot.Conv, err error) {
	switch {
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
	link := k.shareLink(e.ID)
	if link == "" {
		c.Say("event_no_link")
		return bot.End, nil
	}
	f, err := k.posterFile(c.L, e)
	if err != nil {
		return bot.End, err
	}
	c.Reply(bot.Message{Text: c.L.T("event_share", "Link", link), File: f})
	return bot.End, nil
}
