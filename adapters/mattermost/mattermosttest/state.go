package mattermosttest

import (
	"encoding/json"
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"
)

// The helpers in this file work on the server's state; callers hold s.mu.

// clone deep-copies v through JSON, the way it travels over the wire. A deep
// copy matters for posts: model.Post.StripActionIntegrations (called by
// model.Post.ToJSON) changes the attachments a shallow copy shares.
func clone[T any](v *T) *T {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("mattermosttest: copy %T: %v", v, err))
	}
	var c T
	if err := json.Unmarshal(b, &c); err != nil {
		panic(fmt.Sprintf("mattermosttest: copy %T: %v", v, err))
	}
	return &c
}

// millis returns the current time in milliseconds, strictly after every
// timestamp handed out before.
func (s *Server) millis() int64 {
	ms := s.now().UnixMilli()
	if ms <= s.lastMillis {
		ms = s.lastMillis + 1
	}
	s.lastMillis = ms
	return ms
}

// notifyChanged wakes everyone waiting in WaitPost.
func (s *Server) notifyChanged() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) addUser(username string, isBot bool) *model.User {
	now := s.millis()
	u := &model.User{
		Id:          model.NewId(),
		CreateAt:    now,
		UpdateAt:    now,
		Username:    username,
		Email:       username + "@example.invalid",
		Nickname:    username,
		Roles:       model.SystemUserRoleId,
		Locale:      s.locale,
		IsBot:       isBot,
		NotifyProps: model.StringMap{},
		Timezone:    model.StringMap{"useAutomaticTimezone": "false", "automaticTimezone": "", "manualTimezone": "Europe/Berlin"},
	}
	if isBot {
		u.BotDescription = "heimatbot test bot"
	}
	s.users[u.Id] = u
	return u
}

func (s *Server) userByName(username string) *model.User {
	for _, u := range s.users {
		if u.Username == username {
			return u
		}
	}
	return nil
}

func (s *Server) addTeam(name, displayName string) *model.Team {
	now := s.millis()
	t := &model.Team{
		Id:          model.NewId(),
		CreateAt:    now,
		UpdateAt:    now,
		Name:        name,
		DisplayName: displayName,
		Type:        model.TeamOpen,
		Email:       "team@example.invalid",
	}
	s.teams[t.Id] = t
	s.teamMembers[t.Id] = make(map[string]bool)
	return t
}

func (s *Server) teamByName(name string) *model.Team {
	for _, t := range s.teams {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func (s *Server) addChannel(teamID, name, displayName string, typ model.ChannelType) *model.Channel {
	now := s.millis()
	c := &model.Channel{
		Id:          model.NewId(),
		CreateAt:    now,
		UpdateAt:    now,
		TeamId:      teamID,
		Type:        typ,
		Name:        name,
		DisplayName: displayName,
		CreatorId:   s.botID,
	}
	s.channels[c.Id] = c
	s.members[c.Id] = make(map[string]*model.ChannelMember)
	return c
}

func (s *Server) channelByName(teamID, name string) *model.Channel {
	for _, c := range s.channels {
		if c.TeamId == teamID && c.Name == name {
			return c
		}
	}
	return nil
}

func (s *Server) addMember(channelID, userID string) {
	if s.members[channelID][userID] != nil {
		return
	}
	s.members[channelID][userID] = &model.ChannelMember{
		ChannelId:    channelID,
		UserId:       userID,
		Roles:        "channel_user",
		SchemeUser:   true,
		NotifyProps:  model.GetDefaultChannelNotifyProps(),
		LastUpdateAt: s.millis(),
	}
	if teamID := s.channels[channelID].TeamId; teamID != "" {
		s.teamMembers[teamID][userID] = true
	}
}

func (s *Server) isMember(channelID, userID string) bool {
	return s.members[channelID][userID] != nil
}

// canRead reports whether a user may read a channel: members always, and
// anyone in the team for open channels.
func (s *Server) canRead(c *model.Channel, userID string) bool {
	if s.isMember(c.Id, userID) {
		return true
	}
	return c.Type == model.ChannelTypeOpen && s.teamMembers[c.TeamId][userID]
}

// directChannel returns the direct channel between two users, creating it
// when needed.
func (s *Server) directChannel(a, b string) *model.Channel {
	name := model.GetDMNameFromIds(a, b)
	if c := s.channelByName("", name); c != nil {
		return c
	}
	c := s.addChannel("", name, "", model.ChannelTypeDirect)
	c.CreatorId = a
	s.addMember(c.Id, a)
	s.addMember(c.Id, b)
	return c
}
