package mattermost

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// commandTrigger is the slash command the bot registers.
const commandTrigger = "heimat"

// registerCommand makes sure /heimat exists in the team and remembers its
// token. The bot may lack the permission (integrations off, or not allowed
// to manage slash commands): then it logs and goes on without.
func (a *Adapter) registerCommand(ctx context.Context) {
	url := a.cfg.ActionsURL + commandPath
	var cmds []*model.Command
	err := a.retry.call(ctx, "list commands", func(ctx context.Context) (resp *model.Response, err error) {
		cmds, resp, err = a.client.ListCommands(ctx, a.team.Id, true)
		return resp, err
	})
	if err != nil {
		a.log.Warn("mattermost: slash command /"+commandTrigger+" not registered: cannot list commands", "err", err)
		return
	}
	for _, c := range cmds {
		if c.Trigger == commandTrigger && c.Token != "" && c.URL == url {
			a.setCommandToken(c.Token)
			return
		}
	}
	var created *model.Command
	err = a.retry.call(ctx, "create command", func(ctx context.Context) (resp *model.Response, err error) {
		created, resp, err = a.client.CreateCommand(ctx, &model.Command{
			TeamId:           a.team.Id,
			Trigger:          commandTrigger,
			Method:           model.CommandMethodPost,
			URL:              url,
			DisplayName:      "Heimatbot",
			Description:      a.texts.S("mattermost_command_description"),
			AutoComplete:     true,
			AutoCompleteDesc: a.texts.S("mattermost_command_description"),
			AutoCompleteHint: a.texts.S("mattermost_command_hint"),
			Username:         a.me.Username,
		})
		return resp, err
	})
	if err != nil {
		a.log.Warn("mattermost: slash command /"+commandTrigger+" not registered", "err", err)
		return
	}
	a.setCommandToken(created.Token)
	a.log.Info("mattermost: slash command registered", "trigger", commandTrigger, "team", a.team.Name)
}

func (a *Adapter) setCommandToken(token string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.cmdToken = token
}

func (a *Adapter) commandToken() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cmdToken
}

// serveCommand runs "/heimat WORD ARGS" as the command WORD written in the
// person's direct channel with the bot; the answers go there. The request
// must carry the token Mattermost gave the registered command.
func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	want := a.commandToken()
	got := r.Form.Get("token")
	if got == "" {
		got, _ = strings.CutPrefix(r.Header.Get(model.HeaderAuth), model.HeaderToken+" ")
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		a.log.Info("mattermost: slash command with a wrong token refused", "user", r.Form.Get("user_id"))
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	userID := r.Form.Get("user_id")
	dm, err := a.directChannel(r.Context(), userID)
	if err != nil {
		a.log.Warn("mattermost: direct channel for slash command", "err", err)
		a.answerCommand(w, a.textsFor(r.Context(), userID).T("mattermost_try_again").Render(Markdown{}))
		return
	}
	name, args, _ := strings.Cut(strings.TrimSpace(r.Form.Get("text")), " ")
	name = strings.ToLower(strings.TrimPrefix(name, "/"))
	if name == "" {
		name = "start"
	}
	u := bot.Update{
		ID:           "mm:cmd:" + r.Form.Get("trigger_id"),
		Chat:         bot.Address{Platform: bot.Mattermost, Chat: dm.Id},
		User:         a.person(r.Context(), userID, r.Form.Get("user_name")),
		Private:      true,
		BareCommands: true,
		Command:      name,
		Args:         strings.TrimSpace(args),
	}
	u.Forget = func(ctx context.Context) { a.forgetChat(ctx, dm.Id) }
	if r.Form.Get("trigger_id") == "" {
		u.ID = ""
	}
	if err := a.handleNow(r.Context(), u); err != nil {
		if errors.Is(err, errNoHandler) {
			// Starting or stopping: nothing was handled.
			a.answerCommand(w, a.textsFor(r.Context(), userID).T("mattermost_try_again").Render(Markdown{}))
			return
		}
		if !bot.IsPanic(err) { // a panic was logged where it was recovered
			a.log.Warn("mattermost: handle slash command", "err", err)
		}
	}
	text := ""
	if r.Form.Get("channel_id") != dm.Id {
		text = a.textsFor(r.Context(), userID).T("mattermost_see_dm").Render(Markdown{}) // in the language the command may just have chosen
	}
	a.answerCommand(w, text)
}

// answerCommand answers a slash command with text for the person alone
// (none: Mattermost shows nothing). A failure is answered this way too,
// not with an error status, for which Mattermost would show the person
// only that the command failed.
func (a *Adapter) answerCommand(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(&model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: text})
}

// directChannel returns the direct channel between the bot and a person.
func (a *Adapter) directChannel(ctx context.Context, userID string) (*model.Channel, error) {
	var ch *model.Channel
	err := a.retry.call(ctx, "create direct channel", func(ctx context.Context) (resp *model.Response, err error) {
		ch, resp, err = a.client.CreateDirectChannel(ctx, a.me.Id, userID)
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	a.channels.put(ch)
	return ch, nil
}
