package flows

import (
	"fmt"
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

// startFlow greets a newcomer, asks for consent in one tap and for the
// district (which can be skipped), and leads straight into something
// worth doing: the next event, a statement of the town to vote on. The
// language comes from the platform's hint, and the greeting says in one
// line how to change it; interests and role are offered afterwards and in
// /profil, never asked on the way.
//
// A poster's link (/start ev_ID) shows its event first, to everyone.
// Consent is asked only when an answer needs storing (askConsent): the
// answer is then stored without a second press, and the district offered.
// Someone already known is welcomed back.
func (k *core) startFlow() *bot.Flow {
	districts := k.deps.Config.Community.Districts
	return &bot.Flow{
		Name:     StartFlow,
		Personal: true,
		Start:    "consent",
		Begin: func(c *bot.Conv) bot.StepID {
			_, _, link := k.deepLink(c.Update.Args)
			switch {
			case c.Profile != nil && c.Get("offer") == "district":
				return "offer_district"
			case c.Profile == nil && c.Get("action") != "":
				return "consent_answer"
			case link && c.Update.Command == StartFlow && c.Last() == nil:
				// Shown once an update: a newcomer whose link led nowhere
				// comes back here to be greeted.
				return "link"
			case c.Profile != nil:
				return "back"
			}
			return "consent"
		},
		Steps: map[bot.StepID]bot.Step{
			"consent": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{
						Text:    c.L.T("start_welcome", "Community", k.deps.Config.Community.Name),
						Choices: consentChoices(c),
					}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch {
					case tookPlainOffer(c, in):
						return "consent_district", nil
					case in.Choice == valueNo:
						return k.declined(c), nil
					case in.Choice != valueYes:
						return c.State.Step, nil
					}
					k.consent(c)
					return "district", nil
				},
			},
			// consent_district follows the taken offer of Einfache
			// Sprache: the greeting again, in it, with the districts as
			// the answer. The tap that took the offer stands in for the
			// tap of consent, so reading plain costs no extra tap; a
			// district, or "yes, without one", is the agreement.
			"consent_district": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					skip := c.L.S("start_consent_no_district")
					p := bot.Prompt{
						Text: c.L.T("start_welcome", "Community", k.deps.Config.Community.Name).
							Append(c.L.T("start_consent_district", "Skip", skip)),
						Choices: choices(c, districts),
						Columns: 2,
					}
					p.Choices = append(p.Choices,
						bot.Choice{Label: skip, Value: valueSkip},
						bot.Choice{Label: c.L.S("start_consent_no"), Value: valueNo})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice == valueNo {
						return k.declined(c), nil
					}
					_, found := config.Find(districts, in.Choice)
					if !found && in.Choice != valueSkip {
						return c.State.Step, nil
					}
					k.consent(c)
					if found {
						c.Profile.District = in.Choice
					}
					return "done", nil
				},
			},
			// consent_answer asks for consent before an answer given
			// without it (an RSVP under a poster's event) is stored, and
			// then stores it as if it were pressed again.
			"consent_answer": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("start_consent_answer"), Choices: consentChoices(c)}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch {
					case tookPlainOffer(c, in):
						return c.State.Step, nil
					case in.Choice == valueNo:
						c.Say("start_no_consent_answer")
						return bot.End, nil
					case in.Choice != valueYes:
						return c.State.Step, nil
					}
					stored, err := k.consentAndAnswer(c, c.Get("action"), c.Get("arg"))
					if err != nil || !stored {
						return bot.End, err
					}
					return "offer_district", nil
				},
			},
			"district":       k.districtStep("profile_ask_district", "done", true),
			"offer_district": k.districtStep("profile_offer_district", "done", true),
			"done": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				if then := c.Get("then"); then != "" {
					c.Switch(then)
					return bot.Prompt{}, nil
				}
				return bot.Prompt{}, k.welcome(c)
			}},
			// link shows what a poster's link names; a newcomer whose link
			// leads nowhere (the event is gone) is greeted as after /start.
			"link": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				if err := k.openDeepLink(c, c.Update.Args); err != nil {
					return bot.Prompt{}, err
				}
				m := c.Last()
				switch {
				case c.Profile != nil || m == nil:
				case len(m.Buttons) == 0:
					c.Switch(StartFlow)
				default:
					// The first message a newcomer gets carries the offer
					// of Einfache Sprache, as the greeting does.
					for _, ch := range plainOffer(c) {
						m.Buttons = append(m.Buttons, []bot.Button{{Label: ch.Label, Payload: bot.ActionPayload("plain", c.Update.Args)}})
					}
				}
				return bot.Prompt{}, nil
			}},
			"back": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				k.menu(c, "start_back")
				return bot.Prompt{}, nil
			}},
		},
	}
}

// consentChoices are the answers to a question for consent: yes, no and
// the offer of Einfache Sprache.
func consentChoices(c *bot.Conv) []bot.Choice {
	return append([]bot.Choice{
		{Label: c.L.S("start_consent_yes"), Value: valueYes},
		{Label: c.L.S("start_consent_no"), Value: valueNo},
	}, plainOffer(c)...)
}

// consent creates the profile of a person who just agreed, in the
// language they read.
func (k *core) consent(c *bot.Conv) {
	c.Profile = &bot.Profile{
		Consent: c.Now.UTC(), Lang: c.Lang(), Ref: newRef(),
		Name: c.Update.User.Name, Chat: c.Here(),
		Active: c.Now.UTC().Truncate(24 * time.Hour),
	}
}

