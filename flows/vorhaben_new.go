package flows

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/store"
)

// Values of the new Vorhaben's buttons.
const (
	valueSelf    = "_self"
	valueLater   = "_later"
	valueNoDue   = "_nodue"
	valueKeep    = "_keep"
	valueNothing = "_none"
)

// How many opinions and association members are offered as buttons.
const vhChoicesMax = 8

// newFlow (/vorhaben_neu) lets an organizer turn a next step into a
// Vorhaben: what it comes from, title, what is to happen, the next step,
// theme and district (taken from an opinion), a due date, who is asked to
// hold it, a preview.
func (h *vorhaben) newFlow() *bot.Flow {
	cm := h.deps.Config.Community
	return &bot.Flow{
		Name:      "vorhaben_new",
		Start:     "source",
		Organizer: true,
		Consent:   true,
		Begin: func(c *bot.Conv) bot.StepID {
			if c.Get("op") != "" || c.Get("event") != "" || c.Get("need") != "" {
				h.takeSource(c)
				return "title"
			}
			return "source"
		},
		Steps: map[bot.StepID]bot.Step{
			"source": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					ops, err := h.deps.Store.ApprovedOpinions(c.Context())
					if err != nil {
						return bot.Prompt{}, err
					}
					p := bot.Prompt{Text: c.L.T("vh_new_source")}
					slices.Reverse(ops)
					for _, o := range ops {
						if o.Next == "" || len(p.Choices) == vhChoicesMax {
							continue
						}
						p.Choices = append(p.Choices, bot.Choice{Label: "„" + excerpt(o.Next, 40) + "“", Value: "op:" + o.ID})
					}
					p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("vh_new_from_nothing"), Value: valueNothing})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if id, ok := strings.CutPrefix(in.Choice, "op:"); ok {
						c.Set("op", id)
						h.takeSource(c)
						return "title", nil
					}
					if in.Choice == valueNothing {
						return "title", nil
					}
					return c.State.Step, nil
				},
			},
			"title": h.suggestStep("vh_new_title", "title", vhTitleMin, vhTitleMax, false, func(*bot.Conv) bot.StepID { return "what" }),
			"what":  h.suggestStep("vh_new_what", "what", 0, vhTextMax, true, func(*bot.Conv) bot.StepID { return "next" }),
			"next": h.suggestStep("vh_new_next", "next", 0, vhTextMax, true, func(c *bot.Conv) bot.StepID {
				if c.Get("theme") != "" {
					return "due" // from the opinion
				}
				return "theme"
			}),
			"theme": pickStep("vh_new_theme", "theme", cm.Themes, "district"),
			"district": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					p := bot.Prompt{Text: c.L.T("vh_new_district"), Choices: choices(c, cm.Districts), Columns: 2}
					p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("vh_whole_town"), Value: valueAll})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if _, ok := config.Find(cm.Districts, in.Choice); !ok && in.Choice != valueAll {
						return c.State.Step, nil
					}
					c.Set("district", strings.TrimPrefix(in.Choice, valueAll))
					return "due", nil
				},
			},
			"due": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					return bot.Prompt{Text: c.L.T("vh_new_due"), FreeText: true, Columns: 2, Choices: []bot.Choice{
						{Label: c.L.S("vh_due_2w"), Value: "14"}, {Label: c.L.S("vh_due_1m"), Value: "30"},
						{Label: c.L.S("vh_due_3m"), Value: "91"}, {Label: c.L.S("vh_no_due"), Value: valueNoDue},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					loc := h.deps.Config.Location()
					switch in.Choice {
					case "":
					case valueNoDue:
						c.Set("due", "")
						return "holder", nil
					case "14", "30", "91":
						days := map[string]int{"14": 14, "30": 30, "91": 91}[in.Choice]
						y, m, d := c.Now.In(loc).Date()
						c.Set("due", time.Date(y, m, d+days, 23, 59, 0, 0, loc).Format(time.RFC3339))
						return "holder", nil
					default:
						return c.State.Step, nil
					}
					return h.readDue(c, in.Text)
				},
			},
			"due_which": whichDay{ask: "vh_due_which", label: h.date, read: h.readDue, set: h.setDue}.step(),
			"holder":    h.holderStep("vh_new_holder", true, "preview"),
			"preview": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					v := h.draft(c)
					t := c.L.T("vh_new_preview").Append(h.card(c.L, v))
					if c.Get("hname") != "" {
						t = t.Append(c.L.T("vh_new_preview_holder", "Name", c.Get("hname")))
					}
					return bot.Prompt{Text: t, Choices: []bot.Choice{
						{Label: c.L.S("vh_new_create"), Value: "send"},
						{Label: c.L.S("voices_opinion_drop"), Value: "drop"},
					}}, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					switch in.Choice {
					case "send":
						return bot.End, h.create(c)
					case "drop":
						c.Say("vh_new_dropped")
						return bot.End, nil
					}
					return c.State.Step, nil
				},
			},
		},
	}
}

