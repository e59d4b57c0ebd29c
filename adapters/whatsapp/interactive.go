package whatsapp

import (
	"fmt"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// outMessage is a message as the Cloud API takes it.
type outMessage struct {
	MessagingProduct string       `json:"messaging_product"`
	RecipientType    string       `json:"recipient_type"`
	To               string       `json:"to"`
	Type             string       `json:"type"`
	Text             *outText     `json:"text,omitempty"`
	Interactive      *interactive `json:"interactive,omitempty"`
	Image            *media       `json:"image,omitempty"`
	Document         *media       `json:"document,omitempty"`
	Template         *template    `json:"template,omitempty"`
}

func newMessage(to, typ string) outMessage {
	return outMessage{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: typ}
}

type outText struct {
	Body       string `json:"body"`
	PreviewURL bool   `json:"preview_url,omitempty"`
}

type interactive struct {
	Type   string    `json:"type"`
	Body   bodyText  `json:"body"`
	Action actionObj `json:"action"`
}

type bodyText struct {
	Text string `json:"text"`
}

type actionObj struct {
	Buttons  []replyButton `json:"buttons,omitempty"`
	Button   string        `json:"button,omitempty"`
	Sections []section     `json:"sections,omitempty"`
}

type replyButton struct {
	Type  string `json:"type"`
	Reply reply  `json:"reply"`
}

type reply struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type section struct {
	Title string `json:"title,omitempty"`
	Rows  []row  `json:"rows"`
}

type row struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

type media struct {
	ID       string `json:"id"`
	Caption  string `json:"caption,omitempty"`
	Filename string `json:"filename,omitempty"`
}

// flatten lists the buttons of all rows, in order, without empty rows.
func flatten(rows [][]bot.Button) []bot.Button {
	var out []bot.Button
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// label is a button's label as WhatsApp shows it: never empty (titles
// show no markup, so nothing needs escaping).
func label(b bot.Button) string {
	l := strings.TrimSpace(b.Label)
	if l == "" {
		return "·"
	}
	return l
}

// fitsReplyButtons reports whether bs can be reply buttons: at most
// three, each title short enough, no title twice.
func fitsReplyButtons(bs []bot.Button) bool {
	if len(bs) == 0 || len(bs) > MaxButtons {
		return false
	}
	seen := map[string]bool{}
	for _, b := range bs {
		l := label(b)
		if length(l) > MaxButtonTitle || seen[l] || len(b.Payload) > MaxReplyID {
			return false
		}
		seen[l] = true
	}
	return true
}

// choices renders a body with buttons as interactive messages: reply
// buttons when they fit, else lists of at most ten rows each (the first
// with the body, the others with more), whose row titles are shortened
// labels with the whole label as description when it does not fit.
func choices(to, body string, bs []bot.Button, choose, more string) ([]outMessage, error) {
	if fitsReplyButtons(bs) {
		m := newMessage(to, "interactive")
		m.Interactive = &interactive{Type: "button", Body: bodyText{Text: body}}
		for _, b := range bs {
			m.Interactive.Action.Buttons = append(m.Interactive.Action.Buttons,
				replyButton{Type: "reply", Reply: reply{ID: b.Payload, Title: label(b)}})
		}
		return []outMessage{m}, nil
	}
	var out []outMessage
	for start := 0; start < len(bs); start += MaxRows {
		chunk := bs[start:min(start+MaxRows, len(bs))]
		m := newMessage(to, "interactive")
		text := body
		if start > 0 {
			text = more
		}
		m.Interactive = &interactive{Type: "list", Body: bodyText{Text: text}}
		m.Interactive.Action.Button = shorten(choose, MaxButtonTitle)
		var rows []row
		seen := map[string]bool{}
		for _, b := range chunk {
			if len(b.Payload) > MaxRowID {
				return nil, fmt.Errorf("whatsapp: button payload of %d bytes", len(b.Payload))
			}
			if seen[b.Payload] {
				continue // a row id must be unique; the same choice twice is one
			}
			seen[b.Payload] = true
			l := label(b)
			r := row{ID: b.Payload, Title: shorten(l, MaxRowTitle)}
			if r.Title != l {
				r.Description = shorten(l, MaxRowDesc)
			}
			rows = append(rows, r)
		}
		m.Interactive.Action.Sections = []section{{Rows: rows}}
		out = append(out, m)
	}
	return out, nil
}
