// Package config loads heimatbot's configuration: the shipped defaults
// (Ballenstedt, in ballenstedt.yaml, which is also the annotated example), a
// YAML file over them, then environment variables for every secret and
// address. Validate names every problem on a line of its own.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"go.yaml.in/yaml/v3"
)

//go:embed ballenstedt.yaml
var defaults []byte

// Config is the whole configuration.
type Config struct {
	Community  Community  `yaml:"community"`
	Organizers Organizers `yaml:"organizers"`
	Limits     Limits     `yaml:"limits"`
	Events     Events     `yaml:"events"`
	Voices     Voices     `yaml:"voices"`
	Vorhaben   Vorhaben   `yaml:"vorhaben"`
	Schedule   Schedule   `yaml:"schedule"`
	Redis      Redis      `yaml:"redis"`
	Telegram   Telegram   `yaml:"telegram"`
	Mattermost Mattermost `yaml:"mattermost"`
	WhatsApp   WhatsApp   `yaml:"whatsapp"`
	Console    Console    `yaml:"console"`
	HTTP       HTTP       `yaml:"http"`
	Log        Log        `yaml:"log"`
	// ShutdownGrace is how long updates in hand may take to finish on
	// SIGTERM or SIGINT.
	ShutdownGrace time.Duration `yaml:"shutdown_grace" env:"HEIMATBOT_SHUTDOWN_GRACE"`
}

// Community describes the town (or county, or region) the bot serves.
type Community struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Timezone string `yaml:"timezone"`
	// Population is the total from the town's register; 0 when unknown.
	Population int `yaml:"population"`
	// Languages the bot offers; the first is the default.
	Languages      []string `yaml:"languages"`
	Districts      []Option `yaml:"districts"`
	Themes         []Option `yaml:"themes"`
	Roles          []Option `yaml:"roles"`
	HelpCategories []Option `yaml:"help_categories"`
}

// Option is one entry of a configured list: a short stable id (used in
// buttons and data) and its label per language.
type Option struct {
	ID   string `yaml:"id"`
	Name Names  `yaml:"name"`
	// Population of a district from the town's register; 0 when unknown.
	Population int `yaml:"population,omitempty"`
}

// Names are labels by language. A plain string in YAML is the German label.
type Names map[string]string

// UnmarshalYAML accepts a string or a map of language to label.
func (n *Names) UnmarshalYAML(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode {
		*n = Names{"de": v.Value}
		return nil
	}
	m := map[string]string{}
	if err := v.Decode(&m); err != nil {
		return err
	}
	*n = m
	return nil
}

// In returns the label in lang, else German, else any.
func (n Names) In(lang string) string {
	if s, ok := n[lang]; ok {
		return s
	}
	if base, _, found := strings.Cut(lang, "-"); found {
		if s, ok := n[base]; ok {
			return s
		}
	}
	if s, ok := n["de"]; ok {
		return s
	}
	for _, s := range n {
		return s
	}
	return ""
}