// readDue reads a typed due date; a day said ambiguously is asked back.
func (h *vorhaben) readDue(c *bot.Conv, s string) (bot.StepID, error) {
	t, err := h.parseDue(s, c.Now)
	if next, asked := askWhich(c, err, "due_which"); asked {
		return next, nil
	}
	switch {
	case errors.Is(err, datetext.ErrPast):
		c.Say("vh_due_past")
		return c.State.Step, nil
	case err != nil:
		c.Say("vh_due_unreadable")
		return c.State.Step, nil
	}
	return h.setDue(c, t)
}

func (h *vorhaben) setDue(c *bot.Conv, t time.Time) (bot.StepID, error) {
	c.Set("due", t.Format(time.RFC3339))
	return "holder", nil
}

// suggestStep reads free text into key; from an opinion (or event, or
// need) it offers what that said as a button, and an optional step can be
// skipped.
func (h *vorhaben) suggestStep(textID, key string, minLen, maxLen int, optional bool, next func(*bot.Conv) bot.StepID) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T(textID, "Max", maxLen), FreeText: true}
			if s := h.suggestion(c, key); s != "" {
				p.Text = p.Text.Append(c.L.T("vh_new_suggestion", "Text", s))
				p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("vh_new_take"), Value: valueKeep})
			}
			if optional {
				p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_skip"), Value: valueSkip})
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			text := in.Text
			switch in.Choice {
			case "":
			case valueSkip:
				if optional {
					c.Set(key, "")
					return next(c), nil
				}
				return c.State.Step, nil
			case valueKeep:
				text = h.suggestion(c, key)
			default:
				return c.State.Step, nil
			}
			n := utf8.RuneCountInString(text)
			switch {
			case n == 0 || n < minLen:
				c.Say("voices_too_short", "Min", max(minLen, 1), "Length", n)
				return c.State.Step, nil
			case n > maxLen:
				c.Say("voices_too_long", "Max", maxLen, "Length", n)
				return c.State.Step, nil
			}
			c.Set(key, text)
			return next(c), nil
		},
	}
}

// suggestion is what the source offers for a field: an opinion's next
// step as title and next step, its theme and district; an event's title;
// a need's title and text.
func (h *vorhaben) suggestion(c *bot.Conv, key string) string {
	ctx := c.Context()
	if id := c.Get("op"); id != "" {
		o, err := h.deps.Store.Opinion(ctx, id)
		if err != nil {
			return ""
		}
		switch key {
		case "title":
			return excerpt(o.Next, vhTitleMax)
		case "next":
			return o.Next
		}
	}
	if id := c.Get("event"); id != "" && key == "title" {
		if e, err := h.deps.Store.Event(ctx, id); err == nil {
			return excerpt(e.Title, vhTitleMax)
		}
	}
	if id := c.Get("need"); id != "" {
		if n, err := h.deps.Store.Need(ctx, id); err == nil {
			switch key {
			case "title":
				return n.Title
			case "what":
				return n.Text
			}
		}
	}
	return ""
}

