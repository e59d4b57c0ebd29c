package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

type botCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// setCommands sets the command menu in every catalog language: the
// default language's list for everyone, the others for clients set to
// that language.
func (a *Adapter) setCommands(ctx context.Context) error {
	cat := a.opt.Catalog
	if cat == nil || len(a.opt.Commands) == 0 {
		return nil
	}
	var errs []error
	for i, lang := range cat.Languages() {
		code := lang
		if i == 0 {
			code = "" // the default for every language without its own list
		} else if len(code) != 2 {
			continue // Telegram knows two-letter codes only
		}
		l := cat.Localizer(lang)
		var cmds []botCommand
		for _, c := range a.opt.Commands {
			if c.Help == "" {
				continue
			}
			cmds = append(cmds, botCommand{Command: c.Name(lang), Description: l.T(c.Help).Plain()})
		}
		raw, err := json.Marshal(cmds)
		if err != nil {
			return err
		}
		params := tgbotapi.Params{"commands": string(raw)}
		if code != "" {
			params["language_code"] = code
		}
		if _, err := a.api.call(ctx, "setMyCommands", params); err != nil {
			errs = append(errs, fmt.Errorf("commands %s: %w", lang, err))
		}
	}
	return errors.Join(errs...)
}
