package telegramtest

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// The builders make updates the way Telegram sends them. They assign the
// update_id and the message_id (sequential per chat, shared with the
// bot's own messages as in Telegram), so the result can be given to
// PushUpdate or PostWebhook as it is. A chat's kind follows from its id:
// positive ids are private chats, negative ones groups, ids below -10^12
// supergroups.

func userFirstName(id int64) string { return fmt.Sprintf("User%d", id) }
func userName(id int64) string      { return fmt.Sprintf("user%d", id) }

// userObject is a User object; structs rather than maps, as the fake
// encodes them with nearly every update and answer.
type userObject struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code,omitempty"`
}

// userJSON is a human user; languageCode may be empty.
func userJSON(id int64, languageCode string) userObject {
	return userObject{ID: id, FirstName: userFirstName(id), Username: userName(id), LanguageCode: languageCode}
}

// newMessage starts a Message object from userID in chatID; the caller
// holds s.mu.
func (s *Server) newMessage(chatID, userID int64, languageCode string) map[string]any {
	c := s.state.chat(chatID)
	m := map[string]any{
		"message_id": c.nextID(),
		"date":       s.cfg.now().Unix(),
		"chat":       c.json(),
	}
	if c.kind != "channel" {
		m["from"] = userJSON(userID, languageCode)
	}
	c.messages[c.lastID] = &Message{ID: c.lastID, ChatID: chatID}
	return m
}

// update wraps a payload as an update with the next update_id.
func (s *Server) update(kind string, payload map[string]any) Update {
	return Update{"update_id": s.state.nextUpdateID(), kind: payload}
}

// TextMessage is a text message from userID in chatID.
func (s *Server) TextMessage(chatID, userID int64, text, languageCode string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(chatID, userID, languageCode)
	m["text"] = text
	return s.update("message", m)
}

// GroupMessage is a text message from userID in the group chatID (made
// negative if it is not).
func (s *Server) GroupMessage(chatID, userID int64, text, languageCode string) Update {
	if chatID > 0 {
		chatID = -chatID
	}
	return s.TextMessage(chatID, userID, text, languageCode)
}

// CommandMessage is a command ("/start", or "start") with optional
// arguments, carrying the bot_command entity Telegram adds.
func (s *Server) CommandMessage(chatID, userID int64, command, args, languageCode string) Update {
	command = "/" + strings.TrimPrefix(command, "/")
	text := command
	if args != "" {
		text += " " + args
	}
	u := s.TextMessage(chatID, userID, text, languageCode)
	u["message"].(map[string]any)["entities"] = []map[string]any{
		{"type": "bot_command", "offset": 0, "length": len(utf16.Encode([]rune(command)))},
	}
	return u
}

// CallbackQuery is a press on an inline button with data, on the bot's
// message messageID in chatID. Its id is accepted once by
// answerCallbackQuery.
func (s *Server) CallbackQuery(chatID, userID int64, messageID int, data string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chat(chatID)
	var msg any = map[string]any{"message_id": messageID, "date": s.cfg.now().Unix(), "chat": c.json()}
	if m, ok := c.messages[messageID]; ok && m.fromBot && !m.Deleted {
		msg = s.messageJSON(c, m)
	}
	s.state.lastQuery++
	id := fmt.Sprintf("%d%06d", s.botID(), s.state.lastQuery)
	s.state.callbacks[id] = true
	return s.update("callback_query", map[string]any{
		"id":            id,
		"from":          userJSON(userID, ""),
		"message":       msg,
		"chat_instance": fmt.Sprintf("%d", -chatID*7919),
		"data":          data,
	})
}

// Sticker is a sticker message.
func (s *Server) Sticker(chatID, userID int64) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(chatID, userID, "")
	m["sticker"] = map[string]any{
		"file_id": "fake-sticker", "file_unique_id": "fake-sticker-u", "type": "regular",
		"width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": "👍",
	}
	return s.update("message", m)
}

// Photo is a photo message with an optional caption.
func (s *Server) Photo(chatID, userID int64, caption string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(chatID, userID, "")
	id := fmt.Sprintf("fake-photo-%d-%d", chatID, m["message_id"])
	m["photo"] = []map[string]any{
		{"file_id": id + "-s", "file_unique_id": id + "-s", "width": 90, "height": 90, "file_size": 1200},
		{"file_id": id, "file_unique_id": id, "width": 1280, "height": 960, "file_size": 98000},
	}
	if caption != "" {
		m["caption"] = caption
	}
	return s.update("message", m)
}

// EditedMessage is the user's edit of their message messageID to text.
func (s *Server) EditedMessage(chatID, userID int64, messageID int, text string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chat(chatID)
	now := s.cfg.now().Unix()
	return s.update("edited_message", map[string]any{
		"message_id": messageID,
		"date":       now,
		"edit_date":  now,
		"chat":       c.json(),
		"from":       userJSON(userID, ""),
		"text":       text,
	})
}

// ChannelPost is a post in the channel chatID, which becomes known as a
// channel.
func (s *Server) ChannelPost(chatID int64, text string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.chat(chatID).kind = "channel"
	m := s.newMessage(chatID, 0, "")
	m["text"] = text
	return s.update("channel_post", m)
}

// NewChatMembers is the service message of users joining a group, added
// by fromUserID (or joining themselves when it is one of them).
func (s *Server) NewChatMembers(chatID, fromUserID int64, members ...int64) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(chatID, fromUserID, "")
	users := make([]userObject, 0, len(members))
	for _, id := range members {
		users = append(users, userJSON(id, ""))
	}
	m["new_chat_members"] = users
	return s.update("message", m)
}
