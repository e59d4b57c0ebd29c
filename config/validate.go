package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/robfig/cron/v3"
	"golang.org/x/text/language"
)

// idPattern keeps ids short and safe inside button payloads and keys.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,23}$`)

// webhookSecretPattern is what Telegram's setWebhook takes as
// secret_token; anything else would fail at every start.
var webhookSecretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// Validate returns every problem of c, one per line, each naming its field.
func (c *Config) Validate() error {
	var p problems
	cm := c.Community
	if !idPattern.MatchString(cm.ID) {
		p.add("community.id", "must be 1-24 lower-case letters, digits, - or _, got %q", cm.ID)
	}
	if cm.Name == "" {
		p.add("community.name", "is empty")
	}
	if _, err := time.LoadLocation(cm.Timezone); err != nil {
		p.add("community.timezone", "%q is no IANA time zone", cm.Timezone)
	}
	if cm.Population < 0 {
		p.add("community.population", "must not be negative")
	}
	if len(cm.Languages) == 0 {
		p.add("community.languages", "needs at least one language")
	}
	for i, l := range cm.Languages {
		if _, err := language.Parse(l); err != nil {
			p.add(fmt.Sprintf("community.languages[%d]", i), "%q is no language tag such as de, en or de-x-einfach", l)
		}
	}
	p.options("community.districts", cm.Districts, true)
	p.options("community.themes", cm.Themes, true)
	p.options("community.roles", cm.Roles, false)
	p.options("community.help_categories", cm.HelpCategories, false)

	l := c.Limits
	if l.MessageMax < 1 || l.MessageMax > 4000 {
		p.add("limits.message_max", "must be between 1 and 4000, got %d", l.MessageMax)
	}
	if l.OpinionMin < 1 || l.OpinionMin > l.OpinionMax {
		p.add("limits.opinion_min", "must be at least 1 and at most limits.opinion_max, got %d", l.OpinionMin)
	}
	if l.OpinionMax > l.MessageMax {
		p.add("limits.opinion_max", "must not exceed limits.message_max (%d), got %d", l.MessageMax, l.OpinionMax)
	}
	if l.ConversationTTL < time.Minute {
		p.add("limits.conversation_ttl", "must be at least 1m, got %s", l.ConversationTTL)
	}
	vh := c.Vorhaben
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"vorhaben.ask_before", vh.AskBefore}, {"vorhaben.silence", vh.Silence}, {"vorhaben.raise", vh.Raise}} {
		if f.d < time.Hour {
			p.add(f.name, "must be at least 1h, got %s", f.d)
		}
	}
	for i, d := range c.Events.Reminders {
		if d <= 0 {
			p.add(fmt.Sprintf("events.reminders[%d]", i), "must be a positive duration such as 24h, got %s", d)
		}
	}
	if _, err := cron.ParseStandard(c.Schedule.Digest); err != nil {
		p.add("schedule.digest", "%q is no cron spec (minute hour day month weekday): %v", c.Schedule.Digest, err)
	}
	if c.Redis.URL != "" {
		if u, err := url.Parse(c.Redis.URL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
			p.add("redis.url (REDIS_URL)", "must be a redis:// or rediss:// URL")
		}
	}
	if c.Redis.MasterName != "" && len(c.Redis.Addrs) == 0 {
		p.add("redis.master_name", "needs redis.addrs with the Sentinel addresses")
	}
	switch r := c.Redis; {
	case r.WaitReplicas < 0:
		p.add("redis.wait_replicas (REDIS_WAIT_REPLICAS)", "must be 0 or more, got %d", r.WaitReplicas)
	case r.WaitReplicas > 0 && r.URL == "" && r.MasterName == "" && len(r.Addrs) > 1:
		p.add("redis.wait_replicas (REDIS_WAIT_REPLICAS)", "works with one master (redis.url, or Sentinel with redis.master_name), not with a Cluster")
	case r.WaitReplicas > 0 && r.URL == "" && len(r.Addrs) == 0:
		p.add("redis.wait_replicas (REDIS_WAIT_REPLICAS)", "needs a Redis with replicas; the embedded store has none")
	}
	p.url("telegram.api_url (TELEGRAM_API_URL)", c.Telegram.APIURL)
	p.url("telegram.webhook_url (TELEGRAM_WEBHOOK_URL)", c.Telegram.WebhookURL)
	if c.Telegram.WebhookURL != "" && c.Telegram.WebhookSecret == "" {
		p.add("TELEGRAM_WEBHOOK_SECRET", "is required with telegram.webhook_url")
	}
	if s := c.Telegram.WebhookSecret; s != "" && !webhookSecretPattern.MatchString(s) {
		// The secret itself is never shown.
		p.add("TELEGRAM_WEBHOOK_SECRET", "may hold only A-Z, a-z, 0-9, _ and -, 1 to 256 of them, as Telegram requires (this one has %d characters)", utf8.RuneCountInString(s))
	}
	if c.Telegram.WebhookURL != "" && c.HTTP.Addr == "" {
		p.add("http.addr", "is required with telegram.webhook_url")
	}
	m := c.Mattermost
	p.url("mattermost.url (MATTERMOST_URL)", m.URL)
	if (m.URL == "") != (m.Token == "") {
		p.add("mattermost", "needs both MATTERMOST_URL and MATTERMOST_TOKEN")
	}
	if m.URL != "" && (m.Team == "" || m.OrganizerChannel == "") {
		p.add("mattermost.team / mattermost.organizer_channel", "are required with mattermost.url")
	}
	p.url("mattermost.actions_url", m.ActionsURL)
	if m.ActionsURL != "" && c.HTTP.Addr == "" {
		p.add("http.addr", "is required with mattermost.actions_url (Mattermost calls the bot there)")
	}
	if m.ActionsURL != "" && m.ActionsSecret == "" {
		p.add("MATTERMOST_ACTIONS_SECRET", "is required with mattermost.actions_url (it signs the buttons)")
	}
	p.whatsapp(c)
	if c.ShutdownGrace <= 0 {
		p.add("shutdown_grace", "must be a positive duration such as 10s, got %s", c.ShutdownGrace)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		p.add("log.format", "must be text or json, got %q", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		p.add("log.level", "must be debug, info, warn or error, got %q", c.Log.Level)
	}
	return p.err()
}

