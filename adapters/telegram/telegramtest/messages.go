package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// chatFor resolves the chat_id parameter; the caller holds s.mu.
func (s *Server) chatFor(r *request) (*chat, *apiError) {
	id, err := strconv.ParseInt(r.params["chat_id"], 10, 64)
	if err != nil {
		return nil, badRequest("chat not found")
	}
	return s.state.chat(id), nil
}

// sendMessage fakes sendMessage, sendDocument and sendPhoto.
func (s *Server) sendMessage(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.chatFor(r)
	if e != nil {
		return nil, e
	}
	m := &Message{
		ID:          c.nextID(),
		ChatID:      c.id,
		Method:      r.method,
		Text:        r.text.Plain,
		Source:      r.params["text"],
		ParseMode:   r.params["parse_mode"],
		Entities:    r.text.Entities,
		ReplyMarkup: s.inlineMarkup(r.params["reply_markup"]),
		Date:        s.cfg.now(),
		fromBot:     true,
	}
	switch r.method {
	case "sendDocument", "sendPhoto":
		m.Source = r.params["caption"]
		field := map[string]string{"sendDocument": "document", "sendPhoto": "photo"}[r.method]
		if f, ok := r.files[field]; ok {
			m.File = &f
		} else {
			m.FileRef = r.params[field]
		}
	}
	c.messages[m.ID] = m
	c.order = append(c.order, m.ID)
	return s.messageJSON(c, m), nil
}

// inlineMarkup is the reply_markup Telegram keeps on a message: only an
// inline keyboard, normalised for comparison. The result is shared: it is
// never changed.
func (s *Server) inlineMarkup(raw string) json.RawMessage {
	return s.markups.get(raw, func() (json.RawMessage, bool) { return normalMarkup(raw), true })
}

func normalMarkup(raw string) json.RawMessage {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok || obj["inline_keyboard"] == nil {
		return nil
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil
	}
	return b
}

// editMessage fakes editMessageText and editMessageReplyMarkup.
func (s *Server) editMessage(r *request) (any, *apiError) {
	if _, inline := r.params["inline_message_id"]; inline {
		return true, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.chatFor(r)
	if e != nil {
		return nil, e
	}
	id, _ := strconv.Atoi(r.params["message_id"])
	m, ok := c.messages[id]
	if !ok || m.Deleted {
		return nil, badRequest("message to edit not found")
	}
	if !m.fromBot {
		return nil, badRequest("message can't be edited")
	}
	// Editing the text without reply_markup removes the inline keyboard.
	markup := s.inlineMarkup(r.params["reply_markup"])
	text, source, entities := m.Text, m.Source, m.Entities
	if r.method == "editMessageText" {
		if m.Method != "sendMessage" {
			return nil, badRequest("there is no text in the message to edit")
		}
		text, source, entities = r.text.Plain, r.params["text"], r.text.Entities
	}
	if text == m.Text && entitiesEqual(entities, m.Entities) && bytes.Equal(markup, m.ReplyMarkup) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	m.Text, m.Source, m.Entities, m.ReplyMarkup = text, source, entities, markup
	if r.method == "editMessageText" {
		m.ParseMode = r.params["parse_mode"]
	}
	m.EditDate = s.cfg.now()
	c.edits++
	return s.messageJSON(c, m), nil
}

func entitiesEqual(a, b []Entity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (s *Server) deleteMessage(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.chatFor(r)
	if e != nil {
		return nil, e
	}
	id, _ := strconv.Atoi(r.params["message_id"])
	m, ok := c.messages[id]
	if !ok || m.Deleted {
		return nil, badRequest("message to delete not found")
	}
	m.Deleted = true
	return true, nil
}

func (s *Server) sendChatAction(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.chatFor(r); e != nil {
		return nil, e
	}
	return true, nil
}

func (s *Server) answerCallbackQuery(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.params["callback_query_id"]
	if !s.state.callbacks[id] {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	delete(s.state.callbacks, id)
	return true, nil
}

// messageObject is a bot message as a Message object, a struct rather
// than a map: the fake encodes one with nearly every answer.
type messageObject struct {
	MessageID       int              `json:"message_id"`
	From            userObject       `json:"from"`
	Chat            chatObject       `json:"chat"`
	Date            int64            `json:"date"`
	EditDate        int64            `json:"edit_date,omitempty"`
	ReplyMarkup     json.RawMessage  `json:"reply_markup,omitempty"`
	Text            string           `json:"text,omitempty"`
	Entities        []Entity         `json:"entities,omitempty"`
	Caption         string           `json:"caption,omitempty"`
	CaptionEntities []Entity         `json:"caption_entities,omitempty"`
	Document        map[string]any   `json:"document,omitempty"`
	Photo           []map[string]any `json:"photo,omitempty"`
}

// messageJSON is a bot message as a Message object; the caller holds s.mu.
func (s *Server) messageJSON(c *chat, m *Message) messageObject {
	out := messageObject{
		MessageID: m.ID, From: s.botUser(), Chat: c.json(), Date: m.Date.Unix(),
		ReplyMarkup: m.ReplyMarkup,
	}
	if !m.EditDate.IsZero() {
		out.EditDate = m.EditDate.Unix()
	}
	if m.Method == "sendMessage" {
		out.Text, out.Entities = m.Text, m.Entities
	} else {
		out.Caption, out.CaptionEntities = m.Text, m.Entities
	}
	fileID := fmt.Sprintf("fake-%d-%d", c.id, m.ID)
	switch m.Method {
	case "sendDocument":
		doc := map[string]any{"file_id": fileID, "file_unique_id": fileID}
		if m.File != nil {
			doc["file_name"] = m.File.Name
			doc["file_size"] = len(m.File.Data)
		}
		out.Document = doc
	case "sendPhoto":
		out.Photo = []map[string]any{
			{"file_id": fileID + "-s", "file_unique_id": fileID + "-s", "width": 90, "height": 90},
			{"file_id": fileID, "file_unique_id": fileID, "width": 800, "height": 600},
		}
	}
	return out
}
