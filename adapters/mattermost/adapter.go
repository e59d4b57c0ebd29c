package mattermost

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// Config is what the adapter needs. URL, Token, Team, OrganizerChannel and
// Store are required; ActionsURL switches buttons and the slash command on
// and then needs ActionsSecret.
type Config struct {
	URL   string
	Token string
	// Team and OrganizerChannel name (not display name) the organizers'
	// channel; its members are organizers.
	Team             string
	OrganizerChannel string
	// ActionsURL is the bot's HTTP server as Mattermost reaches it; the
	// handlers of Register live below it.
	ActionsURL    string
	ActionsSecret string
	// Store holds the "last seen" marks, in the community's key space.
	Store *store.Store
	// Lang is the language of the adapter's own short answers.
	Lang string
	// Languages, when set, matches a person's language hint to the
	// community's languages as the engine does, so the adapter's answers
	// and the engine's agree; without it the hint is matched to the
	// adapter's own catalog.
	Languages interface{ Match(hint string) string }
	// ButtonTTL is how long a button stays valid (default 24 h).
	ButtonTTL time.Duration
	// OrganizerTTL is how long the organizer channel's members are cached
	// (default 1 min).
	OrganizerTTL time.Duration
	// HTTPTimeout bounds each API request (default 30 s).
	HTTPTimeout time.Duration
	// LeaseTTL is how long the consumer lease outlives a process that
	// stopped renewing it (default 15 s): of several processes on one
	// Redis only its holder reads the event stream. The holder renews it
	// every third of it, and stops reading after two thirds without a
	// renewal Redis confirmed.
	LeaseTTL time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Sleep waits between retries and reconnects (default: a timer that
	// ends early with ctx).
	Sleep func(ctx context.Context, d time.Duration) error
	Log   *slog.Logger
}

// Adapter connects one bot account on one Mattermost server.
type Adapter struct {
	cfg    Config
	client *model.Client4
	retry  retryPolicy
	log    *slog.Logger
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	seen   lastSeen
	texts  *bot.Localizer
	// textCat holds texts in every language, for textsFor.
	textCat *bot.Catalog
	sign    signer

	me      *model.User
	mention *regexp.Regexp
	team    *model.Team
	orga    *model.Channel
	// locale is the server's default client locale, every user's until
	// they choose one; "" when the server did not say.
	locale string

	lanes    bot.Serial // one channel's posts in order
	users    *userCache
	channels *channelCache
	orgs     *organizerCache

	ready     chan struct{}
	readyOnce sync.Once
	// live is true while the event stream is connected and caught up.
	live atomic.Bool
	// lease elects the process that reads the event stream; standby is
	// true while another one does.
	lease   *consumerLease
	standby atomic.Bool
	// panics counts the updates whose mapping panicked here.
	panics atomic.Int64

	mu       sync.Mutex
	handler  bot.Handler
	runCtx   context.Context
	cmdToken string
}

var (
	_ bot.Adapter       = (*Adapter)(nil)
	_ bot.Organizers    = (*Adapter)(nil)
	_ bot.DirectChatter = (*Adapter)(nil)
)

// New logs in with the bot's token and finds the team and the organizer
// channel; with an actions URL it registers the slash command /heimat where
// the bot may. It fails when the server cannot be reached or the token,
// team or channel is wrong.
func New(ctx context.Context, cfg Config) (*Adapter, error) {
	if cfg.URL == "" || cfg.Token == "" || cfg.Team == "" || cfg.OrganizerChannel == "" || cfg.Store == nil {
		return nil, errors.New("mattermost: URL, token, team, organizer channel and store are required")
	}
	if cfg.ActionsURL != "" && cfg.ActionsSecret == "" {
		return nil, errors.New("mattermost: an actions URL needs an actions secret")
	}
	cfg = withDefaults(cfg)
	client := model.NewAPIv4Client(strings.TrimRight(cfg.URL, "/"))
	client.SetToken(cfg.Token)
	client.HTTPClient = &http.Client{Timeout: cfg.HTTPTimeout}
	textCat, texts, err := loadTexts(cfg.Lang)
	if err != nil {
		return nil, err
	}
	a := &Adapter{
		cfg: cfg, client: client, log: cfg.Log, now: cfg.Now, sleep: cfg.Sleep,
		retry: retryPolicy{attempts: 5, base: 500 * time.Millisecond, max: 30 * time.Second, sleep: cfg.Sleep, counts: &retryCounts{}},
		seen:  lastSeen{rdb: cfg.Store.Client(), key: cfg.Store.Key("mattermost", "seen")},
		texts: texts, textCat: textCat,
		sign:  signer{key: []byte(cfg.ActionsSecret)},
		ready: make(chan struct{}),
	}
	a.lease = newLease(cfg.Store.Client(), cfg.Store.Key("mattermost", "consumer"), cfg.LeaseTTL, backoff.Sleep)
	a.users = &userCache{a: a, ttl: 10 * time.Minute, byID: map[string]cachedUser{}}
	a.channels = &channelCache{a: a, byID: map[string]*model.Channel{}}
	a.orgs = &organizerCache{a: a, ttl: cfg.OrganizerTTL}
	if err := a.login(ctx); err != nil {
		return nil, err
	}
	if cfg.ActionsURL != "" {
		a.registerCommand(ctx)
	}
	return a, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Lang == "" {
		cfg.Lang = "de"
	}
	if cfg.ButtonTTL <= 0 {
		cfg.ButtonTTL = 24 * time.Hour
	}
	if cfg.OrganizerTTL <= 0 {
		cfg.OrganizerTTL = time.Minute
	}
	if cfg.HTTPTimeout <= 0 {
		cfg.HTTPTimeout = 30 * time.Second
	}
	if cfg.LeaseTTL <= 0 {
		cfg.LeaseTTL = 15 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = backoff.Sleep
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	cfg.ActionsURL = strings.TrimRight(cfg.ActionsURL, "/")
	return cfg
}

// login finds the bot's own user, its team and the organizer channel.
func (a *Adapter) login(ctx context.Context) error {
	err := a.retry.call(ctx, "get me", func(ctx context.Context) (resp *model.Response, err error) {
		a.me, resp, err = a.client.GetMe(ctx, "")
		return resp, err
	})
	if err != nil {
		return fmt.Errorf("log in (check MATTERMOST_URL and MATTERMOST_TOKEN): %w", err)
	}
	a.mention = mentionPattern(a.me.Username)
	err = a.retry.call(ctx, "get team", func(ctx context.Context) (resp *model.Response, err error) {
		a.team, resp, err = a.client.GetTeamByName(ctx, a.cfg.Team, "")
		return resp, err
	})
	if err != nil {
		return fmt.Errorf("team %q: %w", a.cfg.Team, err)
	}
	err = a.retry.call(ctx, "get organizer channel", func(ctx context.Context) (resp *model.Response, err error) {
		a.orga, resp, err = a.client.GetChannelByName(ctx, a.cfg.OrganizerChannel, a.team.Id, "")
		return resp, err
	})
	if err != nil {
		return fmt.Errorf("organizer channel %q in team %q (is the bot a member?): %w", a.cfg.OrganizerChannel, a.cfg.Team, err)
	}
	a.locale = a.clientLocale(ctx)
	a.log.Info("mattermost connected", "bot", a.me.Username, "team", a.team.Name, "organizer_channel", a.orga.Name)
	return nil
}

// Platform is bot.Mattermost.
func (a *Adapter) Platform() bot.Platform { return bot.Mattermost }

// BotUsername is the bot account's username, as people mention it.
func (a *Adapter) BotUsername() string { return a.me.Username }

// OrganizerChannel is where moderation requests, organizer notices and
// digests go.
func (a *Adapter) OrganizerChannel() bot.Address {
	return bot.Address{Platform: bot.Mattermost, Chat: a.orga.Id}
}

// running returns the handler and context of Run, or nil before Run.
func (a *Adapter) running() (bot.Handler, context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.handler, a.runCtx
}

// Ready is closed once the event stream is connected and the posts made
// before are caught up with, for the first time: in the process that
// holds the consumer lease.
func (a *Adapter) Ready() <-chan struct{} { return a.ready }

// Reading reports whether this process reads the event stream now.
func (a *Adapter) Reading() bool { return a.live.Load() }

// Healthy reports, for /readyz, whether the event stream is connected now,
// or this process stands by while another one reads it.
func (a *Adapter) Healthy(context.Context) error {
	if !a.live.Load() && !a.standby.Load() {
		return errors.New("event stream not connected")
	}
	return nil
}
