package telegram

import "github.com/heimatbot/heimatbot/bot"

// Hints describes Telegram to the core: commands with a slash (the
// client offers them as you type "/"), buttons under the message,
// without numbers.
func (a *Adapter) Hints(private bool) bot.Hints { return bot.SlashCommands }
