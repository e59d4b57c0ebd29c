package whatsapp

import "github.com/heimatbot/heimatbot/bot"

// Hints describes WhatsApp to the core: it has no slash commands, so a
// command is its bare word ("termine"); buttons are tapped, not numbered;
// the handle others could see is the phone number.
func (a *Adapter) Hints(bool) bot.Hints { return bot.Hints{PhoneNumbers: true} }
