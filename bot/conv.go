package bot

import (
	"context"
	"time"
)

// Conv is one update in its conversation, as a flow sees it: who wrote, the
// state and profile loaded for them, and the replies gathered so far.
// Nothing a flow does through Conv is stored before the engine commits.
type Conv struct {
	ctx       context.Context
	Update    Update
	State     *State
	Profile   *Profile
	L         *Localizer
	Organizer bool
	Now       time.Time

	engine   *Engine
	out      []Message
	switchTo string
	erase    bool
	prompted bool
	press    PressOutcome
	// personal: the replies to a shared chat go to the person's direct
	// chat instead (see Flow.Personal).
	personal bool
	direct   Address
}

// Context is the update's context, for store calls a flow makes.
func (c *Conv) Context() context.Context { return c.ctx }

// Here is the chat the update came from.
func (c *Conv) Here() Address { return c.Update.Chat }

// Say replies with catalog text id.
func (c *Conv) Say(id string, params ...any) {
	c.Reply(Message{Text: c.L.T(id, params...)})
}

// Refuse answers a press that changes nothing (not allowed, decided
// before, out of date) with text id: the pressed message stays as it was,
// its buttons too.
func (c *Conv) Refuse(id string, params ...any) {
	c.press = PressRefused
	c.Say(id, params...)
}

// Refused reports whether this update was refused (Refuse): it changed
// nothing.
func (c *Conv) Refused() bool { return c.press == PressRefused }

// Reply adds a message to the current chat (and thread). In a shared chat
// it belongs to the person who wrote (Message.For).
func (c *Conv) Reply(m Message) {
	m.To = c.Update.Chat
	if m.Thread == "" {
		m.Thread = c.Update.Thread
	}
	if !c.Update.Private {
		m.For = c.Update.User.ID
	}
	c.out = append(c.out, m)
}

// Personal marks this update's answer as the person's own, for an action
// that shows their answers: from a shared chat, the replies go to their
// direct chat and the shared chat gets a short pointer. Texts looked up
// afterwards name commands as the direct chat takes them.
func (c *Conv) Personal() {
	if c.Update.Private || c.personal {
		return
	}
	c.personal = true
	c.L = c.engine.catalog.For(c.L.Lang, c.Update.Chat.Platform, true)
}

// Last is the last reply to the current chat so far, for a flow that
// adds to what another feature replied; nil when there is none.
func (c *Conv) Last() *Message {
	for i := len(c.out) - 1; i >= 0; i-- {
		if c.out[i].To == c.Update.Chat {
			return &c.out[i]
		}
	}
	return nil
}

// Notify adds a message to another chat, such as an organizer's. It is sent
// with the replies, after the update's effects are stored.
func (c *Conv) Notify(m Message) { c.out = append(c.out, m) }

// Get returns scratch data of the open flow.
func (c *Conv) Get(key string) string {
	if c.State == nil {
		return ""
	}
	return c.State.Data[key]
}

// Set stores scratch data of the open flow.
func (c *Conv) Set(key, value string) {
	if c.State.Data == nil {
		c.State.Data = map[string]string{}
	}
	c.State.Data[key] = value
}

// Lang is the language the person reads.
func (c *Conv) Lang() string { return c.L.Lang }

// SetLang switches the language for this and later answers.
func (c *Conv) SetLang(lang string) {
	c.L = c.engine.catalog.For(lang, c.Update.Chat.Platform, c.Update.Private || c.personal)
	if c.Profile != nil {
		c.Profile.Lang = lang
	}
	c.State.Lang = lang
}

// Switch ends the open flow and starts another; a step handler returns its
// result.
func (c *Conv) Switch(flow string) StepID {
	c.switchTo = flow
	return End
}

// Erase removes everything stored of the person when the update is
// committed. The person's other data (opinions, RSVPs) must be forgotten by
// the flow before.
func (c *Conv) Erase() {
	c.erase = true
	c.Profile = nil
}

// Languages lists the languages the catalogs offer.
func (c *Conv) Languages() []string { return c.engine.catalog.Languages() }
