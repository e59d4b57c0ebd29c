package mattermosttest

import (
	"github.com/mattermost/mattermost/server/public/model"
)

// AddUser adds a person to the team and its town square, as joining the
// team does in Mattermost. It panics if the username is taken.
func (s *Server) AddUser(username string) *model.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userByName(username) != nil {
		panic("mattermosttest: username taken: " + username)
	}
	u := s.addUser(username, false)
	s.teamMembers[s.teamID][u.Id] = true
	s.addMember(s.townSquareID, u.Id)
	return clone(u)
}

// SetLocale sets the language a user chose in their Mattermost settings.
func (s *Server) SetLocale(user *model.User, locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[user.Id]
	if u == nil {
		panic("mattermosttest: unknown user " + user.Id)
	}
	u.Locale = locale
	u.UpdateAt = s.millis()
}

// AddChannel adds a channel of type model.ChannelTypeOpen or
// model.ChannelTypePrivate to a team. It has no members: add the bot with
// [Server.AddMember] for it to see the channel.
func (s *Server) AddChannel(team *model.Team, name string, typ model.ChannelType) *model.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.teams[team.Id] == nil {
		panic("mattermosttest: unknown team " + team.Id)
	}
	if s.channelByName(team.Id, name) != nil {
		panic("mattermosttest: channel name taken: " + name)
	}
	return clone(s.addChannel(team.Id, name, name, typ))
}

// AddMember makes a user a member of a channel (and of its team). It sends
// no event and writes no system message; use [Server.UserPost] with type
// model.PostTypeJoinChannel for that.
func (s *Server) AddMember(channel *model.Channel, user *model.User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.channels[channel.Id] == nil || s.users[user.Id] == nil {
		panic("mattermosttest: unknown channel or user")
	}
	s.addMember(channel.Id, user.Id)
}

// DirectChannel returns the direct message channel between two users,
// creating it if needed, as POST /channels/direct does.
func (s *Server) DirectChannel(a, b *model.User) *model.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[a.Id] == nil || s.users[b.Id] == nil {
		panic("mattermosttest: unknown user")
	}
	return clone(s.directChannel(a.Id, b.Id))
}
