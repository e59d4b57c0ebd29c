// Package flows holds heimatbot's conversations: onboarding with consent,
// the profile, privacy (export and deletion), help, and the features built
// on them, each as a table of steps for the bot engine, with their texts in
// the message catalogs under locales/.
package flows

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
)

//go:embed locales/*.yaml
var locales embed.FS

// PlainLanguage tags Einfache Sprache, German in plain language: a variant
// of German marked with a private-use subtag, since BCP 47 has no tag for
// it ("de-x-ls" would read as Leichte Sprache, a different, stricter
// standard). Its catalogs are locales/*.de-x-einfach.yaml.
const PlainLanguage = "de-x-einfach"

// LoadCatalog reads the message catalogs shipped with the flows.
func LoadCatalog(defaultLang string) (*bot.Catalog, error) {
	return bot.LoadCatalog(locales, "locales", defaultLang)
}

// PersonData is a feature's share of a person's data: what /meinedaten
// exports and /loeschen removes. Forget must leave no key or value that
// holds the person's id or reference.
type PersonData interface {
	Name() string
	Export(ctx context.Context, u bot.User, p *bot.Profile) (any, error)
	Forget(ctx context.Context, u bot.User, p *bot.Profile) error
}

// MenuEntry is a button of the main menu that runs a command.
type MenuEntry struct {
	Command string
	Label   string // catalog id
	// Public entries are offered also to people who did not consent.
	Public bool
}

// Deps are what the flows need.
type Deps struct {
	Config *config.Config
	Store  *store.Store
	Now    func() time.Time
	// Digest feeds /digest, /export and /statistik; without it they say
	// that no data source is configured.
	Digest DigestSource
	// OrganizerNotice lists further chats that get news for organizers
	// (a new opinion to moderate), such as the Mattermost organizer
	// channel, which is known only once its adapter connected. Telegram
	// organizers configured by their numeric id get it in their private
	// chat anyway.
	OrganizerNotice func() []bot.Address
	// Catalog is the engine's message catalog, which knows how each
	// platform takes commands (bot.Catalog.Describe), for notices to
	// other chats; nil loads the shipped catalog.
	Catalog *bot.Catalog
}

// catalog is the message catalog the flows write notices with.
func (d Deps) catalog() (*bot.Catalog, error) {
	if d.Catalog != nil {
		return d.Catalog, nil
	}
	return LoadCatalog(d.Config.Community.Languages[0])
}

// Set is the flow table, commands and actions for the engine.
type Set struct {
	Flows    []*bot.Flow
	Commands []bot.Command
	Actions  map[string]bot.Action
	Menu     []MenuEntry
	Data     []PersonData
	// DeepLinks open something named in a /start payload (a poster's share
	// link), by payload prefix; the handler gets the rest of the payload.
	DeepLinks map[string]DeepLink
	// Suggestions offer something worth doing at the end of onboarding,
	// in order.
	Suggestions []Suggestion
}

// DeepLink handles "/start PREFIXarg", for anyone: what it shows must
// not need consent, and an answer to it asks for consent first
// (askConsent).
type DeepLink func(c *bot.Conv, arg string) error

// Suggestion offers something worth doing at the end of onboarding: what
// to show (such as the next event) and the flow that asks it, if any (a
// statement to vote on). Only the first flow named is opened; one that
// has nothing to offer returns neither.
type Suggestion func(c *bot.Conv) (show []bot.Message, flow string, err error)

// add merges another feature's set into s.
func (s *Set) add(o Set) {
	s.Flows = append(s.Flows, o.Flows...)
	s.Commands = append(s.Commands, o.Commands...)
	s.Menu = append(s.Menu, o.Menu...)
	s.Data = append(s.Data, o.Data...)
	if s.Actions == nil {
		s.Actions = map[string]bot.Action{}
	}
	for k, v := range o.Actions {
		s.Actions[k] = v
	}
	if s.DeepLinks == nil {
		s.DeepLinks = map[string]DeepLink{}
	}
	for k, v := range o.DeepLinks {
		s.DeepLinks[k] = v
	}
	s.Suggestions = append(s.Suggestions, o.Suggestions...)
}

// StartFlow is the flow that greets newcomers.
const StartFlow = "start"

// Build assembles every feature. The core flows come last, since the menu
// and help list what the features added.
func Build(d Deps) Set {
	var s Set
	ev, vo := newEvents(d), newVoices(d)
	ev.opine = vo.record
	s.add(ev.set())
	s.add((&digestFlows{deps: d}).set())
	s.add(vo.set())
	s.add(newVorhaben(d, vo).set())
	core := &core{deps: d}
	s.add(core.set(&s))
	return s
}

// newRef returns a fresh pseudonymous reference.
func newRef() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// personal marks an action's answer as the person's own (Conv.Personal):
// pressed in a shared chat, it is answered in their direct chat.
func personal(a bot.Action) bot.Action {
	return func(c *bot.Conv, arg string) error {
		c.Personal()
		return a(c, arg)
	}
}

// The kinds of message a flow sends by itself to someone other than the
// person it answers (bot.Message.Kind), beside the broadcasts': a platform
// with a 24-hour window sends each as the approved template of its kind
// once the window has closed (config.WhatsAppKinds lists what each takes).
const (
	kindDecided    = "decided"    // an opinion's author hears it was approved or not
	kindMatch      = "match"      // a need's author hears a helper is interested
	kindModeration = "moderation" // the organizers get an opinion to moderate
	kindVhHold     = "vh-hold"    // someone is asked to hold a Vorhaben
)
