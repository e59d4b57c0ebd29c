package telegramtest

import (
	"encoding/json"
	"time"
)

// state is everything the server remembers; guarded by Server.mu.
type state struct {
	chats map[int64]*chat

	updates        []queuedUpdate
	lastUpdateID   int
	updatesChanged chan struct{} // closed and replaced when updates change
	allowedUpdates []string
	pollGen        int

	calls        []Call
	callsChanged chan struct{} // closed and replaced when a call is recorded
	violations   []string

	faults    []*fault
	blocked   map[int64]bool
	count429  int
	limiter   *limiter
	webhook   *WebhookInfo
	commands  map[commandsKey][]BotCommand
	callbacks map[string]bool // callback query ids not yet answered
	lastQuery int
}

func newState() state {
	return state{
		chats:          map[int64]*chat{},
		updatesChanged: make(chan struct{}),
		callsChanged:   make(chan struct{}),
		blocked:        map[int64]bool{},
		commands:       map[commandsKey][]BotCommand{},
		callbacks:      map[string]bool{},
	}
}

// chat is a chat as the server knows it: its kind and its messages, whose
// identifiers are sequential per chat as in Telegram.
type chat struct {
	id       int64
	kind     string // private, group, supergroup or channel
	lastID   int
	messages map[int]*Message
	order    []int // bot messages in the order sent
	edits    int   // edits of the bot's messages
}

// Message is a message the bot sent, in its current state.
type Message struct {
	ID          int
	ChatID      int64
	Method      string // sendMessage, sendDocument, sendPhoto
	Text        string // text or caption as the user sees it, markup parsed
	Source      string // text or caption as sent, with markup
	ParseMode   string
	Entities    []Entity
	ReplyMarkup json.RawMessage // nil when the message has none
	File        *File           // uploaded document or photo
	FileRef     string          // file_id or URL when not uploaded
	Date        time.Time
	EditDate    time.Time // zero unless edited
	Deleted     bool

	fromBot bool
}

// chat returns the chat with id, creating it with a kind guessed from the
// id as Telegram assigns them: users positive, basic groups negative,
// supergroups and channels below -10^12.
func (st *state) chat(id int64) *chat {
	c, ok := st.chats[id]
	if !ok {
		kind := "private"
		switch {
		case id <= -1_000_000_000_000:
			kind = "supergroup"
		case id < 0:
			kind = "group"
		}
		c = &chat{id: id, kind: kind, messages: map[int]*Message{}}
		st.chats[id] = c
	}
	return c
}

func (c *chat) nextID() int {
	c.lastID++
	return c.lastID
}

// chatObject is a Chat object.
type chatObject struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	Username  string `json:"username,omitempty"`
}

// json is the chat as a Chat object.
func (c *chat) json() chatObject {
	o := chatObject{ID: c.id, Type: c.kind}
	switch c.kind {
	case "private":
		o.FirstName, o.Username = userFirstName(c.id), userName(c.id)
	default:
		o.Title = "Test " + c.kind
	}
	return o
}
