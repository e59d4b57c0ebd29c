package mattermost

import "github.com/heimatbot/heimatbot/bot"

// Hints describes Mattermost to the core. The client takes every message
// that starts with "/" as one of its own slash commands and refuses the
// bot's names, so in a direct message a command is its bare word; in a
// channel, where the bot reads only what mentions it, it is the bot's
// slash command (/heimat meinung), which works everywhere.
func (a *Adapter) Hints(private bool) bot.Hints {
	if private {
		return bot.Hints{}
	}
	return bot.Hints{Command: "/" + commandTrigger + " "}
}
