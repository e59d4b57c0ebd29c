package flows

import (
	"slices"
	"strconv"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// listFlow is /termine: the upcoming events a few at a time, each with its
// answer buttons and calendar file. It needs no consent; answering does.
func (k *events) listFlow() *bot.Flow {
	return &bot.Flow{
		Name:     "events",
		Personal: true,
		Start:    "list",
		Aside:    true,
		Steps: map[bot.StepID]bot.Step{"list": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{}, k.showPage(c, 0)
		}}},
	}
}

// visible reports whether the person is in the event's audience; people
// without a district see every event.
func visible(c *bot.Conv, e store.Event) bool {
	if len(e.Districts) == 0 || c.Profile == nil || c.Profile.District == "" || c.Organizer {
		return true
	}
	return slices.Contains(e.Districts, c.Profile.District)
}

// showPage replies with the events from offset on and a "more" button when
// there are further ones.
func (k *events) showPage(c *bot.Conv, offset int) error {
	all, err := k.deps.Store.Events(c.Context(), c.Now, 0, 0)
	if err != nil {
		return err
	}
	var list []store.Event
	for _, e := range all {
		if visible(c, e) {
			list = append(list, e)
		}
	}
	if len(list) == 0 {
		c.Say("events_none")
		return nil
	}
	if offset >= len(list) {
		c.Say("events_no_more")
		return nil
	}
	if offset == 0 {
		c.Say("events_header", "N", len(list))
	}
	end := min(offset+k.pageSize, len(list))
	for _, e := range list[offset:end] {
		m, err := k.eventMessage(c.L, e, "")
		if err != nil {
			return err
		}
		if mine, err := k.deps.Store.RSVPOf(c.Context(), e.ID, c.Update.User); err == nil && mine != store.RSVPNone {
			m.Text = m.Text.Append(c.L.T("rsvp_current_" + string(mine)))
		}
		if c.Organizer {
			m.Buttons = append(m.Buttons, []bot.Button{
				{Label: c.L.S("event_edit_button"), Payload: bot.ActionPayload("evedit", e.ID)},
				{Label: c.L.S("event_cancel_button"), Payload: bot.ActionPayload("evcancel", e.ID)},
			})
		}
		c.Reply(m)
	}
	if end < len(list) {
		c.Reply(bot.Message{
			Text:    c.L.T("events_more_text", "N", len(list)-end),
			Buttons: [][]bot.Button{{{Label: c.L.S("events_more"), Payload: bot.ActionPayload("evmore", strconv.Itoa(end))}}},
		})
	}
	return nil
}

// suggestNext shows, at the end of onboarding, the next event the person
// may come to and has not answered yet, with its answer buttons.
func (k *events) suggestNext(c *bot.Conv) ([]bot.Message, string, error) {
	all, err := k.deps.Store.Events(c.Context(), c.Now, 0, 0)
	if err != nil {
		return nil, "", err
	}
	for _, e := range all {
		if e.Cancelled || !visible(c, e) {
			continue
		}
		if mine, err := k.deps.Store.RSVPOf(c.Context(), e.ID, c.Update.User); err != nil || mine != store.RSVPNone {
			continue
		}
		return []bot.Message{{Text: c.L.T("event_next").Append(k.card(c.L, e)), Buttons: rsvpButtons(c.L, e.ID)}}, "", nil
	}
	return nil, "", nil
}

// moreAction shows the next page of /termine.
func (k *events) moreAction(c *bot.Conv, arg string) error {
	n, err := strconv.Atoi(arg)
	if err != nil || n < 0 {
		c.Refuse("error_stale")
		return nil
	}
	return k.showPage(c, n)
}

// openLink shows the event of a share link with its answer buttons.
func (k *events) openLink(c *bot.Conv, id string) error {
	e, ok, err := k.liveEvent(c, id)
	if err != nil || !ok {
		return err
	}
	m, err := k.eventMessage(c.L, e, "event_from_link")
	if err != nil {
		return err
	}
	c.Reply(m)
	return nil
}

// rsvpAction records an answer: "ID:y", "ID:m" or "ID:n". Someone who has
// not consented is asked for it in one tap, and the answer is then stored
// without a second press.
func (k *events) rsvpAction(c *bot.Conv, arg string) error {
	id, code, _ := strings.Cut(arg, ":")
	answer, ok := map[string]store.RSVP{"y": store.RSVPYes, "m": store.RSVPMaybe, "n": store.RSVPNo}[code]
	if !ok || id == "" {
		c.Refuse("error_stale")
		return nil
	}
	if c.Profile == nil {
		return askConsent(c, "rsvp", arg)
	}
	e, live, err := k.liveEvent(c, id)
	if err != nil || !live {
		return err
	}
	r, err := k.deps.Store.SetRSVP(c.Context(), id, c.Update.User, answer)
	if err != nil {
		return err
	}
	switch r.Status {
	case store.RSVPWaiting:
		c.Say("rsvp_waiting", "Title", e.Title, "Position", r.Position)
	default:
		c.Say("rsvp_saved_"+string(r.Status), "Title", e.Title)
	}
	if r.Promoted.ID != "" {
		return k.tellPromoted(c, e, r.Promoted)
	}
	return nil
}

// tellPromoted tells the person who moved up from the waiting list.
func (k *events) tellPromoted(c *bot.Conv, e store.Event, u bot.User) error {
	p, err := k.userProfile(c.Context(), u)
	if err != nil || p == nil {
		return err
	}
	l := k.localizer(p.Lang, p.Chat)
	c.Notify(bot.Message{To: p.Chat, Text: l.T("rsvp_promoted", "Title", e.Title, "When", k.when(l, e)),
		Kind: kindPromoted, Vars: map[string]string{"title": e.Title, "when": k.when(l, e)}})
	return nil
}
