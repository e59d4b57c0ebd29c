package flows

import (
	"errors"
	"strconv"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// The fields of an event an organizer can change after creating it.
var editFields = []string{"title", "start", "end", "place", "description", "capacity"}

// editFlow changes an event one field at a time. A new time reschedules
// the reminders and tells everyone who said yes or maybe, or waits for a
// seat.
func (k *events) editFlow() *bot.Flow {
	return &bot.Flow{
		Name:      "event_edit",
		Start:     "field",
		Organizer: true,
		Steps: map[bot.StepID]bot.Step{
			"field": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					e, err := k.deps.Store.Event(c.Context(), c.Get("event"))
					if err != nil {
						return bot.Prompt{}, err
					}
					p := bot.Prompt{Text: k.card(c.L, e).Append(c.L.T("event_edit_ask")), Columns: 2}
					for _, f := range editFields {
						p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("event_field_" + f), Value: f})
					}
					p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_done"), Value: valueDone})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice == valueDone {
						c.Say("event_edit_done")
						return bot.End, nil
					}
					for _, f := range editFields {
						if in.Choice == f {
							c.Set("field", f)
							return "value", nil
						}
					}
					return c.State.Step, nil
				},
			},
			"value": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					ask, ok := editAsk[c.Get("field")]
					if !ok {
						ask = "event_ask_" + c.Get("field")
					}
					return bot.Prompt{Text: c.L.T(ask), FreeText: true}, nil
				},
				Handle: k.editValue,
			},
		},
	}
}

// editAsk names the question for a field's new value where the
// creation's question offers a skip the edit has not (0 removes the
// capacity instead); other fields ask as at creation.
var editAsk = map[string]string{
	"end":         "event_edit_ask_end",
	"description": "event_edit_ask_description",
	"capacity":    "event_edit_ask_capacity",
}

// editValue reads the new value of the chosen field, saves the event and
// goes back to the choice of fields; a bad value is explained and changes
// nothing.
func (k *events) editValue(c *bot.Conv, in bot.Input) (bot.StepID, error) {
	e, err := k.deps.Store.Event(c.Context(), c.Get("event"))
	if err != nil {
		return bot.End, err
	}
	loc := k.deps.Config.Location()
	s := in.Text
	limit := map[string]int{"title": maxTitle, "place": maxPlace, "description": maxDescription}
	if n, ok := limit[c.Get("field")]; ok && len([]rune(s)) > n {
		c.Say("error_too_long", "Max", n, "Length", len([]rune(s)))
		return c.State.Step, nil
	}
	moved := false
	switch c.Get("field") {
	case "title":
		e.Title = s
	case "place":
		e.Place = s
	case "description":
		e.Description = s
	case "start":
		t, err := datetext.Parse(s, c.Now, loc)
		if err != nil {
			k.sayDateError(c, err)
			return c.State.Step, nil
		}
		if !e.End.IsZero() {
			e.End = t.Add(e.End.Sub(e.Start)) // keep the length
		}
		e.Start, moved = t, true
	case "end":
		t, err := datetext.ParseEnd(s, e.Start.In(loc))
		if err != nil {
			k.sayDateError(c, err)
			return c.State.Step, nil
		}
		e.End, moved = t, true
	case "capacity":
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxCapacity {
			c.Say("event_edit_err_capacity", "Max", maxCapacity)
			return c.State.Step, nil
		}
		e.Capacity = n
	}
	switch err := k.svc.Edit(c.Context(), e); {
	case errors.Is(err, ErrEndBeforeStart):
		c.Say("event_err_end")
		return c.State.Step, nil
	case errors.Is(err, ErrStartPast):
		c.Say("event_err_past")
		return c.State.Step, nil
	case errors.Is(err, ErrCancelled):
		c.Refuse("event_edit_cancelled")
		return bot.End, nil
	case err != nil:
		return bot.End, err
	}
	c.Say("event_edit_saved")
	if moved {
		if err := k.tellMoved(c, e); err != nil {
			return bot.End, err
		}
	}
	return "field", nil
}

// tellMoved tells everyone who said yes or maybe, or waits for a seat,
// about the new time, once per version of the event.
func (k *events) tellMoved(c *bot.Conv, e store.Event) error {
	saved, err := k.deps.Store.Event(c.Context(), e.ID)
	if err != nil {
		return err
	}
	to, err := k.deps.Store.Attendees(c.Context(), e.ID, store.RSVPYes, store.RSVPMaybe, store.RSVPWaiting)
	if err != nil {
		return err
	}
	id := "moved-" + e.ID + "-" + strconv.Itoa(saved.Sequence)
	_, err = k.svc.Broadcasts.Start(c.Context(), scheduler.Broadcast{ID: id, Kind: kindMoved, Event: e.ID}, to)
	return err
}

// editAction opens the edit flow for an event (organizers only).
func (k *events) editAction(c *bot.Conv, id string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	if _, ok, err := k.liveEvent(c, id); err != nil || !ok {
		return err
	}
	return c.StartFlow("event_edit", "event", id)
}

// movedNotice is the message about a new time, with the new calendar file.
func (k *events) movedNotice(l *bot.Localizer, e store.Event) (bot.Message, error) {
	return k.eventMessage(l, e, "event_moved_intro")
}