// takeSource takes an opinion's theme and district, or an event's theme.
func (h *vorhaben) takeSource(c *bot.Conv) {
	ctx := c.Context()
	if id := c.Get("op"); id != "" {
		if o, err := h.deps.Store.Opinion(ctx, id); err == nil {
			c.Set("theme", o.Theme)
			c.Set("district", o.District)
		}
	}
	if id := c.Get("event"); id != "" {
		if e, err := h.deps.Store.Event(ctx, id); err == nil && e.Theme != "" {
			c.Set("theme", e.Theme)
			if len(e.Districts) == 1 {
				c.Set("district", e.Districts[0])
			}
		}
	}
}

// holderStep asks who is to hold the Vorhaben: association members by
// their handle (or one typed as @name), the organizer themself, or
// nobody yet.
func (h *vorhaben) holderStep(textID string, later bool, next bot.StepID) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			members, err := h.members(c)
			if err != nil {
				return bot.Prompt{}, err
			}
			p := bot.Prompt{Text: c.L.T(textID), FreeText: true, Columns: 2}
			for _, name := range slices.Sorted(maps.Keys(members)) {
				if len(p.Choices) == vhChoicesMax {
					break
				}
				p.Choices = append(p.Choices, bot.Choice{Label: "@" + name, Value: "m:" + name})
			}
			p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("vh_holder_self"), Value: valueSelf})
			if later {
				p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("vh_holder_later"), Value: valueLater})
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			switch in.Choice {
			case valueSelf:
				c.Set("holder", c.Profile.Ref)
				c.Set("hname", c.Profile.Name)
				return next, nil
			case valueLater:
				if later {
					c.Set("holder", "")
					c.Set("hname", "")
					return next, nil
				}
				return c.State.Step, nil
			}
			name, ok := strings.CutPrefix(in.Choice, "m:")
			if in.Choice == "" {
				name, ok = strings.TrimPrefix(strings.TrimSpace(in.Text), "@"), true
			}
			if !ok {
				return c.State.Step, nil
			}
			members, err := h.members(c)
			if err != nil {
				return "", err
			}
			ref, found := members[strings.ToLower(name)]
			if !found {
				c.Say("vh_holder_unknown", "Name", name)
				return c.State.Step, nil
			}
			c.Set("holder", ref)
			c.Set("hname", name)
			return next, nil
		},
	}
}

// members are the association members who may be asked to hold a
// Vorhaben, lower-cased handle to Ref.
func (h *vorhaben) members(c *bot.Conv) (map[string]string, error) {
	ctx := c.Context()
	all, err := h.deps.Store.People(ctx)
	if err != nil {
		return nil, err
	}
	users := make([]bot.User, 0, len(all))
	for k := range all {
		users = append(users, store.UserFromKey(k))
	}
	profiles, err := h.deps.Store.Profiles(ctx, users)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, p := range profiles {
		if p.Role == roleAssociation && p.Name != "" && !p.Unreachable {
			out[strings.ToLower(p.Name)] = p.Ref
		}
	}
	return out, nil
}

// draft is the Vorhaben as entered so far.
func (h *vorhaben) draft(c *bot.Conv) store.Vorhaben {
	due, _ := time.Parse(time.RFC3339, c.Get("due"))
	v := store.Vorhaben{
		ID: derivedID(c, "vorhaben"), Title: c.Get("title"), What: c.Get("what"), Next: c.Get("next"),
		Theme: c.Get("theme"), District: c.Get("district"), Due: due, Need: c.Get("need"), Event: c.Get("event"),
		Creator: c.Profile.Ref, Holder: c.Get("holder"), HolderName: c.Get("hname"),
		Status: store.VorhabenNew, Created: c.Now.UTC(), News: c.Now.UTC(),
	}
	if op := c.Get("op"); op != "" {
		v.Opinions = []string{op}
	}
	return v
}

