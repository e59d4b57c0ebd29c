package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
)

// addTelegram connects Telegram when TELEGRAM_TOKEN is set: long polling,
// or the webhook on mux when telegram.webhook_url is configured.
func addTelegram(ctx context.Context, cfg *config.Config, a *app, mux *http.ServeMux, log *slog.Logger, out *[]bot.Adapter) error {
	tg := cfg.Telegram
	if tg.Token == "" {
		return nil
	}
	ad, err := telegram.New(ctx, telegram.Options{
		Token: tg.Token, APIURL: tg.APIURL,
		WebhookURL: tg.WebhookURL, WebhookSecret: tg.WebhookSecret, Mux: mux,
		Store:    a.store,
		Commands: menuCommands(a.set), Catalog: a.catalog,
		OnUnreachable: func(ctx context.Context, to bot.Address) {
			// In a private chat the chat id is the person's id; a group
			// that removed the bot is nobody's profile.
			if id, err := strconv.ParseInt(to.Chat, 10, 64); err == nil && id > 0 {
				if err := a.store.MarkUnreachable(ctx, bot.User{Platform: bot.Telegram, ID: to.Chat}); err != nil {
					log.Warn("mark unreachable", "err", err)
				}
			}
		},
		Log: log,
	})
	if err != nil {
		return fmt.Errorf("telegram: %w", err)
	}
	if cfg.Telegram.Username == "" {
		// Poster links need the bot's name; Telegram told it (getMe).
		// Written before any update is handled.
		cfg.Telegram.Username = ad.Username()
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
