package flows

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// feedbackButtons are the stars of "Wie war's?".
func feedbackButtons(id string) [][]bot.Button {
	row := make([]bot.Button, 5)
	for i := range row {
		n := strconv.Itoa(i + 1)
		row[i] = bot.Button{Label: strings.Repeat("★", i+1), Payload: bot.ActionPayload("fb", id+":"+n)}
	}
	return [][]bot.Button{row}
}

// feedbackAction stores the stars ("ID:N") and asks for an optional
// sentence. Pressing again replaces the stars.
func (k *events) feedbackAction(c *bot.Conv, arg string) error {
	id, n, _ := strings.Cut(arg, ":")
	stars, err := strconv.Atoi(n)
	if err != nil || stars < 1 || stars > 5 || c.Profile == nil {
		c.Refuse("error_stale")
		return nil
	}
	e, err := k.deps.Store.Event(c.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		c.Refuse("event_gone")
		return nil
	}
	if err != nil {
		return err
	}
	f := store.Feedback{Ref: c.Profile.Ref, Stars: stars, At: c.Now.UTC()}
	if err := k.deps.Store.SetFeedback(c.Context(), id, c.Update.User, f); err != nil {
		return err
	}
	return c.StartFlow("event_feedback", "event", e.ID, "stars", n)
}

// feedbackFlow asks for the optional sentence after the stars.
func (k *events) feedbackFlow() *bot.Flow {
	return &bot.Flow{
		Name:    "event_feedback",
		Start:   "text",
		Consent: true,
		Steps: map[bot.StepID]bot.Step{
			"text": k.textStep("feedback_ask_text", true, k.deps.Config.Limits.OpinionMax, func(c *bot.Conv, s string) (bot.StepID, error) {
				id := c.Get("event")
				stars, _ := strconv.Atoi(c.Get("stars"))
				if id == "" || stars == 0 {
					c.Refuse("error_stale")
					return bot.End, nil
				}
				if s != "" {
					f := store.Feedback{Ref: c.Profile.Ref, Stars: stars, Text: s, At: c.Now.UTC()}
					if err := k.deps.Store.SetFeedback(c.Context(), id, c.Update.User, f); err != nil {
						return bot.End, err
					}
					if err := k.feedbackOpinion(c, id, s); err != nil {
						return bot.End, err
					}
				}
				c.Say("feedback_thanks")
				return bot.End, nil
			}),
		},
	}
}

// feedbackOpinion keeps the sentence also as an opinion on the event's
// theme, which goes through moderation like any other, and tells the
// author so.
func (k *events) feedbackOpinion(c *bot.Conv, eventID, text string) error {
	e, err := k.deps.Store.Event(c.Context(), eventID)
	if err != nil || k.opine == nil || e.Theme == "" {
		return err
	}
	o, err := k.opine(c, store.Opinion{
		ID: derivedID(c, "feedback"), Ref: c.Profile.Ref, Theme: e.Theme,
		District: c.Profile.District, Role: c.Profile.Role, Text: text, Created: c.Now.UTC(),
	})
	if err != nil {
		return err
	}
	if o.Held != "" {
		c.Say("voices_opinion_held", "Kind", c.L.S("voices_contact_"+o.Held))
		return nil
	}
	c.Say("feedback_as_opinion", "Theme", optionName(k.deps.Config.Community.Themes, e.Theme, c.Lang()))
	return nil
}

// eventData is the events' share of a person's data.
type eventData struct{ k *events }

func (eventData) Name() string { return "events" }

// Export lists the person's answers and feedback.
func (d eventData) Export(ctx context.Context, u bot.User, p *bot.Profile) (any, error) {
	ref := ""
	if p != nil {
		ref = p.Ref
	}
	return d.k.deps.Store.PersonEvents(ctx, u, ref)
}

// Forget removes the person's answers, feedback and pending messages. A
// seat they free goes to the next on the waiting list, who is told.
func (d eventData) Forget(ctx context.Context, u bot.User, p *bot.Profile) error {
	ref := ""
	if p != nil {
		ref = p.Ref
	}
	promoted, err := d.k.deps.Store.ForgetPersonEvents(ctx, u, ref)
	if err != nil {
		return err
	}
	if err := d.k.svc.Broadcasts.Forget(ctx, u); err != nil {
		return err
	}
	for _, pr := range promoted {
		b := promotionNotice(pr)
		if _, err := d.k.svc.Broadcasts.Start(ctx, b, []bot.User{pr.User}); err != nil {
			return err
		}
	}
	return nil
}