// create stores the Vorhaben and asks its holder; an organizer holding it
// themself has accepted with that.
func (h *vorhaben) create(c *bot.Conv) error {
	v := h.draft(c)
	if _, err := h.deps.Store.AddVorhaben(c.Context(), v); err != nil {
		return err
	}
	// The silence counts from now, whether or not anyone holds it yet.
	if err := h.schedule(c.Context(), v, c.Now); err != nil {
		return err
	}
	switch v.Holder {
	case "":
		c.Say("vh_new_saved_unheld", "Title", v.Title)
		return nil
	case c.Profile.Ref:
		c.Say("vh_new_saved", "Title", v.Title)
		return h.accept(c, v.ID)
	}
	c.Say("vh_new_saved_asked", "Title", v.Title, "Name", v.HolderName)
	return h.askHolder(c, v)
}

// askHolder sends the person asked to hold v the question, with buttons,
// in their language.
func (h *vorhaben) askHolder(c *bot.Conv, v store.Vorhaben) error {
	_, p, err := h.deps.Store.PersonByRef(c.Context(), v.Holder)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	l, err := h.localizer(p.Lang, p.Chat, true)
	if err != nil {
		return err
	}
	c.Notify(bot.Message{To: p.Chat, Text: l.T("vh_hold_ask").Append(h.card(l, v)).Append(l.T("vh_hold_public")),
		Kind: kindVhHold, Vars: map[string]string{"title": v.Title},
		Buttons: [][]bot.Button{{
			{Label: l.S("vh_hold_yes"), Payload: bot.ActionPayload(actionVhHold, v.ID+":y")},
			{Label: l.S("vh_hold_no"), Payload: bot.ActionPayload(actionVhHold, v.ID+":n")},
		}}})
	return nil
}

// vorhabenOffer offers an organizer who approved an opinion with a next
// step to make a Vorhaben of it.
func vorhabenOffer(l *bot.Localizer, o store.Opinion) bot.Message {
	return bot.Message{Text: l.T("vh_offer_from_opinion", "Next", o.Next), Buttons: [][]bot.Button{{
		{Label: l.S("vh_offer_create"), Payload: bot.ActionPayload(actionVhNew, "o:"+o.ID)},
	}}}
}

// startNew opens /vorhaben_neu from a button under an opinion (o:ID), an
// event (e:ID) or a need (n:ID).
func (h *vorhaben) startNew(c *bot.Conv, arg string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	if arg == "" {
		return c.StartFlow("vorhaben_new")
	}
	kind, id, ok := splitArg(arg)
	key := map[string]string{"o": "op", "e": "event", "n": "need"}[kind]
	if !ok || key == "" {
		c.Refuse("error_stale")
		return nil
	}
	return c.StartFlow("vorhaben_new", key, id)
}

// assignFlow lets an organizer ask someone to hold a Vorhaben that has
// nobody holding it.
func (h *vorhaben) assignFlow() *bot.Flow {
	return &bot.Flow{
		Name:      "vorhaben_assign",
		Start:     "holder",
		Organizer: true,
		Consent:   true,
		Steps: map[bot.StepID]bot.Step{
			"holder": h.holderStep("vh_assign_holder", false, "save"),
			"save": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				ctx := c.Context()
				id := c.Get("id")
				err := h.deps.Store.AssignHolder(ctx, id, c.Get("holder"), c.Get("hname"), c.Now)
				switch {
				case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrClosed), errors.Is(err, store.ErrHeld):
					c.Refuse("vh_assign_not_open")
					return bot.Prompt{}, nil
				case err != nil:
					return bot.Prompt{}, err
				}
				v, err := h.deps.Store.Vorhaben(ctx, id)
				if err != nil {
					return bot.Prompt{}, err
				}
				if v.Holder == c.Profile.Ref {
					c.Say("vh_new_saved", "Title", v.Title)
					return bot.Prompt{}, h.accept(c, v.ID)
				}
				c.Say("vh_new_saved_asked", "Title", v.Title, "Name", v.HolderName)
				return bot.Prompt{}, h.askHolder(c, v)
			}},
		},
	}
}

// startAssign opens the assign flow for a Vorhaben.
func (h *vorhaben) startAssign(c *bot.Conv, id string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	return c.StartFlow("vorhaben_assign", "id", id)
}
