package flows

import (
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
)

// profileFlow shows what is stored and lets the person change any of it.
func (k *core) profileFlow() *bot.Flow {
	return &bot.Flow{
		Name:     "profile",
		Personal: true,
		Start:    "overview",
		Consent:  true,
		Steps: map[bot.StepID]bot.Step{
			"overview": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{
						Text: k.profileText(c),
						Choices: []bot.Choice{
							{Label: c.L.S("profile_change_language"), Value: "language"},
							{Label: c.L.S("profile_change_district"), Value: "district"},
							{Label: c.L.S("profile_change_interests"), Value: "interests"},
							{Label: c.L.S("profile_change_role"), Value: "role"},
							{Label: c.L.S("profile_toggle_invitations"), Value: "invitations"},
							{Label: c.L.S("button_done"), Value: valueDone},
						},
						Columns: 2,
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case "language", "district", "interests", "role":
						return bot.StepID(in.Choice), nil
					case "invitations":
						c.Profile.NoInvitations = !c.Profile.NoInvitations
						return "overview", nil
					case valueDone:
						c.Say("profile_saved")
						return bot.End, nil
					}
					return "overview", nil
				},
			},
			"language":  k.languageStep("overview"),
			"district":  k.districtStep("profile_ask_district", "overview", false),
			"interests": k.interestsStep("overview"),
			"role":      k.roleStep("overview"),
		},
	}
}

func (k *core) profileText(c *bot.Conv) bot.Text {
	p, cm := c.Profile, k.deps.Config.Community
	name := func(opts []config.Option, id string) string {
		if o, ok := config.Find(opts, id); ok {
			return o.Name.In(c.Lang())
		}
		return c.L.S("profile_none")
	}
	var interests []string
	for _, id := range p.Interests {
		interests = append(interests, name(cm.Themes, id))
	}
	if len(interests) == 0 {
		interests = []string{c.L.S("profile_none")}
	}
	inv := c.L.S("profile_invitations_on")
	if p.NoInvitations {
		inv = c.L.S("profile_invitations_off")
	}
	return c.L.T("profile_overview",
		"Language", c.L.S("language_name_"+p.Lang),
		"District", name(cm.Districts, p.District),
		"Interests", strings.Join(interests, ", "),
		"Role", name(cm.Roles, p.Role),
		"Invitations", inv,
	)
}

// languageFlow changes the language, with or without a profile.
func (k *core) languageFlow() *bot.Flow {
	return &bot.Flow{
		Name:  "language",
		Start: "ask",
		// Switching language mid-question asks that question again in the
		// new language.
		Resume: true,
		// "/sprache en" switches at once.
		Begin: func(c *bot.Conv) bot.StepID {
			if lang, ok := languageArg(c, c.Update.Args); ok {
				c.SetLang(lang)
				return "done"
			}
			return "ask"
		},
		Steps: map[bot.StepID]bot.Step{
			"ask":  k.languageStep("done"),
			"done": {Prompt: say("language_changed")},
		},
	}
}

// languageArg finds the language a command's argument names: its code
// ("en", "de-x-einfach"), its name as the person reads it ("English"),
// or "einfach" for Einfache Sprache.
func languageArg(c *bot.Conv, arg string) (string, bool) {
	arg = strings.ToLower(strings.TrimSpace(arg))
	if arg == "" {
		return "", false
	}
	for _, l := range c.Languages() {
		if arg == strings.ToLower(l) || arg == strings.ToLower(c.L.S("language_name_"+l)) ||
			l == PlainLanguage && (arg == "einfach" || arg == "plain") {
			return l, true
		}
	}
	return "", false
}

// cancelFlow ends whatever question is open.
func (k *core) cancelFlow() *bot.Flow {
	return &bot.Flow{
		Name:  "cancel",
		Start: "done",
		Steps: map[bot.StepID]bot.Step{"done": {Prompt: say("cancel_done")}},
	}
}

// helpFlow lists the commands in the person's language; organizers also
// see theirs.
func (k *core) helpFlow() *bot.Flow {
	return &bot.Flow{
		Name:  "help",
		Start: "show",
		Aside: true,
		Steps: map[bot.StepID]bot.Step{"show": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			flows := map[string]*bot.Flow{}
			for _, f := range k.all.Flows {
				flows[f.Name] = f
			}
			var people, organizers []string
			for _, cmd := range k.all.Commands {
				if cmd.Help == "" {
					continue
				}
				f := flows[cmd.Flow]
				if f != nil && f.MeantFor != nil && !f.MeantFor(c) {
					continue // not meant for this person: it would only refuse them
				}
				line := "- " + bot.Escape(c.L.Hints.Cmd(cmd.Name(c.Lang()))) + " – " + c.L.S(cmd.Help)
				if f != nil && f.Organizer {
					organizers = append(organizers, line)
				} else {
					people = append(people, line)
				}
			}
			t := c.L.T("help_header").Append(bot.ParseMarkup(strings.Join(people, "\n")))
			if c.Organizer && len(organizers) > 0 {
				t = t.Append(c.L.T("help_organizers")).Append(bot.ParseMarkup(strings.Join(organizers, "\n")))
			}
			return bot.Prompt{Text: t}, nil
		}}},
	}
}
