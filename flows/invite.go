package flows

import (
	"errors"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// inviteFlow is /einladen: an organizer picks an event and an audience,
// sees how many will get the invitation, and confirms. "/einladen status"
// shows the progress of the invitations sent.
func (k *events) inviteFlow() *bot.Flow {
	cm := k.deps.Config.Community
	return &bot.Flow{
		Name:      "invite",
		Start:     "event",
		Organizer: true,
		Begin: func(c *bot.Conv) bot.StepID {
			if strings.EqualFold(strings.TrimSpace(c.Update.Args), "status") {
				return "status"
			}
			if list, err := k.deps.Store.Events(c.Context(), c.Now, 0, 1); err == nil && len(list) == 0 {
				return "none" // nothing to invite to: say so and close the question
			}
			return "event"
		},
		Steps: map[bot.StepID]bot.Step{
			"status": {Prompt: k.inviteStatus},
			"none":   {Prompt: say("invite_no_events")},
			"event": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					list, err := k.deps.Store.Events(c.Context(), c.Now, 0, 10)
					if err != nil {
						return bot.Prompt{}, err
					}
					if len(list) == 0 {
						return bot.Prompt{Text: c.L.T("invite_no_events")}, nil
					}
					p := bot.Prompt{Text: c.L.T("invite_ask_event")}
					for _, e := range list {
						p.Choices = append(p.Choices, bot.Choice{Label: e.Title + " · " + k.when(c.L, e), Value: e.ID})
					}
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if _, ok, err := k.liveEvent(c, in.Choice); err != nil || !ok {
						return bot.End, err
					}
					c.Set("event", in.Choice)
					return "audience", nil
				},
			},
			"audience": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("invite_ask_audience"), Choices: []bot.Choice{
						{Label: c.L.S("invite_all"), Value: valueAll},
						{Label: c.L.S("invite_by_district"), Value: "district"},
						{Label: c.L.S("invite_by_theme"), Value: "theme"},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case valueAll:
						return "preview", nil
					case "district", "theme":
						return bot.StepID(in.Choice), nil
					}
					return c.State.Step, nil
				},
			},
			"district": k.pickStep("invite_ask_district", cm.Districts, "district"),
			"theme":    k.pickStep("invite_ask_theme", cm.Themes, "theme"),
			"preview": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					e, err := k.deps.Store.Event(c.Context(), c.Get("event"))
					if err != nil {
						return bot.Prompt{}, err
					}
					to, err := k.invitees(c)
					if err != nil {
						return bot.Prompt{}, err
					}
					t := c.L.T("invite_preview", "N", len(to)).Append(c.L.T("invite_intro")).Append(k.card(c.L, e))
					return bot.Prompt{Text: t, Choices: []bot.Choice{
						{Label: c.L.S("invite_send"), Value: valueYes},
						{Label: c.L.S("invite_discard"), Value: valueNo},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice != valueYes {
						c.Say("invite_discarded")
						return bot.End, nil
					}
					return k.startInvite(c)
				},
			},
		},
	}
}

// pickStep asks for one option and keeps it under key.
func (k *events) pickStep(ask string, opts []config.Option, key string) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{Text: c.L.T(ask), Choices: choices(c, opts), Columns: 2}, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if _, ok := config.Find(opts, in.Choice); !ok {
				return c.State.Step, nil
			}
			c.Set(key, in.Choice)
			return "preview", nil
		},
	}
}

// invitees are the recipients of the invitation being prepared who have
// not answered its event: those who did are not asked again, so the
// preview counts only whom the invitation reaches.
func (k *events) invitees(c *bot.Conv) ([]bot.User, error) {
	to, err := k.svc.Recipients(c.Context(), c.Get("district"), c.Get("theme"))
	if err != nil {
		return nil, err
	}
	answered, err := k.deps.Store.Attendees(c.Context(), c.Get("event"),
		store.RSVPYes, store.RSVPMaybe, store.RSVPNo, store.RSVPWaiting)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(answered))
	for _, u := range answered {
		seen[u.Key()] = true
	}
	return slices.DeleteFunc(to, func(u bot.User) bool { return seen[u.Key()] }), nil
}

// startInvite fixes the recipients and starts the broadcast; its id comes
// from the update, so a redelivered confirmation starts nothing twice.
func (k *events) startInvite(c *bot.Conv) (bot.StepID, error) {
	id := c.Get("event")
	if _, ok, err := k.liveEvent(c, id); err != nil || !ok {
		return bot.End, err
	}
	to, err := k.invitees(c)
	if err != nil {
		return bot.End, err
	}
	bid := "inv-" + EventID(c.Update.ID)
	if _, err := k.svc.Broadcasts.Start(c.Context(), scheduler.Broadcast{ID: bid, Kind: kindInvite, Event: id}, to); err != nil {
		return bot.End, err
	}
	c.Say("invite_started", "N", len(to))
	return bot.End, nil
}

// inviteStatus shows the progress of every invitation, with a button to
// stop those still running.
func (k *events) inviteStatus(c *bot.Conv) (bot.Prompt, error) {
	all, err := k.svc.Broadcasts.List(c.Context())
	if err != nil {
		return bot.Prompt{}, err
	}
	shown := 0
	for _, b := range all {
		if b.Kind != kindInvite {
			continue
		}
		title := b.Event
		if e, err := k.deps.Store.Event(c.Context(), b.Event); err == nil {
			title = e.Title
		} else if !errors.Is(err, store.ErrNotFound) {
			return bot.Prompt{}, err
		}
		m := bot.Message{Text: c.L.T("invite_status", "Title", title, "Status", c.L.S("broadcast_"+b.Status),
			"Total", b.Total, "Sent", b.Sent, "Failed", b.Failed, "Blocked", b.Blocked,
			"Skipped", b.Skipped, "Remaining", b.Remaining)}
		if b.Status == scheduler.StatusRunning {
			m.Buttons = [][]bot.Button{{{Label: c.L.S("invite_stop"), Payload: bot.ActionPayload("bccancel", b.ID)}}}
		}
		c.Reply(m)
		shown++
	}
	if shown == 0 {
		return bot.Prompt{Text: c.L.T("invite_status_none")}, nil
	}
	return bot.Prompt{}, nil
}

// cancelBroadcastAction stops a running invitation.
func (k *events) cancelBroadcastAction(c *bot.Conv, id string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	err := k.svc.Broadcasts.Cancel(c.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		c.Refuse("error_stale")
		return nil
	}
	if err != nil {
		return err
	}
	b, err := k.svc.Broadcasts.Get(c.Context(), id)
	if err != nil {
		return err
	}
	c.Say("invite_stopped", "Sent", b.Sent, "Total", b.Total)
	return nil
}

// cancelEventAction cancels an event after a confirmation:
// "ID" asks, "ID:yes" cancels.
func (k *events) cancelEventAction(c *bot.Conv, arg string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	id, confirm, _ := strings.Cut(arg, ":")
	e, ok, err := k.liveEvent(c, id)
	if err != nil || !ok {
		return err
	}
	if confirm != valueYes {
		c.Reply(bot.Message{Text: c.L.T("event_cancel_confirm", "Title", e.Title), Buttons: [][]bot.Button{{
			{Label: c.L.S("event_cancel_yes"), Payload: bot.ActionPayload("evcancel", id+":"+valueYes)},
		}}})
		return nil
	}
	if _, err := k.svc.Cancel(c.Context(), id, c.Update.ID); err != nil {
		return err
	}
	c.Say("event_cancelled", "Title", e.Title)
	return nil
}
