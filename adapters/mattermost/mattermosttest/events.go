package mattermosttest

import (
	"regexp"
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// event is a WebSocket event and the users whose connections receive it.
type event struct {
	ev    *model.WebSocketEvent
	users []string
}

// channelAudience lists the members of a channel, who receive its events.
// Callers hold s.mu.
func (s *Server) channelAudience(channelID string) []string {
	var users []string
	for id := range s.members[channelID] {
		users = append(users, id)
	}
	return users
}

// postedEvent builds the "posted" event Mattermost sends when a post is
// created: the post as a JSON string and the channel and sender as the
// client needs them to render a notification. Callers hold s.mu.
func (s *Server) postedEvent(p *model.Post, c *model.Channel) *event {
	sender := s.users[p.UserId]
	postJSON, _ := s.forClient(p).ToJSON()
	ev := model.NewWebSocketEvent(model.WebsocketEventPosted, "", c.Id, "", nil, "")
	ev.Add("post", postJSON)
	ev.Add("channel_type", c.Type)
	ev.Add("channel_name", c.Name)
	displayName := c.DisplayName
	if c.Type == model.ChannelTypeDirect {
		displayName = "@" + sender.Username
	}
	ev.Add("channel_display_name", displayName)
	senderName := "@" + sender.Username
	if p.IsSystemMessage() {
		senderName = "System"
	}
	ev.Add("sender_name", senderName)
	ev.Add("team_id", c.TeamId)
	ev.Add("set_online", true)
	if len(p.FileIds) > 0 {
		ev.Add("otherFile", "true")
		for _, id := range p.FileIds {
			if s.files[id].info.IsImage() {
				ev.Add("image", "true")
				break
			}
		}
	}
	if mentions := s.mentions(p, c); len(mentions) > 0 {
		ev.Add("mentions", model.ArrayToJSON(mentions))
	}
	return &event{ev: ev, users: s.channelAudience(c.Id)}
}

// postEditedEvent builds the "post_edited" event. Callers hold s.mu.
func (s *Server) postEditedEvent(p *model.Post) *event {
	postJSON, _ := s.forClient(p).ToJSON()
	ev := model.NewWebSocketEvent(model.WebsocketEventPostEdited, "", p.ChannelId, "", nil, "")
	ev.Add("post", postJSON)
	return &event{ev: ev, users: s.channelAudience(p.ChannelId)}
}

var mentionPattern = regexp.MustCompile(`@([a-z0-9._\-]+)`)

// mentions lists the ids of the members a post mentions, the way the
// "mentions" field of a "posted" event does: in a direct channel the other
// person; elsewhere everyone named with @username, and all members for
// @channel, @all and @here. The sender and system messages mention no one.
// Callers hold s.mu.
func (s *Server) mentions(p *model.Post, c *model.Channel) []string {
	if p.IsSystemMessage() {
		return nil
	}
	var ids []string
	if c.Type == model.ChannelTypeDirect || c.Type == model.ChannelTypeGroup {
		for id := range s.members[c.Id] {
			if id != p.UserId {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		return ids
	}
	names := map[string]bool{}
	for _, m := range mentionPattern.FindAllStringSubmatch(strings.ToLower(p.Message), -1) {
		names[m[1]] = true
		names[strings.TrimRight(m[1], "._-")] = true
	}
	everyone := names["channel"] || names["all"] || names["here"]
	for id := range s.members[c.Id] {
		if id != p.UserId && (everyone || names[s.users[id].Username]) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
