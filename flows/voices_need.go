package flows

import (
	"errors"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
)

// roleAssociation is the profile role of association members, who may
// post needs besides the organizers.
const roleAssociation = "verein"

// The limits of a need's title and time, in characters.
const (
	needTitleMin = 3
	needTitleMax = 100
	needWhenMax  = 100
)

// mayPostNeeds: needs are posted by organizers and association members.
func mayPostNeeds(c *bot.Conv) bool {
	return c.Organizer || c.Profile != nil && c.Profile.Role == roleAssociation
}

// needFlow (/gesuch) lets association members and organizers post a need:
// title, description, categories, district, when. The helpers whose offer
// shares a category and covers the district are asked at once. The
// author's open needs can be closed as filled.
func (v *voices) needFlow() *bot.Flow {
	cm, lim := v.deps.Config.Community, v.deps.Config.Limits
	return &bot.Flow{
		Name:     "need",
		Personal: true,
		Start:    "title",
		Consent:  true,
		MeantFor: mayPostNeeds,
		Begin: func(c *bot.Conv) bot.StepID {
			if !mayPostNeeds(c) {
				return "denied"
			}
			needs, err := v.deps.Store.NeedsBy(c.Context(), c.Profile.Ref)
			if err != nil || len(openNeeds(needs)) > 0 {
				return "list"
			}
			return "title"
		},
		Steps: map[bot.StepID]bot.Step{
			"denied": {Prompt: say("voices_need_denied")},
			"list": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					needs, err := v.deps.Store.NeedsBy(c.Context(), c.Profile.Ref)
					if err != nil {
						return bot.Prompt{}, err
					}
					p := bot.Prompt{Text: c.L.T("voices_need_list")}
					for _, n := range openNeeds(needs) {
						p.Text = p.Text.Append(bot.ParseMarkup("- " + bot.Escape(n.Title)))
						p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("voices_need_close", "Title", n.Title), Value: "close:" + n.ID})
					}
					p.Choices = append(p.Choices,
						bot.Choice{Label: c.L.S("voices_need_new"), Value: "new"},
						bot.Choice{Label: c.L.S("button_done"), Value: valueDone})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if id, ok := strings.CutPrefix(in.Choice, "close:"); ok {
						err := v.deps.Store.CloseNeed(c.Context(), id, c.Profile.Ref)
						if err != nil && !errors.Is(err, store.ErrNotFound) {
							return "", err
						}
						c.Say("voices_need_closed")
						return bot.End, nil
					}
					switch in.Choice {
					case "new":
						return "title", nil
					case valueDone:
						c.Say("voices_offer_kept")
						return bot.End, nil
					}
					return c.State.Step, nil
				},
			},
			"title": textStep("voices_need_title", "title", needTitleMin, needTitleMax, false, "text"),
			"text":  textStep("voices_need_text", "text", lim.OpinionMin, lim.OpinionMax, false, "cats"),
			"cats":  toggleStep("voices_need_cats", "cats", cm.HelpCategories, "district"),
			"district": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("voices_need_district"), Choices: choices(c, cm.Districts), Columns: 2}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if _, ok := config.Find(cm.Districts, in.Choice); !ok {
						return c.State.Step, nil
					}
					c.Set("district", in.Choice)
					return "when", nil
				},
			},
			"when": textStep("voices_need_when", "when", 1, needWhenMax, false, "preview"),
			"preview": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{
						Text: c.L.T("voices_need_preview").Append(v.needText(c.L, v.draftNeed(c))),
						Choices: []bot.Choice{
							{Label: c.L.S("voices_opinion_send"), Value: "send"},
							{Label: c.L.S("voices_opinion_drop"), Value: "drop"},
						},
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case "send":
						return bot.End, v.submitNeed(c)
					case "drop":
						c.Say("voices_opinion_dropped")
						return bot.End, nil
					}
					return c.State.Step, nil
				},
			},
		},
	}
}

func openNeeds(needs []store.Need) []store.Need {
	var out []store.Need
	for _, n := range needs {
		if n.Status == store.NeedOpen {
			out = append(out, n)
		}
	}
	return out
}

func (v *voices) draftNeed(c *bot.Conv) store.Need {
	return store.Need{
		ID: derivedID(c, "need"), Ref: c.Profile.Ref, Title: c.Get("title"), Text: c.Get("text"),
		Categories: list(c, "cats"), District: c.Get("district"), When: c.Get("when"),
		Status: store.NeedOpen, Created: c.Now.UTC(),
	}
}

// needText shows a need to its author and to helpers.
func (v *voices) needText(l *bot.Localizer, n store.Need) bot.Text {
	cm := v.deps.Config.Community
	return l.T("voices_need_card", "Title", n.Title, "Text", n.Text, "When", n.When,
		"Categories", optionNames(cm.HelpCategories, n.Categories, l.Lang),
		"District", optionName(cm.Districts, n.District, l.Lang))
}

