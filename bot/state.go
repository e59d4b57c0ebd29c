package bot

import (
	"context"
	"errors"
	"slices"
	"time"
)

// State is where one conversation stands. It is kept with an expiry, so a
// conversation left alone is forgotten, and any process continues it.
type State struct {
	// Flow and Step name the open question; Flow is empty when none is open.
	Flow string `json:"flow,omitempty"`
	Step StepID `json:"step,omitempty"`
	// Seq numbers the prompts; a button carries the Seq of its prompt, so a
	// button from an older prompt is recognised as stale.
	Seq int `json:"seq"`
	// FreeText is true when the open question takes typed text.
	FreeText bool `json:"free,omitempty"`
	// Data is the flow's scratch data.
	Data map[string]string `json:"data,omitempty"`
	// Lang is the chosen language of a person who has not consented, whose
	// profile is therefore not stored.
	Lang string `json:"lang,omitempty"`
	// Buttons are the buttons last shown, so typing a number or a label
	// presses one where the platform shows no buttons.
	Buttons []Button `json:"buttons,omitempty"`
	// Paused is the open question a Resume flow set aside; it is asked
	// again when that flow ends.
	Paused *Paused `json:"paused,omitempty"`
}

// Paused is an open question set aside: its flow, step and scratch data.
type Paused struct {
	Flow string            `json:"flow"`
	Step StepID            `json:"step"`
	Data map[string]string `json:"data,omitempty"`
}

// Profile is what a consenting person chose to have stored. Nothing of it
// exists before consent.
type Profile struct {
	Consent   time.Time `json:"consent"`
	Lang      string    `json:"lang"`
	District  string    `json:"district,omitempty"`
	Interests []string  `json:"interests,omitempty"`
	Role      string    `json:"role,omitempty"`
	// NoInvitations turns invitations to events off.
	NoInvitations bool `json:"no_invitations,omitempty"`
	// Ref is the pseudonymous reference that links opinions, votes and
	// offers to the person without naming them.
	Ref string `json:"ref"`
	// Name is the platform handle, shown to organizers only where the
	// person allowed it.
	Name string `json:"name,omitempty"`
	// Chat is where the bot reaches the person.
	Chat Address `json:"chat"`
	// Unreachable is set when the person blocked the bot; it is cleared
	// when they write again.
	Unreachable bool `json:"unreachable,omitempty"`
	// Active is the day (UTC midnight) the person last wrote to the bot,
	// for the digest's count of active people; a day, not a time, so the
	// profile is written at most once a day for it.
	Active time.Time `json:"active,omitzero"`
}

// clone is a copy of p that shares nothing with it; nil stays nil.
func (p *Profile) clone() *Profile {
	if p == nil {
		return nil
	}
	c := *p
	c.Interests = slices.Clone(p.Interests)
	return &c
}

// equal reports whether p and q would be stored alike, so that a handled
// update writes the profile only when it changed. A new field of Profile
// must be compared here too (TestProfileEqualSeesEveryField checks it).
func (p *Profile) equal(q *Profile) bool {
	if p == nil || q == nil {
		return p == q
	}
	return p.Consent.Equal(q.Consent) && p.Lang == q.Lang && p.District == q.District &&
		slices.Equal(p.Interests, q.Interests) && p.Role == q.Role &&
		p.NoInvitations == q.NoInvitations && p.Ref == q.Ref && p.Name == q.Name &&
		p.Chat == q.Chat && p.Unreachable == q.Unreachable && p.Active.Equal(q.Active)
}

// Snapshot is what the store holds of a person when an update arrives.
type Snapshot struct {
	State   *State
	Profile *Profile
	// Seen is true when this update was handled before; Pending holds the
	// replies that were not yet confirmed as sent.
	Seen    bool
	Pending []Message
	// Handled is the store's record of the person's handled updates, as
	// read; the Change gives it back, so the commit need not read again.
	Handled string
}

// Change is what handling one update writes, all at once.
type Change struct {
	// State nil removes the conversation state.
	State *State
	// Profile is written when ProfileChanged; nil then removes it.
	Profile        *Profile
	ProfileChanged bool
	// ActiveChanged is set when a question was opened or closed, for the
	// count of active conversations.
	ActiveChanged bool
	// Erase removes every key of the person instead; the update is then
	// remembered without any reference to them.
	Erase bool
	// Replies are kept until Delivered, so a crash before sending them
	// sends them when the update is delivered again.
	Replies []Message
	// Handled is the Snapshot's, given back.
	Handled string
}

// ConvStore keeps conversations. Load, Commit and Delivered are one round
// trip each.
//
// For an update with an id, Load also takes the person's lock, so that
// several processes never handle two updates of one person at once (nor the
// same update twice); it returns ErrBusy while another holds it. The lock
// lasts LockTTL; the engine renews it with Extend while the update is in
// hand, so a process that dies holds up the person's next update for no
// longer than that. Delivered confirms the replies as sent and releases the
// lock; Unlock releases it after a failure, leaving the update to be
// delivered again, even when ctx has ended (a shutdown cut the update
// off). A Load that fails after taking the lock releases it itself.
type ConvStore interface {
	Load(ctx context.Context, u User, updateID string) (Snapshot, error)
	Commit(ctx context.Context, u User, updateID string, ch Change) error
	Delivered(ctx context.Context, u User, updateID string) error
	Unlock(ctx context.Context, u User, updateID string) error
	Extend(ctx context.Context, u User, updateID string) error
}

// LockTTL is how long a person's lock lasts after it was taken or last
// renewed.
const LockTTL = 6 * time.Second

// ErrBusy is returned by ConvStore.Load while another process handles an
// update of the same person.
var ErrBusy = errors.New("conversation busy")