type problems []error

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
}

func (p *problems) options(field string, opts []Option, required bool) {
	if required && len(opts) == 0 {
		p.add(field, "needs at least one entry")
	}
	seen := map[string]bool{}
	for i, o := range opts {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !idPattern.MatchString(o.ID) {
			p.add(f+".id", "must be 1-24 lower-case letters, digits, - or _, got %q", o.ID)
		}
		if seen[o.ID] {
			p.add(f+".id", "%q is used twice", o.ID)
		}
		seen[o.ID] = true
		if o.Name.In("de") == "" {
			p.add(f+".name", "is empty")
		}
		if o.Population < 0 {
			p.add(f+".population", "must not be negative")
		}
	}
}

func (p *problems) url(field, s string) {
	if s == "" {
		return
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.add(field, "must be an http:// or https:// URL, got %q", s)
	}
}

func (p *problems) whatsapp(c *Config) {
	w := c.WhatsApp
	p.url("whatsapp.api_url", w.APIURL)
	if w.Number != "" && !digits(strings.TrimPrefix(w.Number, "+")) {
		p.add("whatsapp.number", "must be the number in international form, digits only, got %q", w.Number)
	}
	for i, n := range c.Organizers.WhatsApp {
		if !digits(strings.TrimPrefix(n, "+")) {
			p.add(fmt.Sprintf("organizers.whatsapp[%d]", i), "must be a number in international form, got %q", n)
		}
	}
	if w.Throughput < 0 {
		p.add("whatsapp.throughput", "must not be negative")
	}
	for kind, t := range w.Templates {
		f := "whatsapp.templates." + kind
		vars, ok := WhatsAppKinds()[kind]
		if !ok {
			p.add(f, "is no kind of message the bot starts by itself")
			continue
		}
		if t.Name == "" {
			p.add(f+".name", "is empty")
		}
		if len(t.Languages) == 0 {
			p.add(f+".languages", "needs Meta's language code for at least one language")
		}
		for _, v := range t.Params {
			if !slices.Contains(vars, v) {
				p.add(f+".params", "%q is none of %v", v, vars)
			}
		}
		if t.Buttons < 0 || t.Buttons > 10 {
			p.add(f+".buttons", "must be 0 to 10 (Meta's most quick replies), got %d", t.Buttons)
		}
	}
	if w.Token == "" {
		return
	}
	for field, v := range map[string]string{
		"WHATSAPP_APP_SECRET": w.AppSecret, "WHATSAPP_VERIFY_TOKEN": w.VerifyToken, "whatsapp.phone_number_id": w.PhoneNumberID,
	} {
		if v == "" {
			p.add(field, "is required with WHATSAPP_TOKEN")
		}
	}
	if c.HTTP.Addr == "" {
		p.add("http.addr", "is required with WHATSAPP_TOKEN (Meta posts to the bot's webhook there)")
	}
}

func digits(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (p problems) err() error { return errors.Join(p...) }
