package mattermosttest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// Default names of the fixtures every [Server] starts with.
const (
	BotUsername    = "heimatbot"
	TeamName       = "ballenstedt"
	TownSquareName = "town-square"
	OrgaName       = "orga"
)

// Server is a fake Mattermost server. Its methods are safe for concurrent
// use. Values it returns are copies: changing them does not change the
// server.
type Server struct {
	http  *httptest.Server
	token string
	now   func() time.Time
	ping  time.Duration
	// locale is the server's DefaultClientLocale: every user's locale
	// until they choose one.
	locale string

	mu          sync.Mutex
	changed     chan struct{} // closed and replaced on every change of posts
	lastMillis  int64
	users       map[string]*model.User
	teams       map[string]*model.Team
	teamMembers map[string]map[string]bool // team id -> user ids
	channels    map[string]*model.Channel
	members     map[string]map[string]*model.ChannelMember // channel id -> user id -> member
	posts       map[string]*model.Post
	postOrder   []string               // post ids in creation order
	pending     map[string]pendingPost // pending_post_id -> the post made with it
	files       map[string]*storedFile
	fileOrder   []string
	commands    []*model.Command
	hooks       map[string]commandHook // response_url id -> invocation
	delayed     []*model.CommandResponse
	faults      []fault
	violations  []string

	hub hub

	botID, teamID, townSquareID, orgaID string
}

// Option configures a [Server] in [New].
type Option func(*Server)

// WithToken sets the bot's access token. The default is a fixed test token.
func WithToken(token string) Option {
	return func(s *Server) { s.token = token }
}

// WithClock sets the clock used for post and file timestamps. The server
// still keeps timestamps strictly increasing, so two posts never share a
// millisecond.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithDefaultLocale sets the server's default client locale
// (LocalizationSettings.DefaultClientLocale), which Mattermost gives every
// new user as their locale. The default is Mattermost's, "en".
func WithDefaultLocale(locale string) Option {
	return func(s *Server) { s.locale = locale }
}

// WithPingInterval sets how often the server pings WebSocket clients.
// Mattermost pings every 30 seconds; model.WebSocketClient reports a timeout
// after 65 seconds without one.
func WithPingInterval(d time.Duration) Option {
	return func(s *Server) { s.ping = d }
}

// New starts a fake server with a bot user "heimatbot", a team
// "ballenstedt", its "town-square" channel and a private organizer channel
// "orga"; the bot is a member of both channels. Close it when done.
func New(opts ...Option) *Server {
	s := &Server{
		token:       "heimatbot-test-token",
		locale:      model.DefaultLocale,
		now:         time.Now,
		ping:        30 * time.Second,
		changed:     make(chan struct{}),
		users:       make(map[string]*model.User),
		teams:       make(map[string]*model.Team),
		teamMembers: make(map[string]map[string]bool),
		channels:    make(map[string]*model.Channel),
		members:     make(map[string]map[string]*model.ChannelMember),
		posts:       make(map[string]*model.Post),
		pending:     make(map[string]pendingPost),
		files:       make(map[string]*storedFile),
		hooks:       make(map[string]commandHook),
	}
	for _, opt := range opts {
		opt(s)
	}
	s.hub.conns = make(map[*wsConn]bool)
	s.seed()
	s.http = httptest.NewServer(s.routes())
	return s
}

// seed creates the fixtures every server starts with.
func (s *Server) seed() {
	bot := s.addUser(BotUsername, true)
	team := s.addTeam(TeamName, "Ballenstedt")
	s.botID, s.teamID = bot.Id, team.Id
	s.teamMembers[team.Id][bot.Id] = true
	s.townSquareID = s.addChannel(team.Id, TownSquareName, "Town Square", model.ChannelTypeOpen).Id
	s.orgaID = s.addChannel(team.Id, OrgaName, "Orga", model.ChannelTypePrivate).Id
	s.addMember(s.townSquareID, bot.Id)
	s.addMember(s.orgaID, bot.Id)
}

// Close shuts the server down, closing all WebSocket connections.
func (s *Server) Close() {
	s.DropConnections()
	s.http.Close()
}

// URL is the server's base URL, as passed to model.NewAPIv4Client and
// model.NewWebSocketClient4 (the WebSocket client wants it with the "ws"
// scheme).
func (s *Server) URL() string { return s.http.URL }

// Token is the bot's access token.
func (s *Server) Token() string { return s.token }

// Bot is the bot's user.
func (s *Server) Bot() *model.User { return s.user(s.botID) }

// Team is the team "ballenstedt".
func (s *Server) Team() *model.Team {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clone(s.teams[s.teamID])
}

// TownSquare is the team's "town-square" channel.
func (s *Server) TownSquare() *model.Channel { return s.channel(s.townSquareID) }

// Orga is the organizers' private channel "orga".
func (s *Server) Orga() *model.Channel { return s.channel(s.orgaID) }

// Client returns a model.Client4 logged in as the bot, with a timeout, for
// tests of code that takes a client.
func (s *Server) Client() *model.Client4 {
	c := model.NewAPIv4Client(s.URL())
	c.SetToken(s.token)
	c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	return c
}

func (s *Server) user(id string) *model.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clone(s.users[id])
}

func (s *Server) channel(id string) *model.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clone(s.channels[id])
}
