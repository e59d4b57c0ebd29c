// Package bot is the platform-neutral core of heimatbot: the inbound Update
// and outbound Message, the Adapter a platform implements, the Router that
// keeps each chat's updates in order, the conversation engine that runs
// flows with their state in a Store, and the message catalog lookup.
//
// # How a platform takes commands and buttons
//
// A text that names a command or a button names it as the reader's
// platform takes it. An adapter describes its platform by implementing
// Hinter:
//
//	Hints(private bool) Hints // Hints{Command: "/", Numbered: false}
//
// Hints.Command is written before a command's name ("/" on Telegram and
// in the console, "" where the bare word is the command, as on WhatsApp
// and in a Mattermost direct message, "/heimat " in a Mattermost
// channel); Hints.Numbered says that buttons are shown as a numbered list,
// where typing the number presses one. Whoever connects an adapter hands
// it to the catalog (Catalog.Describe); the engine then gives each
// conversation the lookup for its chat (Catalog.For), and flows write
// notices to other chats with Catalog.For too. Catalog texts use the
// description as data, never a platform's name:
//
//	Mit {{.Cmd "meinung"}} sagst du deine Meinung.{{if .Numbered}} Du kannst auch die Nummer schreiben.{{end}}
//
// renders "/meinung" on Telegram, "**meinung**" in a Mattermost direct
// message and "/heimat meinung" in a Mattermost channel. A platform that
// nobody described gets SlashCommands.
//
// # Personal answers in shared chats
//
// A flow that shows what belongs to the person (Flow.Personal), or an
// action that calls Conv.Personal, is answered in the person's direct
// chat when it was asked in a shared one (a Mattermost channel, a
// Telegram group): the engine asks the adapter for that chat
// (DirectChatter) and leaves a short pointer in the shared chat, which
// asks the person to write to the bot first when the direct chat turns
// out unreachable. Other replies in a shared chat carry the person they
// answer (Message.For), so an adapter can keep others from pressing
// their buttons.
package bot

import (
	"context"
	"strings"
	"unicode"
)

// Platform names a chat platform.
type Platform string

// The platforms heimatbot speaks.
const (
	Console    Platform = "console"
	Telegram   Platform = "telegram"
	Mattermost Platform = "mattermost"
	WhatsApp   Platform = "whatsapp"
)

// Address is where a message goes: a chat on a platform.
type Address struct {
	Platform Platform `json:"platform"`
	Chat     string   `json:"chat"`
}

// User is the person behind an update, as the platform names them.
type User struct {
	Platform Platform `json:"platform"`
	ID       string   `json:"id"`
	// Name is the platform handle (Telegram username, Mattermost username),
	// shown to organizers only where the person allowed it.
	Name string `json:"name,omitempty"`
	// Lang is the platform's language hint, such as Telegram's language_code.
	Lang string `json:"-"`
}

// Key is the user's platform-qualified id, unique within a deployment.
func (u User) Key() string { return string(u.Platform) + ":" + u.ID }

// Update is one inbound event from a platform, already mapped by its adapter.
type Update struct {
	// ID identifies the update on its platform, so a redelivered update is
	// recognised. Empty means the platform never redelivers (the console).
	ID   string
	Chat Address
	User User
	// Private is true in a one-to-one chat with the bot.
	Private bool
	// Thread is the platform's thread to answer in (a Mattermost root post).
	Thread string
	Text   string
	// Command is set when the adapter recognised a command, without its
	// slash and in lower case; Args holds the rest of the line.
	Command string
	Args    string
	// Button is the payload of a pressed button.
	Button string
	// Unsupported marks content the bot does not read (a sticker, a photo).
	Unsupported bool
	// BareCommands lets a command word without slash start a command, for
	// platforms whose clients claim every message that starts with "/".
	BareCommands bool
	// Pressed is the platform's id of the message whose button was
	// pressed, where the platform can edit it (Telegram, Mattermost): a
	// reply may then replace that message (Message.Edit).
	Pressed string
	// Ack, when set, acknowledges the update on its platform (Telegram
	// wants a pressed button answered) and tells what became of a press,
	// so the pressed message shows it: a choice that was applied, nothing
	// for a press that was refused or stale, and nothing where a reply
	// replaces the message. The engine calls it beside the replies, once:
	// when the update's effects are first stored. A redelivered update was
	// acknowledged then.
	Ack func(ctx context.Context, o PressOutcome)
	// Forget, when set, is called once the update erased everything
	// stored of the person (/loeschen), for what the adapter keeps of the
	// chat outside the person's keys (Mattermost: the last post seen in
	// the direct channel).
	Forget func(ctx context.Context)
}

// ParseCommand splits "/name@bot args" into its name (lower case, without
// the bot suffix) and arguments. ok is false when text is no command.
func ParseCommand(text string) (name, args string, ok bool) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") || len(text) < 2 {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	head, _, _ = strings.Cut(head, "@")
	if head == "" || !isCommandName(head) {
		return "", "", false
	}
	return strings.ToLower(head), strings.TrimSpace(rest), true
}

func isCommandName(s string) bool {
	for _, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// PressOutcome is what became of a pressed button.
type PressOutcome int

const (
	// PressApplied: the press was taken; the pressed message may show
	// the choice and lose its buttons.
	PressApplied PressOutcome = iota
	// PressRefused: the press changed nothing (stale, not allowed,
	// decided before); the pressed message stays as it was.
	PressRefused
	// PressReplaced: a reply replaces the pressed message (a multiple
	// choice shown again with what is chosen).
	PressReplaced
)
