package flows

import (
	"slices"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
)

// The answers shared by several steps.
const (
	valueYes  = "yes"
	valueNo   = "no"
	valueDone = "_done"
	valueSkip = "_skip"
)

// startFlow greets, asks for consent and walks a new person through
// language, district, interests and role to the menu. Someone already known
// is welcomed back.
func (k *core) startFlow() *bot.Flow {
	return &bot.Flow{
		Name:  StartFlow,
		Start: "consent",
		Begin: func(c *bot.Conv) bot.StepID {
			if c.Profile != nil {
				if _, _, ok := k.deepLink(c.Update.Args); ok && c.Update.Command == StartFlow {
					return "link"
				}
				return "back"
			}
			return "consent"
		},
		Steps: map[bot.StepID]bot.Step{
			"consent": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					if _, _, ok := k.deepLink(c.Update.Args); ok && c.Update.Command == StartFlow {
						c.Set("link", c.Update.Args) // opened after consent
					}
					return bot.Prompt{
						Text: c.L.T("start_welcome", "Community", k.deps.Config.Community.Name),
						Choices: append([]bot.Choice{
							{Label: c.L.S("start_consent_yes"), Value: valueYes},
							{Label: c.L.S("start_consent_no"), Value: valueNo},
						}, plainOffer(c)...),
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if tookPlainOffer(c, in) {
						return c.State.Step, nil
					}
					if in.Choice == valueNo {
						c.Say("start_no_consent")
						if link := c.Get("link"); link != "" {
							return bot.End, k.openDeepLink(c, link)
						}
						k.menu(c, "menu_public")
						return bot.End, nil
					}
					c.Profile = &bot.Profile{
						Consent: c.Now.UTC(), Lang: c.Lang(), Ref: newRef(),
						Name: c.Update.User.Name, Chat: c.Here(),
						Active: c.Now.UTC().Truncate(24 * time.Hour),
					}
					if c.State.Lang != "" {
						return "district", nil // chosen before consent, as with the plain offer
					}
					return "language", nil
				},
			},
			"language":  k.languageStep("district"),
			"district":  k.districtStep("interests"),
			"interests": k.interestsStep("role"),
			"role":      k.roleStep("done"),
			"done": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				if then := c.Get("then"); then != "" {
					c.Switch(then)
					return bot.Prompt{}, nil
				}
				if link := c.Get("link"); link != "" {
					return bot.Prompt{}, k.openDeepLink(c, link)
				}
				k.menu(c, "start_done")
				return bot.Prompt{}, nil
			}},
			"link": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				return bot.Prompt{}, k.openDeepLink(c, c.Update.Args)
			}},
			"back": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				k.menu(c, "start_back")
				return bot.Prompt{}, nil
			}},
		},
	}
}

func (k *core) languageStep(next bot.StepID) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T("profile_ask_language"), Columns: 2}
			for _, l := range c.Languages() {
				p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("language_name_" + l), Value: l})
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if !slices.Contains(c.Languages(), in.Choice) {
				return c.State.Step, nil
			}
			c.SetLang(in.Choice)
			return next, nil
		},
	}
}

func (k *core) districtStep(next bot.StepID) bot.Step {
	districts := k.deps.Config.Community.Districts
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{Text: c.L.T("profile_ask_district"), Choices: choices(c, districts), Columns: 2}, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if _, ok := config.Find(districts, in.Choice); !ok {
				return c.State.Step, nil
			}
			c.Profile.District = in.Choice
			return next, nil
		},
	}
}

// interestsStep lets the person pick several themes: each press toggles
// one, and "done" moves on.
func (k *core) interestsStep(next bot.StepID) bot.Step {
	themes := k.deps.Config.Community.Themes
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T("profile_ask_interests"), Columns: 2}
			for _, ch := range choices(c, themes) {
				if slices.Contains(c.Profile.Interests, ch.Value) {
					ch.Label = "✓ " + ch.Label
				}
				p.Choices = append(p.Choices, ch)
			}
			p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_done"), Value: valueDone})
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if in.Choice == valueDone {
				return next, nil
			}
			if _, ok := config.Find(themes, in.Choice); !ok {
				return c.State.Step, nil
			}
			p := c.Profile
			if i := slices.Index(p.Interests, in.Choice); i >= 0 {
				p.Interests = slices.Delete(p.Interests, i, i+1)
			} else {
				p.Interests = append(p.Interests, in.Choice)
			}
			return c.State.Step, nil
		},
	}
}

func (k *core) roleStep(next bot.StepID) bot.Step {
	roles := k.deps.Config.Community.Roles
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T("profile_ask_role"), Choices: choices(c, roles), Columns: 2}
			p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_skip"), Value: valueSkip})
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if in.Choice == valueSkip {
				c.Profile.Role = ""
				return next, nil
			}
			if _, ok := config.Find(roles, in.Choice); !ok {
				return c.State.Step, nil
			}
			c.Profile.Role = in.Choice
			return next, nil
		},
	}
}

// deepLink finds the handler of a /start payload such as "ev_42".
func (k *core) deepLink(payload string) (DeepLink, string, bool) {
	for prefix, h := range k.all.DeepLinks {
		if arg, ok := strings.CutPrefix(payload, prefix); ok && arg != "" {
			return h, arg, true
		}
	}
	return nil, "", false
}

// openDeepLink runs the handler of a /start payload.
func (k *core) openDeepLink(c *bot.Conv, payload string) error {
	h, arg, ok := k.deepLink(payload)
	if !ok {
		return nil
	}
	return h(c, arg)
}
