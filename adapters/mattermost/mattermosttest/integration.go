package mattermosttest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// DoAction presses an interactive button of a bot post as user, the way
// Mattermost calls the integration: it POSTs a
// model.PostActionIntegrationRequest with the action's context to
// integrationURL (the action's own URL when empty). If the answer carries an
// update, the post is changed as Mattermost does (props from_bot,
// from_webhook and the overrides kept) and "post_edited" is sent. The
// response is returned; its ephemeral_text would go to the user alone.
func (s *Server) DoAction(ctx context.Context, integrationURL string, post *model.Post, actionID string, user *model.User) (*model.PostActionIntegrationResponse, error) {
	req, err := s.actionRequest(post.Id, actionID, user, &integrationURL)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, integrationURL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Accept", "application/json")
	respBody, err := do(httpReq)
	if err != nil {
		return nil, fmt.Errorf("mattermosttest: action %s: %w", actionID, err)
	}
	var resp model.PostActionIntegrationResponse
	if len(respBody) > 0 {
		if err := json.Unmarshal(respBody, &resp); err != nil {
			return nil, fmt.Errorf("mattermosttest: action %s: decode response: %w", actionID, err)
		}
	}
	if resp.Update != nil {
		if err := s.applyActionUpdate(ctx, post.Id, resp.Update); err != nil {
			return nil, err
		}
	}
	return &resp, nil
}

// actionRequest builds the request for pressing an action, and fills in the
// action's URL when *rawURL is empty.
func (s *Server) actionRequest(postID, actionID string, user *model.User, rawURL *string) (*model.PostActionIntegrationRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.posts[postID]
	if p == nil {
		return nil, fmt.Errorf("mattermosttest: unknown post %q", postID)
	}
	c := s.channels[p.ChannelId]
	if s.users[user.Id] == nil || !s.canRead(c, user.Id) {
		return nil, fmt.Errorf("mattermosttest: %s cannot see channel %s", user.Username, c.Name)
	}
	action := clone(p).GetAction(actionID)
	if action == nil || action.Integration == nil {
		return nil, fmt.Errorf("mattermosttest: post %s has no action %q with an integration", postID, actionID)
	}
	if *rawURL == "" {
		*rawURL = action.Integration.URL
	}
	req := &model.PostActionIntegrationRequest{
		UserId:      user.Id,
		UserName:    user.Username,
		ChannelId:   c.Id,
		ChannelName: c.Name,
		PostId:      p.Id,
		TriggerId:   model.NewId(),
		Type:        action.Type,
		DataSource:  action.DataSource,
		Context:     action.Integration.Context,
	}
	if t := s.teams[c.TeamId]; t != nil {
		req.TeamId, req.TeamName = t.Id, t.Name
	}
	return req, nil
}

// applyActionUpdate changes a post as an integration's answer to an action
// asks.
func (s *Server) applyActionUpdate(ctx context.Context, postID string, update *model.Post) error {
	s.mu.Lock()
	_, ev, perr := s.editPost(postID, func(p *model.Post) {
		keep := p.PostActionPreserveState()
		p.Message = update.Message
		p.SetProps(update.GetProps())
		for k, v := range keep.Retain {
			p.AddProp(k, v)
		}
		for _, k := range keep.Remove {
			p.DelProp(k)
		}
	})
	s.mu.Unlock()
	if perr != nil {
		return fmt.Errorf("mattermosttest: update post %s: %w", postID, perr)
	}
	return s.deliver(ctx, ev)
}

