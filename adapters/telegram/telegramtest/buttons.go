package telegramtest

import (
	"encoding/json"
	"strings"
)

// Button is a button of a message's inline keyboard.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// Buttons lists the buttons of the message's inline keyboard, row by row.
func (m Message) Buttons() []Button {
	var kb struct {
		InlineKeyboard [][]Button `json:"inline_keyboard"`
	}
	if m.ReplyMarkup == nil || json.Unmarshal(m.ReplyMarkup, &kb) != nil {
		return nil
	}
	var out []Button
	for _, row := range kb.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

// Button returns the callback data of the button labelled label.
func (m Message) Button(label string) (string, bool) {
	for _, b := range m.Buttons() {
		if b.Text == label {
			return b.Data, true
		}
	}
	return "", false
}

// Press is the callback query a person sends by pressing the button
// labelled label under the newest message in the chat that shows one; it
// is false when none does.
func (s *Server) Press(chatID, userID int64, label string) (Update, bool) {
	s.mu.Lock()
	id, data, found := 0, "", false
	if c, ok := s.state.chats[chatID]; ok {
		for i := len(c.order) - 1; i >= 0 && !found; i-- {
			if m := c.messages[c.order[i]]; !m.Deleted {
				data, found = m.Button(label)
				id = m.ID
			}
		}
	}
	s.mu.Unlock()
	if !found {
		return nil, false
	}
	return s.CallbackQuery(chatID, userID, id, data), true
}

// MessageCount is how many messages the bot sent to a chat.
func (s *Server) MessageCount(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.state.chats[chatID]; ok {
		return len(c.order)
	}
	return 0
}

// Changes counts what the bot did in a chat that the person sees: the
// messages it sent and its edits of them.
func (s *Server) Changes(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.state.chats[chatID]; ok {
		return len(c.order) + c.edits
	}
	return 0
}

// Shown is the message as the person sees it: its text, then "[label]"
// for each button.
func (m Message) Shown() string {
	var sb strings.Builder
	sb.WriteString(m.Text)
	for _, b := range m.Buttons() {
		sb.WriteString(" [" + b.Text + "]")
	}
	return sb.String()
}
