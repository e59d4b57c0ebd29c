package whatsapp

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/heimatbot/heimatbot/backoff"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// DefaultAPIURL is Meta's Graph API.
const DefaultAPIURL = "https://graph.facebook.com"

// APIVersion is the Graph API version the adapter speaks.
const APIVersion = "v23.0"

// Options configure an Adapter. Token, AppSecret, VerifyToken,
// PhoneNumberID, Mux and Store are required.
type Options struct {
	// Token is the access token (a system user's) for the Graph API.
	Token string
	// AppSecret signs Meta's webhooks (X-Hub-Signature-256).
	AppSecret string
	// VerifyToken is what Meta sends in the verification handshake.
	VerifyToken string
	// PhoneNumberID is the business phone number's id at Meta.
	PhoneNumberID string
	// APIURL is the Graph API's base URL (DefaultAPIURL when empty), for a
	// proxy or a fake.
	APIURL string
	// Mux serves the webhook at Path (default /whatsapp/webhook).
	Mux  *http.ServeMux
	Path string

	// Store keeps the 24-hour windows and the shared pace.
	Store *store.Store
	// Lang is the language of the adapter's own texts when the
	// recipient's is unknown.
	Lang string
	// Templates are the approved templates by message kind, for messages
	// the bot starts once a person's window has closed.
	Templates map[string]Template

	// Pace is the pace of sending (DefaultPace when zero).
	Pace Pace

	// OnUnreachable is called when Meta reports a person undeliverable.
	OnUnreachable func(ctx context.Context, to bot.Address)

	// HTTPClient calls the Graph API; the default has timeouts.
	HTTPClient *http.Client
	// Now and Sleep are the clock, for tests; Sleep returns early with the
	// context's error.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Log   *slog.Logger
}

// Template is an approved message template: its name, its language code
// at Meta per bot language, the Message.Vars its body parameters are
// taken from in order ("text" is the message's own text), and how many
// quick-reply buttons it has (their payloads are the message's buttons).
type Template struct {
	Name      string            `yaml:"name"`
	Languages map[string]string `yaml:"languages"`
	Params    []string          `yaml:"params"`
	Buttons   int               `yaml:"buttons"`
}

func (o *Options) defaults() {
	if o.APIURL == "" {
		o.APIURL = DefaultAPIURL
	}
	if o.Path == "" {
		o.Path = "/whatsapp/webhook"
	}
	if o.Lang == "" {
		o.Lang = "de"
	}
	if o.Pace == (Pace{}) {
		o.Pace = DefaultPace()
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = backoff.Sleep
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.OnUnreachable == nil {
		o.OnUnreachable = func(context.Context, bot.Address) {}
	}
}