// DoSlashCommand runs a slash command as user in channel the way
// Mattermost calls the command's URL: a form with token, team_id,
// team_domain, channel_id, channel_name, user_id, user_name, command, text,
// response_url and trigger_id, and "Authorization: Token <token>". line is
// what the user typed, e.g. "/heimat termine morgen". A command registered
// with method "G" is called with GET and the form in the query.
//
// An in_channel response is posted to the channel as Mattermost does: as
// the user who ran the command, with from_webhook "true". The response is
// returned; an ephemeral one would go to the user alone.
func (s *Server) DoSlashCommand(ctx context.Context, rawURL, token, line string, user *model.User, channel *model.Channel) (*model.CommandResponse, error) {
	trigger, text, _ := strings.Cut(strings.TrimSpace(line), " ")
	if !strings.HasPrefix(trigger, "/") {
		return nil, fmt.Errorf("mattermosttest: %q is not a slash command", line)
	}
	cmd, form := s.commandForm(token, trigger, strings.TrimSpace(text), user, channel)
	var httpReq *http.Request
	var err error
	if cmd != nil && cmd.Method == model.CommandMethodGet {
		httpReq, err = http.NewRequestWithContext(ctx, http.MethodGet, rawURL+"?"+form.Encode(), nil)
	} else {
		httpReq, err = http.NewRequestWithContext(ctx, http.MethodPost, rawURL, strings.NewReader(form.Encode()))
		if httpReq != nil {
			httpReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		return nil, err
	}
	httpReq.Header.Set("Accept", "application/json")
	httpReq.Header.Set(model.HeaderAuth, "Token "+token)
	resp, err := http.DefaultClient.Do(httpReq)
	if err != nil {
		return nil, fmt.Errorf("mattermosttest: command %s: %w", trigger, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("mattermosttest: command %s: status %s", trigger, resp.Status)
	}
	cr, err := model.CommandResponseFromHTTPBody(resp.Header.Get("Content-Type"), resp.Body)
	if err != nil || cr == nil {
		return nil, fmt.Errorf("mattermosttest: command %s: decode response: %v", trigger, err)
	}
	for _, r := range append([]*model.CommandResponse{cr}, cr.ExtraResponses...) {
		if err := s.postCommandResponse(ctx, cmd, r, user, channel); err != nil {
			return nil, err
		}
	}
	return cr, nil
}

// commandForm builds the form of a slash command request, and returns the
// registered command the token belongs to, if any.
func (s *Server) commandForm(token, trigger, text string, user *model.User, channel *model.Channel) (*model.Command, url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var cmd *model.Command
	for _, c := range s.commands {
		if c.Token == token {
			cmd = clone(c)
		}
	}
	team := s.teams[channel.TeamId]
	if cmd != nil {
		team = s.teams[cmd.TeamId]
	}
	if team == nil {
		team = s.teams[s.teamID]
	}
	form := url.Values{}
	form.Set("token", token)
	form.Set("team_id", team.Id)
	form.Set("team_domain", team.Name)
	form.Set("channel_id", channel.Id)
	form.Set("channel_name", channel.Name)
	form.Set("user_id", user.Id)
	form.Set("user_name", user.Username)
	form.Set("command", trigger)
	form.Set("text", text)
	hookID := model.NewId()
	s.hooks[hookID] = commandHook{cmd: cmd, user: user, channel: channel}
	form.Set("response_url", s.URL()+"/hooks/commands/"+hookID)
	form.Set("trigger_id", model.NewId())
	return cmd, form
}

// postCommandResponse posts an in_channel command response.
func (s *Server) postCommandResponse(ctx context.Context, cmd *model.Command, r *model.CommandResponse, user *model.User, channel *model.Channel) error {
	if r.ResponseType != model.CommandResponseTypeInChannel || (r.Text == "" && len(r.Attachments) == 0) {
		return nil
	}
	p := &model.Post{ChannelId: channel.Id, Message: r.Text, Type: r.Type}
	if r.ChannelId != "" {
		p.ChannelId = r.ChannelId
	}
	p.SetProps(r.Props)
	if len(r.Attachments) > 0 {
		p.AddProp(model.PostPropsAttachments, r.Attachments)
	}
	p.AddProp(model.PostPropsFromWebhook, "true")
	if cmd != nil && cmd.Username != "" {
		p.AddProp(model.PostPropsOverrideUsername, cmd.Username)
	}
	s.mu.Lock()
	_, ev, perr := s.storePost(p, user.Id)
	s.mu.Unlock()
	if perr != nil {
		return fmt.Errorf("mattermosttest: post command response: %w", perr)
	}
	return s.deliver(ctx, ev)
}

// do sends a request and returns the body of a 200 answer.
func do(req *http.Request) ([]byte, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("status " + resp.Status)
	}
	return body, nil
}
