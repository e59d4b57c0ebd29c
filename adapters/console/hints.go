package console

import "github.com/heimatbot/heimatbot/bot"

// Hints describes the console to the core: commands with a slash, and
// buttons shown as a numbered list, so typing a number presses one.
func (a *Adapter) Hints(private bool) bot.Hints {
	return bot.Hints{Command: "/", Numbered: true}
}
