package flows

import (
	"encoding/json"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
)

// privacyFlow explains what is stored, why, how long, and how to delete it.
func (k *core) privacyFlow() *bot.Flow {
	return &bot.Flow{
		Name:  "privacy",
		Start: "show",
		Aside: true,
		Steps: map[bot.StepID]bot.Step{"show": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{Text: c.L.T("privacy_text", "Community", k.deps.Config.Community.Name)}, nil
		}}},
	}
}

// myDataFlow sends everything stored of the person as a JSON file.
func (k *core) myDataFlow() *bot.Flow {
	return &bot.Flow{
		Name:     "mydata",
		Personal: true,
		Start:    "send",
		Aside:    true,
		Steps: map[bot.StepID]bot.Step{"send": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			if c.Profile == nil {
				return bot.Prompt{Text: c.L.T("mydata_nothing")}, nil
			}
			data, err := k.export(c)
			if err != nil {
				return bot.Prompt{}, err
			}
			return bot.Prompt{
				Text: c.L.T("mydata_sent"),
				File: &bot.File{Name: "meine-daten.json", ContentType: "application/json", Data: data},
			}, nil
		}}},
	}
}

// export gathers the profile, the open conversation and every feature's
// data of the person.
func (k *core) export(c *bot.Conv) ([]byte, error) {
	out := map[string]any{
		"community":    k.deps.Config.Community.ID,
		"user":         c.Update.User,
		"profile":      c.Profile,
		"conversation": c.State,
	}
	for _, d := range k.all.Data {
		v, err := d.Export(c.Context(), c.Update.User, c.Profile)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", d.Name(), err)
		}
		out[d.Name()] = v
	}
	return json.MarshalIndent(out, "", "  ")
}

// deleteFlow deletes everything of the person after a confirmation.
func (k *core) deleteFlow() *bot.Flow {
	return &bot.Flow{
		Name:     "delete",
		Personal: true,
		Start:    "confirm",
		Steps: map[bot.StepID]bot.Step{"confirm": {
			Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				return bot.Prompt{
					Text: c.L.T("delete_confirm"),
					Choices: []bot.Choice{
						{Label: c.L.S("delete_yes"), Value: valueYes},
						{Label: c.L.S("delete_no"), Value: valueNo},
					},
				}, nil
			},
			Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
				if in.Choice != valueYes {
					c.Say("delete_kept")
					return bot.End, nil
				}
				for _, d := range k.all.Data {
					if err := d.Forget(c.Context(), c.Update.User, c.Profile); err != nil {
						return "", fmt.Errorf("forget %s: %w", d.Name(), err)
					}
				}
				c.Erase()
				c.Say("delete_done")
				return bot.End, nil
			},
		}},
	}
}
