package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
)

// voices holds the flows of opinions, votes, offers of help and needs.
type voices struct {
	deps Deps
	// cat gives the texts for notices to other people in their language.
	cat    *bot.Catalog
	catErr error
	// mirrorMap is the opinion map behind the residents' mirror.
	mirrorMap mirrorMap
}

func newVoices(d Deps) *voices {
	v := &voices{deps: d}
	v.cat, v.catErr = d.catalog()
	return v
}

func (v *voices) set() Set {
	return Set{
		Flows: []*bot.Flow{
			v.opinionFlow(), v.moderationFlow(), v.voteFlow(), v.voteDoneFlow(),
			v.offerFlow(), v.needFlow(),
		},
		Commands: []bot.Command{
			{Names: []string{"meinung", "opinion"}, Flow: "opinion", Help: "voices_help_opinion"},
			{Names: []string{"stimmen", "vote"}, Flow: "vote", Help: "voices_help_vote"},
			{Names: []string{"mitmachen", "volunteer"}, Flow: "volunteer", Help: "voices_help_volunteer"},
			{Names: []string{"gesuch", "need"}, Flow: "need", Help: "voices_help_need"},
			{Names: []string{"moderation"}, Flow: "moderation", Help: "voices_help_moderation"},
		},
		Actions: map[string]bot.Action{
			actionModerate: v.moderate,
			actionModNext:  v.moderateNext,
			actionHelp:     v.answerNeed,
		},
		Menu: []MenuEntry{
			{Command: "meinung", Label: "voices_menu_opinion"},
			{Command: "stimmen", Label: "voices_menu_vote"},
			{Command: "mitmachen", Label: "voices_menu_volunteer"},
		},
		Data:        []PersonData{v},
		Suggestions: []Suggestion{v.suggestVote},
	}
}

// The names of the voices' action buttons.
const (
	actionModerate = "mod"
	actionModNext  = "modnext"
	actionHelp     = "help"
)

// localizer returns the texts in lang, for a message to someone else's
// chat to (private: a one-to-one chat).
func (v *voices) localizer(lang string, to bot.Address, private bool) (*bot.Localizer, error) {
	if v.catErr != nil {
		return nil, fmt.Errorf("message catalog: %w", v.catErr)
	}
	if lang == "" {
		lang = v.deps.Config.Community.Languages[0]
	}
	return v.cat.For(lang, to.Platform, private), nil
}

// derivedID names a record created by the update being handled: the same
// update handled again derives the same id, so its write is no second
// record. Updates without an id (the console) are never redelivered.
func derivedID(c *bot.Conv, kind string) string {
	if c.Update.ID == "" {
		return newRef()
	}
	h := sha256.Sum256([]byte(kind + "\x00" + c.Update.User.Key() + "\x00" + c.Update.ID))
	return hex.EncodeToString(h[:8])
}

// optionName is the label of a configured option in lang, or id.
func optionName(opts []config.Option, id, lang string) string {
	if o, ok := config.Find(opts, id); ok {
		return o.Name.In(lang)
	}
	return id
}

// optionNames joins the labels of several options.
func optionNames(opts []config.Option, ids []string, lang string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = optionName(opts, id, lang)
	}
	return strings.Join(names, ", ")
}

// list reads a comma-separated scratch value.
func list(c *bot.Conv, key string) []string {
	if s := c.Get(key); s != "" {
		return strings.Split(s, ",")
	}
	return nil
}

// toggleStep lets the person pick several options: each press toggles
// one, "done" moves on once at least one is picked.
// presetSuffix marks, in a toggle step's data, the value chosen for the
// person before they were asked (key + presetSuffix).
const presetSuffix = ":preset"

func toggleStep(textID, key string, opts []config.Option, next bot.StepID) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			picked := list(c, key)
			// A choice made for the person (their own district) says so
			// while it stands.
			preselected := ""
			if pre := c.Get(key + presetSuffix); pre != "" && slices.Contains(picked, pre) {
				preselected = optionNames(opts, []string{pre}, c.Lang())
			}
			p := bot.Prompt{Text: c.L.T(textID, "Preselected", preselected), Columns: 2}
			for _, ch := range choices(c, opts) {
				if slices.Contains(picked, ch.Value) {
					ch.Label = "✓ " + ch.Label
				}
				p.Choices = append(p.Choices, ch)
			}
			p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("button_done"), Value: valueDone})
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			picked := list(c, key)
			if in.Choice == valueDone {
				if len(picked) == 0 {
					c.Say("voices_pick_one")
					return c.State.Step, nil
				}
				return next, nil
			}
			if _, ok := config.Find(opts, in.Choice); !ok {
				return c.State.Step, nil
			}
			if i := slices.Index(picked, in.Choice); i >= 0 {
				picked = slices.Delete(picked, i, i+1)
			} else {
				picked = append(picked, in.Choice)
			}
			c.Set(key, strings.Join(picked, ","))
			return c.State.Step, nil
		},
	}
}

// pickStep offers the options as buttons and keeps the one pressed in
// key.
func pickStep(textID, key string, opts []config.Option, next bot.StepID) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{Text: c.L.T(textID), Choices: choices(c, opts), Columns: 2}, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if _, ok := config.Find(opts, in.Choice); !ok {
				return c.State.Step, nil
			}
			c.Set(key, in.Choice)
			return next, nil
		},
	}
}

// textStep reads free text of minLen..maxLen characters into key; a
// skippable step also offers a skip button, which leaves key as it is.
func textStep(textID, key string, minLen, maxLen int, skippable bool, next bot.StepID) bot.Step {
	return bot.Step{
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: c.L.T(textID, "Min", minLen, "Max", maxLen, "Current", c.Get(key))}
			if skippable {
				p.FreeText = true
				p.Choices = []bot.Choice{{Label: c.L.S("button_skip"), Value: valueSkip}}
			}
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if in.Choice == valueSkip && skippable {
				return next, nil
			}
			if in.Choice != "" {
				return c.State.Step, nil
			}
			n := len([]rune(in.Text))
			switch {
			case n < minLen:
				c.Say("voices_too_short", "Min", minLen, "Length", n)
				return c.State.Step, nil
			case n > maxLen:
				c.Say("voices_too_long", "Max", maxLen, "Length", n)
				return c.State.Step, nil
			}
			c.Set(key, in.Text)
			return next, nil
		},
	}
}
