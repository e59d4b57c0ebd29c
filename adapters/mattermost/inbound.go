package mattermost

import (
	"context"
	"regexp"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// incoming is a post to consider, with what its channel is.
type incoming struct {
	post        *model.Post
	channelType model.ChannelType
	// sender is the "@name" the event named, if any.
	sender string
}

// update maps a post to an update, or reports that the bot ignores it: its
// own and other bots' posts, system messages, deleted posts, and in
// channels everything that does not mention the bot.
func (a *Adapter) update(ctx context.Context, in incoming) (bot.Update, bool) {
	p := in.post
	switch {
	case p.UserId == a.me.Id, p.UserId == "",
		p.GetProp(model.PostPropsFromBot) == "true",
		p.GetProp(model.PostPropsFromWebhook) == "true",
		p.GetProp(model.PostPropsFromPlugin) == "true",
		p.Type != "", p.DeleteAt != 0:
		return bot.Update{}, false
	}
	private := in.channelType == model.ChannelTypeDirect
	text := p.Message
	if !private {
		var mentioned bool
		if text, mentioned = a.stripMention(text); !mentioned {
			return bot.Update{}, false
		}
	}
	text = strings.TrimSpace(text)
	u := bot.Update{
		ID:           "mm:" + p.Id,
		Chat:         bot.Address{Platform: bot.Mattermost, Chat: p.ChannelId},
		User:         a.person(ctx, p.UserId, strings.TrimPrefix(in.sender, "@")),
		Private:      private,
		Thread:       p.RootId,
		Text:         text,
		BareCommands: true,
		Unsupported:  text == "" && len(p.FileIds) > 0,
	}
	if !private && u.Thread == "" {
		u.Thread = p.Id
	}
	return u, true
}

// stripMention removes every "@botname" from text and reports whether
// there was one.
func (a *Adapter) stripMention(text string) (string, bool) {
	found := false
	for {
		loc := a.mention.FindStringSubmatchIndex(text)
		if loc == nil {
			return text, found
		}
		found = true
		// Keep what surrounded the mention (a space, a period).
		text = text[:loc[3]] + " " + text[loc[4]:]
	}
}

// mentionPattern finds "@username" as a whole name; group 1 and 2 are what
// surrounds it.
func mentionPattern(username string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[^\w.@-])@` + regexp.QuoteMeta(username) + `($|[^\w-]|\.($|\s))`)
}
