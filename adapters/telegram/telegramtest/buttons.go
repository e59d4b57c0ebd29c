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
