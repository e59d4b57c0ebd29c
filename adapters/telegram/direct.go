package telegram

import (
	"context"

	"github.com/heimatbot/heimatbot/bot"
)

var _ bot.DirectChatter = (*Adapter)(nil)

// DirectChat is a person's private chat with the bot, whose id is their
// user id. Telegram lets the bot write there only after the person
// started it: sending then gives bot.ErrUnreachable.
func (a *Adapter) DirectChat(_ context.Context, u bot.User) (bot.Address, error) {
	if u.Platform != bot.Telegram || u.ID == "" {
		return bot.Address{}, bot.ErrNoDirectChat
	}
	return bot.Address{Platform: bot.Telegram, Chat: u.ID}, nil
}