// Find returns the option with id.
func Find(opts []Option, id string) (Option, bool) {
	for _, o := range opts {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// Organizers are the people who may use organizer commands, by platform.
// Mattermost adds the members of its organizer channel.
type Organizers struct {
	// Telegram user ids or @usernames.
	Telegram []string `yaml:"telegram"`
	// Mattermost usernames.
	Mattermost []string `yaml:"mattermost"`
	// WhatsApp numbers in international form, digits only or with "+".
	WhatsApp []string `yaml:"whatsapp"`
}

// Limits bound what people may send.
type Limits struct {
	MessageMax      int           `yaml:"message_max"`
	OpinionMin      int           `yaml:"opinion_min"`
	OpinionMax      int           `yaml:"opinion_max"`
	ConversationTTL time.Duration `yaml:"conversation_ttl"`
}

// Events configures town conversations.
type Events struct {
	Reminders []time.Duration `yaml:"reminders"`
}

// Voices configures opinions and their moderation.
type Voices struct {
	// NotifyAuthor tells the author whether an opinion was approved or
	// rejected.
	NotifyAuthor bool `yaml:"notify_author"`
}

// Vorhaben configures how the bot holds the thread of a next step.
type Vorhaben struct {
	// AskBefore is how long before its due date the holder is asked for
	// a status.
	AskBefore time.Duration `yaml:"ask_before"`
	// Silence is how long a Vorhaben may go without news before its
	// holder is asked again.
	Silence time.Duration `yaml:"silence"`
	// Raise is how long a Vorhaben may stay stuck, or its holder leave a
	// question unanswered, before the organizers are told.
	Raise time.Duration `yaml:"raise"`
}

// Schedule holds the cron specs of recurring jobs (in the community's
// time zone).
type Schedule struct {
	Digest string `yaml:"digest"`
}

// Redis says where the data lives. With no address at all the bot runs on
// an embedded store whose data is lost on exit.
type Redis struct {
	URL        string   `yaml:"url" env:"REDIS_URL"`
	Addrs      []string `yaml:"addrs" env:"REDIS_ADDRS"`
	MasterName string   `yaml:"master_name" env:"REDIS_MASTER_NAME"`
	Password   string   `yaml:"-" env:"REDIS_PASSWORD"`
	// WaitReplicas is how many replicas must have an update's effects
	// before it is confirmed to its platform (store.Options.WaitReplicas).
	WaitReplicas int `yaml:"wait_replicas" env:"REDIS_WAIT_REPLICAS"`
}

// Telegram connects the bot to Telegram when Token is set.
type Telegram struct {
	Token         string `yaml:"-" env:"TELEGRAM_TOKEN"`
	APIURL        string `yaml:"api_url" env:"TELEGRAM_API_URL"`
	WebhookURL    string `yaml:"webhook_url" env:"TELEGRAM_WEBHOOK_URL"`
	WebhookSecret string `yaml:"-" env:"TELEGRAM_WEBHOOK_SECRET"`
	// Username is the bot's @name, for share links and QR codes on posters.
	Username string `yaml:"username" env:"TELEGRAM_BOT_USERNAME"`
}

// Mattermost connects the bot to a Mattermost server when URL and Token are
// set.
type Mattermost struct {
	URL              string `yaml:"url" env:"MATTERMOST_URL"`
	Token            string `yaml:"-" env:"MATTERMOST_TOKEN"`
	Team             string `yaml:"team" env:"MATTERMOST_TEAM"`
	OrganizerChannel string `yaml:"organizer_channel" env:"MATTERMOST_ORGANIZER_CHANNEL"`
	ActionsURL       string `yaml:"actions_url" env:"MATTERMOST_ACTIONS_URL"`
	ActionsSecret    string `yaml:"-" env:"MATTERMOST_ACTIONS_SECRET"`
}

// WhatsApp connects the bot to the WhatsApp Business Platform's Cloud API
// when Token is set. Its secrets come from the environment only.
type WhatsApp struct {
	Token       string `yaml:"-" env:"WHATSAPP_TOKEN"`
	AppSecret   string `yaml:"-" env:"WHATSAPP_APP_SECRET"`
	VerifyToken string `yaml:"-" env:"WHATSAPP_VERIFY_TOKEN"`
	// PhoneNumberID is the business number's id at Meta.
	PhoneNumberID string `yaml:"phone_number_id"`
	// Number is the business number in international form (digits), for
	// wa.me links and QR codes on posters.
	Number string `yaml:"number"`
	// APIURL is the Graph API's base URL (empty: Meta's), for a proxy or a
	// test server.
	APIURL string `yaml:"api_url"`
	// Throughput is the number's messages per second (Meta's default 80).
	Throughput float64 `yaml:"throughput"`
	// Templates are the approved templates by kind of message the bot
	// starts by itself (invite, remind, feedback, cancel, moved,
	// promoted, help_ask, vh-ask, vh-news, vh-status), for people whose
	// 24-hour window has closed.
	Templates map[string]WhatsAppTemplate `yaml:"templates"`
}

// WhatsAppTemplate is an approved template: its name, Meta's language
// code per bot language, the values its body parameters take in order
// (title, when, text) and how many quick-reply buttons it has.
type WhatsAppTemplate struct {
	Name      string            `yaml:"name"`
	Languages map[string]string `yaml:"languages"`
	Params    []string          `yaml:"params"`
	Buttons   int               `yaml:"buttons"`
}

// WhatsAppKinds are the kinds of message a template may stand for, with
// the values each offers its parameters.
func WhatsAppKinds() map[string][]string {
	return map[string][]string{
		"invite":   {"title", "when", "text"},
		"remind":   {"title", "when", "text"},
		"feedback": {"title", "text"},
		"cancel":   {"title", "when", "text"},
		"moved":    {"title", "when", "text"},
		"promoted": {"title", "when", "text"},
		"help_ask": {"title", "text"},
		// A Vorhaben: following asked, its news, its holder asked.
		"vh-ask":    {"title", "text"},
		"vh-news":   {"title", "status", "text"},
		"vh-status": {"title", "text"},
		// Notices a flow sends by itself: an opinion decided, a helper
		// interested in a need, an opinion to moderate, a Vorhaben to hold.
		"decided":    {"title", "status", "text"},
		"match":      {"title", "text"},
		"moderation": {"title", "text"},
		"vh-hold":    {"title", "text"},
		// The weekly digest to an organizer: the community and the week.
		"digest": {"title", "when", "text"},
	}
}

// Console is the terminal chat, used when no platform is configured.
type Console struct {
	// Organizer makes the console user an organizer, to try organizer flows.
	Organizer bool `yaml:"organizer" env:"HEIMATBOT_CONSOLE_ORGANIZER"`
}

// HTTP is the bot's own server (webhooks, callbacks, health, metrics).
type HTTP struct {
	Addr string `yaml:"addr" env:"HEIMATBOT_HTTP_ADDR"`
}

// Log configures structured logs.
type Log struct {
	Format string `yaml:"format" env:"HEIMATBOT_LOG_FORMAT"`
	Level  string `yaml:"level" env:"HEIMATBOT_LOG_LEVEL"`
}

// Default returns the shipped configuration (Ballenstedt).
func Default() *Config {
	c, err := parse(nil)
	if err != nil {
		panic("shipped defaults do not parse: " + err.Error())
	}
	return c
}

// DefaultFile is read when no --config is given and it exists.
const DefaultFile = "heimatbot.yaml"

// Load reads the defaults, then the file at path (none when empty), then
// the environment (a map, so tests need not touch the process's), and
// validates the result.
func Load(path string, environ map[string]string) (*Config, error) {
	var file []byte
	if path != "" {
		var err error
		if file, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
	}
	c, err := parse(file)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if err := env.ParseWithOptions(c, env.Options{Environment: environ}); err != nil {
		return nil, fmt.Errorf("config from environment: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func parse(file []byte) (*Config, error) {
	c := &Config{}
	if err := decode(defaults, c); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(file)) > 0 {
		if err := decode(file, c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func decode(b []byte, c *Config) error {
	d := yaml.NewDecoder(bytes.NewReader(b))
	d.KnownFields(true)
	if err := d.Decode(c); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return errors.New(strings.Join(te.Errors, "\n"))
		}
		return err
	}
	return nil
}

// Location is the community's time zone.
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Community.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}