// declined answers someone who did not agree: nothing is stored, and
// what anyone may do is offered.
func (k *core) declined(c *bot.Conv) bot.StepID {
	c.Say("start_no_consent")
	k.menu(c, "menu_public")
	return bot.End
}

// consentAndAnswer creates the profile of someone who just agreed and
// stores the answer they gave before it: action name with arg. An answer
// the action refuses (its event cancelled or over meanwhile) was not
// stored, and neither is the consent that came with it: stored reports
// whether both were.
func (k *core) consentAndAnswer(c *bot.Conv, name, arg string) (stored bool, err error) {
	action, ok := k.all.Actions[name]
	if !ok {
		return false, fmt.Errorf("consent for unknown action %q", name)
	}
	k.consent(c)
	if err := action(c, arg); err != nil {
		return false, err
	}
	if c.Refused() {
		c.Profile = nil
		return false, nil
	}
	return true, nil
}

// askConsent asks someone who has not consented for it, in one tap,
// before an answer of theirs is stored: once they agree, action runs with
// arg as if they had pressed it again.
func askConsent(c *bot.Conv, action, arg string) error {
	return c.StartFlow(StartFlow, "action", action, "arg", arg)
}

// welcome ends onboarding: it offers the rest of the profile (optional)
// and then something worth doing, the next event and a statement to vote
// on; without a statement, the menu.
func (k *core) welcome(c *bot.Conv) error {
	var (
		show []bot.Message
		flow string
	)
	for _, s := range k.all.Suggestions {
		m, f, err := s(c)
		if err != nil {
			return err
		}
		show = append(show, m...)
		if flow == "" {
			flow = f
		}
	}
	done := bot.Message{
		Text:    c.L.T("start_done"),
		Buttons: [][]bot.Button{{{Label: c.L.S("start_more"), Payload: bot.ActionPayload("more", "")}}},
	}
	if flow == "" {
		done.Text = done.Text.Append(c.L.T("menu_public"))
		done.Buttons = append(done.Buttons, k.menuButtons(c)...)
	}
	c.Reply(done)
	for _, m := range show {
		c.Reply(m)
	}
	if flow != "" {
		c.Switch(flow)
	}
	return nil
}

// profileMoreFlow asks the optional rest of the profile, interests and
// role, offered after onboarding.
func (k *core) profileMoreFlow() *bot.Flow {
	return &bot.Flow{
		Name:    "profile_more",
		Start:   "interests",
		Consent: true,
		Steps: map[bot.StepID]bot.Step{
			"interests": k.interestsStep("role"),
			"role":      k.roleStep("saved"),
			"saved": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				k.menu(c, "profile_more_saved")
				return bot.Prompt{}, nil
			}},
		},
	}
}

// moreAction opens the rest of the profile from the button after
// onboarding.
func (k *core) moreAction(c *bot.Conv, _ string) error {
	if c.Profile == nil {
		return c.StartFlow(StartFlow)
	}
	return c.StartFlow("profile_more")
}

// plainAction takes the offer of Einfache Sprache under a poster's event
// and shows the event again in it. For a newcomer its answers then carry
// consent (agreeWithAnswer): the tap that took the offer stands in for
// the tap of consent.
func (k *core) plainAction(c *bot.Conv, payload string) error {
	if _, _, ok := k.deepLink(payload); !ok || !tookPlainOffer(c, bot.Input{Choice: valuePlain}) {
		c.Say("error_stale")
		return nil
	}
	if err := k.openDeepLink(c, payload); err != nil {
		return err
	}
	if m := c.Last(); c.Profile == nil && m != nil {
		agreeWithAnswer(c, m)
	}
	return nil
}

// agreeWithAnswer makes m's answer buttons answer and agree at once: its
// text says what answering stores, and each button runs its action
// through agreeAction.
func agreeWithAnswer(c *bot.Conv, m *bot.Message) {
	answers := false
	for _, row := range m.Buttons {
		for i, b := range row {
			if name, arg, ok := bot.ActionOf(b.Payload); ok {
				row[i].Payload = bot.ActionPayload("agree", name+":"+arg)
				answers = true
			}
		}
	}
	if answers {
		m.Text = m.Text.Append(c.L.T("start_consent_inline"))
	}
}

// agreeAction runs an answer pressed under a message that said answering
// means consent: a newcomer's profile is created, the answer stored, and
// the district offered, as after the question for consent.
func (k *core) agreeAction(c *bot.Conv, arg string) error {
	name, inner, _ := strings.Cut(arg, ":")
	action, ok := k.all.Actions[name]
	if !ok || name == "agree" {
		c.Refuse("error_stale")
		return nil
	}
	if c.Profile != nil {
		return action(c, inner)
	}
	stored, err := k.consentAndAnswer(c, name, inner)
	if err != nil || !stored {
		return err
	}
	return c.StartFlow(StartFlow, "offer", "district")
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

// districtStep asks for the district with text id; skippable adds a
// button to go on without one.
func (k *core) districtStep(id string, next bot.StepID, skippable bool) bot.Step {
	districts := k.deps.Config.Community.Districts
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T(id), Choices: choices(c, districts), Columns: 2}
			if skippable {
				p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_skip"), Value: valueSkip})
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if skippable && in.Choice == valueSkip {
				return next, nil
			}
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
