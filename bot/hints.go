package bot

// Hints is how a platform takes what a person types, so that a text names
// a command or a button the way its reader can use it where they read it.
// It is data, comparable, and a key of the catalog's lookups.
type Hints struct {
	// Command is written before a command's name: "/" on Telegram and in
	// the console, "" where the bare word is the command (WhatsApp, a
	// Mattermost direct message), "/heimat " in a Mattermost channel.
	Command string
	// Numbered is true where buttons are shown as a numbered list, so
	// that typing a button's number presses it (the console).
	Numbered bool
	// PhoneNumbers is true where the handle others could be shown is the
	// person's phone number (WhatsApp), so texts say "Nummer", not
	// "Benutzername".
	PhoneNumbers bool
}

// SlashCommands are the hints of a platform that knows nothing else:
// commands with a slash, buttons without numbers.
var SlashCommands = Hints{Command: "/"}

// Hinter is implemented by an adapter to describe its platform to the
// core. private is true for a one-to-one chat with the bot, false for a
// group or channel, where a platform may take commands differently.
type Hinter interface {
	Hints(private bool) Hints
}

// HintsFunc lets a plain function be a Hinter.
type HintsFunc func(private bool) Hints

// Hints calls f.
func (f HintsFunc) Hints(private bool) Hints { return f(private) }

// Cmd is command name (in the reader's language, without slash) as the
// reader types it: {{.Cmd "meinung"}} in a catalog text.
func (h Hints) Cmd(name string) string { return h.Command + name }
