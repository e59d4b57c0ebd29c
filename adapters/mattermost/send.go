package mattermost

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// Send posts m: its text as Markdown (split into several posts when longer
// than Mattermost allows), its buttons as interactive buttons or a numbered
// list, and its file uploaded and attached to the last post. A person
// Mattermost refuses to reach (deactivated, left) gives bot.ErrUnreachable.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	ch, err := a.channels.get(ctx, m.To.Chat)
	if err != nil {
		return a.sendError(err)
	}
	parts := render(m.Text, maxPostRunes)
	var attachments []*model.MessageAttachment
	if hasButtons(m.Buttons) {
		if a.cfg.ActionsURL != "" {
			attachments = []*model.MessageAttachment{a.buttonAttachment(ch, m)}
		} else {
			parts = appendList(parts, numberedList(m.Buttons), maxPostRunes)
		}
	}
	var fileIDs []string
	if m.File != nil {
		id, err := a.upload(ctx, ch.Id, m.File)
		if err != nil {
			return a.sendError(err)
		}
		fileIDs = []string{id}
	}
	if len(parts) == 0 {
		parts = []string{""}
	}
	if m.Edit != "" && len(fileIDs) == 0 && len(parts) == 1 {
		if err := a.editPost(ctx, m.Edit, parts[0], attachments); err == nil {
			return nil
		}
	}
	for i, text := range parts {
		p := &model.Post{ChannelId: ch.Id, RootId: m.Thread, Message: text, PendingPostId: a.pendingPostID(m.Key, i)}
		if i == len(parts)-1 {
			p.FileIds = fileIDs
			if attachments != nil {
				p.AddProp(model.PostPropsAttachments, attachments)
			}
		}
		if p.Message == "" && len(p.FileIds) == 0 && attachments == nil {
			continue
		}
		if err := a.createPost(ctx, p); err != nil {
			return a.sendError(err)
		}
	}
	return nil
}

// pendingPostID names part i of a message for Mattermost, which answers a
// post whose pending id it saw in the last 30 s with the post it made
// then instead of making another. A message with a Key (a reply) gets the
// same ids on every sending, so a reply sent again after a crash shows
// once; one without gets new ones, kept across the retries of one call.
func (a *Adapter) pendingPostID(key string, i int) string {
	if key == "" {
		return a.me.Id + ":" + model.NewId()
	}
	sum := sha256.Sum256([]byte(key + "/" + strconv.Itoa(i)))
	return a.me.Id + ":" + hex.EncodeToString(sum[:13])
}

// createPost posts p; a retry after a lost answer carries the same pending
// post id, which Mattermost uses to recognise a repeated post.
func (a *Adapter) createPost(ctx context.Context, p *model.Post) error {
	return a.retry.call(ctx, "create post", func(ctx context.Context) (*model.Response, error) {
		_, resp, err := a.client.CreatePost(ctx, p)
		return resp, err
	})
}

// editPost replaces the text and buttons of a post of the bot's (a
// multiple choice shown again with what is chosen). When Mattermost
// refuses, the caller posts the message anew.
func (a *Adapter) editPost(ctx context.Context, postID, text string, attachments []*model.MessageAttachment) error {
	props := model.StringInterface{}
	if attachments != nil {
		props[model.PostPropsAttachments] = attachments
	}
	patch := &model.PostPatch{Message: &text, Props: &props}
	err := a.retry.call(ctx, "edit post", func(ctx context.Context) (*model.Response, error) {
		_, resp, err := a.client.PatchPost(ctx, postID, patch)
		return resp, err
	})
	if err != nil {
		a.log.Debug("mattermost: edit the pressed post; posting it anew", "err", err)
	}
	return err
}

// upload stores a file in a channel and returns its id, for a post to
// attach.
func (a *Adapter) upload(ctx context.Context, channelID string, f *bot.File) (string, error) {
	var up *model.FileUploadResponse
	err := a.retry.call(ctx, "upload file", func(ctx context.Context) (resp *model.Response, err error) {
		up, resp, err = a.client.UploadFile(ctx, f.Data, channelID, f.Name)
		return resp, err
	})
	if err != nil {
		return "", err
	}
	if up == nil || len(up.FileInfos) == 0 {
		return "", fmt.Errorf("upload %s: no file in the answer", f.Name)
	}
	return up.FileInfos[0].Id, nil
}

// sendError marks refusals to reach a person as bot.ErrUnreachable.
func (a *Adapter) sendError(err error) error {
	if isStatus(err, http.StatusForbidden, http.StatusNotFound) {
		return fmt.Errorf("%w: %w", bot.ErrUnreachable, err)
	}
	return fmt.Errorf("mattermost send: %w", err)
}

func hasButtons(rows [][]bot.Button) bool {
	for _, r := range rows {
		if len(r) > 0 {
			return true
		}
	}
	return false
}

// numberedList shows buttons as "1. Label" lines for typing the number or
// the label.
func numberedList(rows [][]bot.Button) string {
	var lines []string
	for _, row := range rows {
		for _, b := range row {
			label := Markdown{}.Escape(b.Label)
			if b.Number > 0 {
				lines = append(lines, strconv.Itoa(b.Number)+". "+label)
			} else {
				lines = append(lines, "- "+label)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// appendList adds the list as a last paragraph, in a post of its own when
// it does not fit.
func appendList(parts []string, list string, limit int) []string {
	if len(parts) == 0 {
		return cut(list, limit)
	}
	last := parts[len(parts)-1]
	if utf8.RuneCountInString(last)+2+utf8.RuneCountInString(list) <= limit {
		parts[len(parts)-1] = last + "\n\n" + list
		return parts
	}
	return append(parts, cut(list, limit)...)
}

// errNoHandler answers callbacks that arrive before Run.
var errNoHandler = errors.New("mattermost adapter not running")
