package mattermost

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// Register adds the callbacks of interactive buttons and of the slash
// command to mux, below the actions URL's path. Without an actions URL
// there are none: no button is signed then, so none may be accepted.
func (a *Adapter) Register(mux *http.ServeMux) {
	if a.cfg.ActionsURL == "" {
		return
	}
	answerAction := func(w http.ResponseWriter, text string) {
		a.answerAction(w, &model.PostActionIntegrationResponse{EphemeralText: text})
	}
	mux.HandleFunc("POST "+actionsPath, a.recovering(a.serveAction, answerAction))
	mux.HandleFunc("POST "+commandPath, a.recovering(a.serveCommand, a.answerCommand))
	mux.HandleFunc("GET "+commandPath, a.recovering(a.serveCommand, a.answerCommand))
}

// serveAction handles a pressed button. A forged, stale or foreign press
// changes nothing and gets a short answer only its presser sees. A valid
// one is handled as the person's update; then the post shows the choice
// and loses its buttons.
func (a *Adapter) serveAction(w http.ResponseWriter, r *http.Request) {
	var req model.PostActionIntegrationRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	b, err := a.sign.verify(req.Context, a.now())
	if err == nil && b.Channel != req.ChannelId {
		err = errForged
	}
	private := b.User != ""
	if err == nil {
		if ch, chErr := a.channels.get(r.Context(), req.ChannelId); chErr == nil {
			private = ch.Type == model.ChannelTypeDirect
		} else {
			a.log.Warn("mattermost: channel of a pressed button", "err", chErr)
		}
	}
	if err == nil && private && b.User != req.UserId {
		err = errForged // nobody else sees a direct channel
	}
	if err != nil {
		a.log.Info("mattermost: button refused", "reason", err, "user", req.UserId, "post", req.PostId)
		a.answerAction(w, &model.PostActionIntegrationResponse{
			EphemeralText: a.textsFor(r.Context(), req.UserId).T("mattermost_button_invalid").Render(Markdown{}),
		})
		return
	}
	if b.User != "" && b.User != req.UserId {
		// Someone else's button in a channel: it changes nothing, neither
		// for the presser nor for its owner, and the post stays as it is.
		a.answerAction(w, &model.PostActionIntegrationResponse{
			EphemeralText: a.textsFor(r.Context(), req.UserId).T("mattermost_button_not_yours").Render(Markdown{}),
		})
		return
	}
	u := bot.Update{
		ID:           "mm:" + req.PostId + ":" + req.UserId + ":" + req.Context[ctxSig].(string)[:16],
		Chat:         bot.Address{Platform: bot.Mattermost, Chat: req.ChannelId},
		User:         a.person(r.Context(), req.UserId, req.UserName),
		Private:      private,
		BareCommands: private,
		Thread:       b.Thread,
		Button:       b.Payload,
		Pressed:      req.PostId,
	}
	outcome := bot.PressRefused // unless the engine says otherwise: a redelivered press changed nothing now
	u.Ack = func(_ context.Context, o bot.PressOutcome) { outcome = o }
	if u.Private {
		u.Forget = func(ctx context.Context) { a.forgetChat(ctx, u.Chat.Chat) }
	}
	if err := a.handleNow(r.Context(), u); err != nil {
		if errors.Is(err, errNoHandler) {
			// Starting or stopping: nothing was handled, the buttons stay.
			a.answerAction(w, &model.PostActionIntegrationResponse{
				EphemeralText: a.textsFor(r.Context(), req.UserId).T("mattermost_try_again").Render(Markdown{}),
			})
			return
		}
		// The engine told the person; the buttons stay for another try.
		a.log.Warn("mattermost: handle button", "err", err)
		a.answerAction(w, &model.PostActionIntegrationResponse{})
		return
	}
	if outcome != bot.PressApplied || !private && b.User == "" {
		// Refused, out of date, or already shown again by its reply: the
		// post stays as it is; so does a card in a channel that is for
		// everyone, which one person's choice must not mark.
		a.answerAction(w, &model.PostActionIntegrationResponse{})
		return
	}
	a.answerAction(w, &model.PostActionIntegrationResponse{Update: a.chosen(r.Context(), req.PostId, b.Label)})
}

// chosen is the pressed post as it stays: its text and the choice, without
// buttons.
func (a *Adapter) chosen(ctx context.Context, postID, label string) *model.Post {
	var p *model.Post
	err := a.retry.call(ctx, "get post", func(ctx context.Context) (resp *model.Response, err error) {
		p, resp, err = a.client.GetPost(ctx, postID, "")
		return resp, err
	})
	msg := ""
	if err == nil {
		msg = p.Message + "\n\n"
	} else {
		a.log.Warn("mattermost: read pressed post", "err", err)
	}
	msg += a.texts.T("mattermost_chosen", "Label", label).Render(Markdown{})
	return &model.Post{Id: postID, Message: msg, Props: model.StringInterface{}}
}

func (a *Adapter) answerAction(w http.ResponseWriter, resp *model.PostActionIntegrationResponse) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// handleNow passes u to the handler in its channel's lane, behind the
// channel's earlier posts, and waits for the result.
func (a *Adapter) handleNow(ctx context.Context, u bot.Update) error {
	h, runCtx := a.running()
	if h == nil {
		return errNoHandler
	}
	done := make(chan error, 1)
	a.lanes.Do(u.Chat.Chat, func() {
		done <- a.guard(runCtx, u.ID, &u.Chat, func() error { return h.Handle(runCtx, u) })
	})
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// person maps a Mattermost user to the core's, with their locale as the
// hint of their language where it is one (localeHint): otherwise the
// community's language applies until they pick one.
func (a *Adapter) person(ctx context.Context, id, name string) bot.User {
	u := bot.User{Platform: bot.Mattermost, ID: id, Name: name}
	mu, err := a.users.get(ctx, id)
	if err != nil {
		a.log.Warn("mattermost: look up user", "err", err)
		return u
	}
	u.Name, u.Lang = mu.Username, a.localeHint(mu)
	return u
}
