package flows

import (
	"slices"
	"strconv"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
)

// opinionFlow (/meinung) takes a short opinion: theme, district (preset
// from the profile), the text, an optional next step, a preview and the
// confirmation. The opinion then waits for an organizer.
func (v *voices) opinionFlow() *bot.Flow {
	cm, lim := v.deps.Config.Community, v.deps.Config.Limits
	return &bot.Flow{
		Name:     "opinion",
		Personal: true,
		Start:    "theme",
		Consent:  true,
		Steps: map[bot.StepID]bot.Step{
			"theme": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("voices_opinion_theme"), Choices: choices(c, cm.Themes), Columns: 2}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if _, ok := config.Find(cm.Themes, in.Choice); !ok {
						return c.State.Step, nil
					}
					c.Set("theme", in.Choice)
					if c.Get("district") == "" {
						c.Set("district", c.Profile.District)
					}
					return "district", nil
				},
			},
			"district": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					p := bot.Prompt{Text: c.L.T("voices_opinion_district"), Columns: 2}
					for _, ch := range choices(c, cm.Districts) {
						if ch.Value == c.Get("district") {
							ch.Label = "✓ " + ch.Label
						}
						p.Choices = append(p.Choices, ch)
					}
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if _, ok := config.Find(cm.Districts, in.Choice); !ok {
						return c.State.Step, nil
					}
					c.Set("district", in.Choice)
					return "text", nil
				},
			},
			"text": textStep("voices_opinion_write", "text", lim.OpinionMin, lim.OpinionMax, false, "next"),
			"next": textStep("voices_opinion_next", "next", 1, lim.OpinionMax, true, "preview"),
			"preview": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					o := store.Opinion{Theme: c.Get("theme"), District: c.Get("district"), Text: c.Get("text"), Next: c.Get("next")}
					return bot.Prompt{
						Text: c.L.T("voices_opinion_preview").Append(v.opinionText(c.L, o)),
						Choices: []bot.Choice{
							{Label: c.L.S("voices_opinion_send"), Value: "send"},
							{Label: c.L.S("voices_opinion_rewrite"), Value: "rewrite"},
							{Label: c.L.S("voices_opinion_drop"), Value: "drop"},
						},
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case "send":
						return bot.End, v.submitOpinion(c)
					case "rewrite":
						c.Set("next", "")
						return "text", nil
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

// opinionText shows an opinion as others and the organizers see it:
// theme, district, the text and the next step, never the author.
func (v *voices) opinionText(l *bot.Localizer, o store.Opinion) bot.Text {
	cm := v.deps.Config.Community
	district := l.S("profile_none")
	if o.District != "" {
		district = optionName(cm.Districts, o.District, l.Lang)
	}
	t := l.T("voices_opinion_card",
		"Theme", optionName(cm.Themes, o.Theme, l.Lang), "District", district, "Text", o.Text)
	if o.Next != "" {
		t = t.Append(l.T("voices_opinion_card_next", "Next", o.Next))
	}
	return t
}

// submitOpinion stores the opinion as pending, thanks the author and
// sends it to the organizers. A text with contact details is marked for
// the organizers, and the author is told why it waits.
func (v *voices) submitOpinion(c *bot.Conv) error {
	o, err := v.record(c, store.Opinion{
		ID: derivedID(c, "opinion"), Ref: c.Profile.Ref,
		Theme: c.Get("theme"), District: c.Get("district"), Role: c.Profile.Role,
		Text: c.Get("text"), Next: c.Get("next"), Created: c.Now.UTC(),
	})
	if err != nil {
		return err
	}
	if o.Held != "" {
		c.Say("voices_opinion_held", "Kind", c.L.S("voices_contact_"+o.Held))
	} else {
		c.Say("voices_opinion_thanks")
	}
	return nil
}

// record stores a new opinion as pending, marked when it holds contact
// details, and sends it to the organizers for moderation. Opinions from
// other flows (a sentence of event feedback) come in here too.
func (v *voices) record(c *bot.Conv, o store.Opinion) (store.Opinion, error) {
	o.Held = contactKind(o.Text + "\n" + o.Next)
	if _, err := v.deps.Store.AddOpinion(c.Context(), o); err != nil {
		return o, err
	}
	return o, v.noticeOrganizers(c, o)
}

// OrganizerChats are where news for organizers goes (a new opinion, the
// weekly digest): the given channels (the Mattermost organizer channel)
// and the private chats of the Telegram organizers configured by numeric
// id (a Telegram private chat has the user's id; a @username cannot be
// written to first).
func OrganizerChats(cfg *config.Config, channels []bot.Address) []bot.Address {
	out := slices.Clone(channels)
	for _, id := range cfg.Organizers.Telegram {
		if _, err := strconv.ParseInt(id, 10, 64); err != nil {
			continue
		}
		if a := (bot.Address{Platform: bot.Telegram, Chat: id}); !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func (v *voices) organizerChats() []bot.Address {
	var channels []bot.Address
	if v.deps.OrganizerNotice != nil {
		channels = v.deps.OrganizerNotice()
	}
	return OrganizerChats(v.deps.Config, channels)
}

// noticeOrganizers sends a new opinion with its moderation buttons to
// every organizer chat, in the community's default language.
func (v *voices) noticeOrganizers(c *bot.Conv, o store.Opinion) error {
	chats := v.organizerChats()
	if len(chats) == 0 {
		return nil
	}
	for _, to := range chats {
		l, err := v.localizer("", to, false)
		if err != nil {
			return err
		}
		m := v.moderationCard(l, o, false)
		m.To = to
		m.Kind, m.Vars = kindModeration, map[string]string{"title": excerpt(o.Text, 60)}
		c.Notify(m)
	}
	return nil
}

// moderationCard shows an opinion to an organizer with [Freigeben]
// [Ablehnen]; from the pager also [Später], and each press there shows
// the next one.
func (v *voices) moderationCard(l *bot.Localizer, o store.Opinion, pager bool) bot.Message {
	t := l.T("voices_mod_new").Append(v.opinionText(l, o))
	if o.Held != "" {
		t = t.Append(l.T("voices_mod_held", "Kind", l.S("voices_contact_"+o.Held)))
	}
	suffix := ""
	if pager {
		suffix = ":p"
	}
	row := []bot.Button{
		{Label: l.S("voices_mod_approve"), Payload: bot.ActionPayload(actionModerate, o.ID+":y"+suffix)},
		{Label: l.S("voices_mod_reject"), Payload: bot.ActionPayload(actionModerate, o.ID+":n"+suffix)},
	}
	if pager {
		row = append(row, bot.Button{Label: l.S("voices_mod_later"), Payload: bot.ActionPayload(actionModNext, o.ID)})
	}
	return bot.Message{Text: t, Buttons: [][]bot.Button{row}}
}
