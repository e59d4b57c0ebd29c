package flows

import (
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
)

// core holds the flows every deployment has: onboarding, profile,
// language, help, cancel and the privacy flows.
type core struct {
	deps Deps
	all  *Set
}

func (k *core) set(all *Set) Set {
	k.all = all
	return Set{
		Flows: []*bot.Flow{
			k.startFlow(), k.profileFlow(), k.profileMoreFlow(), k.languageFlow(), k.helpFlow(),
			k.cancelFlow(), k.privacyFlow(), k.myDataFlow(), k.deleteFlow(),
		},
		Commands: []bot.Command{
			{Names: []string{"start"}, Flow: StartFlow},
			{Names: []string{"hilfe", "help"}, Flow: "help"},
			{Names: []string{"profil", "profile"}, Flow: "profile", Help: "help_profile"},
			{Names: []string{"sprache", "language"}, Flow: "language", Help: "help_language"},
			{Names: []string{"datenschutz", "privacy"}, Flow: "privacy", Help: "help_privacy"},
			{Names: []string{"meinedaten", "mydata"}, Flow: "mydata", Help: "help_mydata"},
			{Names: []string{"loeschen", "delete"}, Flow: "delete", Help: "help_delete"},
			{Names: []string{"abbrechen", "cancel"}, Flow: "cancel", Help: "help_cancel"},
		},
		Actions: map[string]bot.Action{"go": k.goAction, "more": k.moreAction, "plain": k.plainAction, "agree": k.agreeAction},
		Menu: []MenuEntry{
			{Command: "profil", Label: "menu_profile"},
			{Command: "hilfe", Label: "menu_help", Public: true},
		},
	}
}

// goAction runs the command named in a menu button.
func (k *core) goAction(c *bot.Conv, command string) error {
	return c.RunCommand(command)
}

// menu replies with the main menu: a button per command the person can
// use now.
func (k *core) menu(c *bot.Conv, textID string) {
	c.Reply(bot.Message{Text: c.L.T(textID), Buttons: k.menuButtons(c)})
}

// menuButtons are the main menu's buttons, two to a row.
func (k *core) menuButtons(c *bot.Conv) [][]bot.Button {
	var (
		rows [][]bot.Button
		row  []bot.Button
	)
	for _, e := range k.all.Menu {
		if c.Profile == nil && !e.Public {
			continue
		}
		row = append(row, bot.Button{Label: c.L.S(e.Label), Payload: bot.ActionPayload("go", e.Command)})
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// choices turns configured options into buttons in the person's language.
func choices(c *bot.Conv, opts []config.Option) []bot.Choice {
	out := make([]bot.Choice, len(opts))
	for i, o := range opts {
		out[i] = bot.Choice{Label: o.Name.In(c.Lang()), Value: o.ID}
	}
	return out
}

// say is a step prompt of one catalog text.
func say(id string) func(c *bot.Conv) (bot.Prompt, error) {
	return func(c *bot.Conv) (bot.Prompt, error) { return bot.Prompt{Text: c.L.T(id)}, nil }
}
