package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
)

// addTelegram connects Telegram when TELEGRAM_TOKEN is set: long polling,
// or the webhook on the app's mux when telegram.webhook_url is configured.
func (a *App) addTelegram(ctx context.Context, out *[]bot.Adapter) error {
	tg := a.cfg.Telegram
	if tg.Token == "" {
		return nil
	}
	ad, err := telegram.New(ctx, telegram.Options{
		Token: tg.Token, APIURL: tg.APIURL,
		WebhookURL: tg.WebhookURL, WebhookSecret: tg.WebhookSecret, Mux: a.mux,
		Store:    a.Store,
		Commands: menuCommands(a.set), Catalog: a.Catalog,
		OnUnreachable: func(ctx context.Context, to bot.Address) {
			// In a private chat the chat id is the person's id; a group
			// that removed the bot is nobody's profile.
			if id, err := strconv.ParseInt(to.Chat, 10, 64); err == nil && id > 0 {
				if err := a.Store.MarkUnreachable(ctx, bot.User{Platform: bot.Telegram, ID: to.Chat}); err != nil {
					a.log.Warn("mark unreachable", "err", err)
				}
			}
		},
		Limits: a.TelegramLimits,
		Log:    a.log,
	})
	if err != nil {
		return fmt.Errorf("telegram: %w", err)
	}
	if a.cfg.Telegram.Username == "" {
		// Poster links need the bot's name; Telegram told it (getMe).
		// Written before any update is handled.
		a.cfg.Telegram.Username = ad.Username()
	}
	*out = append(*out, ad)
	return nil
}

// menuCommands are the commands Telegram's menu offers residents: those
// with a help text, organizer commands left out, /hilfe described by the
// heading of its own answer.
func menuCommands(set flows.Set) []bot.Command {
	var cmds []bot.Command
	for _, c := range set.Commands {
		i := slices.IndexFunc(set.Flows, func(f *bot.Flow) bool { return f.Name == c.Flow })
		if i >= 0 && set.Flows[i].Organizer {
			continue
		}
		if c.Flow == "help" && c.Help == "" {
			c.Help = "help_header"
		}
		cmds = append(cmds, c)
	}
	return cmds
}