// submitNeed stores the need with its matches and asks each matched
// helper, in their language, whether they are interested.
func (v *voices) submitNeed(c *bot.Conv) error {
	asked, err := v.postNeed(c, v.draftNeed(c))
	if err != nil {
		return err
	}
	c.Say("voices_need_saved", "Count", asked)
	return nil
}

// postNeed stores need n with its matches, asks each matched helper and
// returns how many were asked.
func (v *voices) postNeed(c *bot.Conv, n store.Need) (int, error) {
	ctx := c.Context()
	refs, err := v.deps.Store.MatchingOffers(ctx, n.Categories, n.District)
	if err != nil {
		return 0, err
	}
	type helper struct {
		ref string
		p   *bot.Profile
	}
	var helpers []helper
	var matched []string
	for _, ref := range refs {
		if ref == n.Ref {
			continue
		}
		_, p, err := v.deps.Store.PersonByRef(ctx, ref)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return 0, err
		}
		helpers = append(helpers, helper{ref, p})
		matched = append(matched, ref)
	}
	if _, err := v.deps.Store.AddNeed(ctx, n, matched); err != nil {
		return 0, err
	}
	for _, h := range helpers {
		l, err := v.localizer(h.p.Lang, h.p.Chat, true)
		if err != nil {
			return 0, err
		}
		m := v.needCard(l, n)
		m.To = h.p.Chat
		m.Kind, m.Vars = "help_ask", map[string]string{"title": n.Title}
		c.Notify(m)
	}
	return len(helpers), nil
}

// needCard asks a helper about a need that fits their offer.
func (v *voices) needCard(l *bot.Localizer, n store.Need) bot.Message {
	return bot.Message{
		Text: l.T("voices_need_for_you").Append(v.needText(l, n)),
		Buttons: [][]bot.Button{{
			{Label: l.S("voices_need_interested"), Payload: bot.ActionPayload(actionHelp, n.ID+":y")},
			{Label: l.S("voices_need_no_thanks"), Payload: bot.ActionPayload(actionHelp, n.ID+":n")},
		}},
	}
}

// matchOpenNeeds asks a helper whose offer was saved about the open needs
// it fits, except their own.
func (v *voices) matchOpenNeeds(c *bot.Conv, o store.Offer) error {
	ctx := c.Context()
	needs, err := v.deps.Store.OpenNeeds(ctx)
	if err != nil {
		return err
	}
	for _, n := range needs {
		if n.Ref == o.Ref || !o.Fits(n) {
			continue
		}
		ask, err := v.deps.Store.AddMatch(ctx, n.ID, o.Ref)
		if err != nil {
			return err
		}
		if ask {
			c.Reply(v.needCard(c.L, n))
		}
	}
	return nil
}

// answerNeed handles a helper's [Interessiert] or [Nein danke]: "ID:y" or
// "ID:n". On interest the need's author is told, with the helper's
// username only where the helper allowed it. Pressing again repeats the
// answer without telling the author twice.
func (v *voices) answerNeed(c *bot.Conv, arg string) error {
	parts := strings.Split(arg, ":")
	if c.Profile == nil || len(parts) != 2 || (parts[1] != "y" && parts[1] != "n") {
		c.Refuse("error_stale")
		return nil
	}
	ctx := c.Context()
	id, answer := parts[0], store.MatchDeclined
	if parts[1] == "y" {
		answer = store.MatchInterested
	}
	prev, err := v.deps.Store.AnswerMatch(ctx, id, c.Profile.Ref, answer)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c.Refuse("error_stale")
		return nil
	case errors.Is(err, store.ErrNeedFilled):
		c.Refuse("voices_need_already_filled")
		return nil
	case err != nil:
		return err
	}
	if answer == store.MatchDeclined {
		c.Say("voices_need_declined")
		return nil
	}
	c.Say("voices_need_passed_on")
	if prev == store.MatchInterested {
		return nil
	}
	return v.tellNeedAuthor(c, id)
}

// tellNeedAuthor tells the author of a need that the person in c is
// interested, naming them only where their offer allows it.
func (v *voices) tellNeedAuthor(c *bot.Conv, needID string) error {
	ctx := c.Context()
	n, err := v.deps.Store.Need(ctx, needID)
	if err != nil {
		return err
	}
	_, author, err := v.deps.Store.PersonByRef(ctx, n.Ref)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	l, err := v.localizer(author.Lang, author.Chat, true)
	if err != nil {
		return err
	}
	offer, err := v.deps.Store.Offer(ctx, c.Profile.Ref)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	text := l.T("voices_need_interest_by_bot", "Title", n.Title)
	if offer.ShowName && c.Profile.Name != "" {
		text = l.T("voices_need_interest_by_name", "Title", n.Title, "Name", c.Profile.Name,
			"Platform", string(c.Update.User.Platform))
	}
	c.Notify(bot.Message{To: author.Chat, Text: text, Kind: kindMatch, Vars: map[string]string{"title": n.Title}})
	return nil
}
