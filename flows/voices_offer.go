package flows

import (
	"errors"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// The answers and limits of /mitmachen.
const (
	timeOnce      = "once"
	timeMonth     = "month"
	timeRegular   = "regular"
	contactBot    = "bot"
	contactName   = "name"
	valueChange   = "change"
	valueWithdraw = "withdraw"
	offerTextMin  = 3
	offerTextMax  = 300
)

// offerFlow (/mitmachen) takes an offer of help: categories, a sentence,
// how much time, where, and how organizers may reach the helper. Someone
// with an offer sees it and may change or withdraw it.
func (v *voices) offerFlow() *bot.Flow {
	cm := v.deps.Config.Community
	return &bot.Flow{
		Name:     "volunteer",
		Personal: true,
		Start:    "cats",
		Consent:  true,
		Begin: func(c *bot.Conv) bot.StepID {
			if _, err := v.deps.Store.Offer(c.Context(), c.Profile.Ref); errors.Is(err, store.ErrNotFound) {
				return "cats"
			}
			return "overview"
		},
		Steps: map[bot.StepID]bot.Step{
			"overview": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					o, err := v.deps.Store.Offer(c.Context(), c.Profile.Ref)
					if err != nil {
						return bot.Prompt{}, err
					}
					return bot.Prompt{
						Text: v.offerText(c.L, o),
						Choices: []bot.Choice{
							{Label: c.L.S("voices_offer_change"), Value: valueChange},
							{Label: c.L.S("voices_offer_withdraw"), Value: valueWithdraw},
							{Label: c.L.S("button_done"), Value: valueDone},
						},
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					ctx := c.Context()
					switch in.Choice {
					case valueChange:
						o, err := v.deps.Store.Offer(ctx, c.Profile.Ref)
						if err != nil {
							return "", err
						}
						c.Set("cats", strings.Join(o.Categories, ","))
						c.Set("districts", strings.Join(o.Districts, ","))
						c.Set("text", o.Text)
						return "cats", nil
					case valueWithdraw:
						if err := v.deps.Store.WithdrawOffer(ctx, c.Profile.Ref); err != nil {
							return "", err
						}
						c.Say("voices_offer_withdrawn")
						return bot.End, nil
					case valueDone:
						c.Say("voices_offer_kept")
						return bot.End, nil
					}
					return c.State.Step, nil
				},
			},
			"cats": toggleStep("voices_offer_cats", "cats", cm.HelpCategories, "text"),
			"text": textStep("voices_offer_text", "text", offerTextMin, offerTextMax, true, "time"),
			"time": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("voices_offer_time"), Choices: []bot.Choice{
						{Label: c.L.S("voices_time_" + timeOnce), Value: timeOnce},
						{Label: c.L.S("voices_time_" + timeMonth), Value: timeMonth},
						{Label: c.L.S("voices_time_" + timeRegular), Value: timeRegular},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case timeOnce, timeMonth, timeRegular:
						c.Set("time", in.Choice)
						if c.Get("districts") == "" && c.Profile.District != "" {
							c.Set("districts", c.Profile.District)
							c.Set("districts"+presetSuffix, c.Profile.District)
						}
						return "where", nil
					}
					return c.State.Step, nil
				},
			},
			"where": skipContact(toggleStep("voices_offer_where", "districts", cm.Districts, "contact"), v.saveOffer),
			"contact": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("voices_offer_contact"), Choices: []bot.Choice{
						{Label: c.L.S("voices_contact_by_bot"), Value: contactBot},
						{Label: c.L.S("voices_contact_by_name"), Value: contactName},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice != contactBot && in.Choice != contactName {
						return c.State.Step, nil
					}
					return v.saveOffer(c, in.Choice == contactName)
				},
			},
		},
	}
}

// saveOffer stores the offer the flow collected, shows it, and asks the
// helpers of open needs that fit.
func (v *voices) saveOffer(c *bot.Conv, showName bool) (bot.StepID, error) {
	o := store.Offer{
		Ref: c.Profile.Ref, Categories: list(c, "cats"), Text: c.Get("text"),
		Time: c.Get("time"), Districts: list(c, "districts"),
		ShowName: showName, Updated: c.Now.UTC(),
	}
	if err := v.deps.Store.SaveOffer(c.Context(), o); err != nil {
		return "", err
	}
	c.Reply(bot.Message{Text: c.L.T("voices_offer_saved").Append(v.offerText(c.L, o))})
	return bot.End, v.matchOpenNeeds(c, o)
}

// skipContact leaves out the question whether others may see the person's
// handle when they have none (a Telegram account without a username):
// the offer is then reached through the bot alone.
func skipContact(s bot.Step, save func(c *bot.Conv, showName bool) (bot.StepID, error)) bot.Step {
	handle := s.Handle
	s.Handle = func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
		next, err := handle(c, in)
		if err != nil || next != "contact" || c.Update.User.Name != "" {
			return next, err
		}
		return save(c, false)
	}
	return s
}

// offerText shows an offer to its helper.
func (v *voices) offerText(l *bot.Localizer, o store.Offer) bot.Text {
	cm := v.deps.Config.Community
	text := o.Text
	if text == "" {
		text = l.S("profile_none")
	}
	contact := l.S("voices_contact_shown_bot")
	if o.ShowName {
		contact = l.S("voices_contact_shown_name")
	}
	return l.T("voices_offer_overview",
		"Categories", optionNames(cm.HelpCategories, o.Categories, l.Lang),
		"Text", text, "Time", l.S("voices_time_"+o.Time),
		"Districts", optionNames(cm.Districts, o.Districts, l.Lang),
		"Contact", contact)
}
