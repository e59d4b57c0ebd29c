package whatsapptest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Meta's limits beyond the description, in characters.
const (
	MaxText    = 4096
	MaxCaption = 1024
	MaxBody    = 1024
	MaxRows    = 10
	MaxParam   = 1024
	Window     = 24 * time.Hour
)

// Sent is an accepted message.
type Sent struct {
	ID   string
	To   string
	Type string
	At   time.Time
	// Body is the request as sent.
	Body map[string]any
	// Shown is what the person sees as text: a text's body, an
	// interactive message's body, a caption, a template's body with its
	// parameters.
	Shown string
	// Choices are the titles of its reply buttons, list rows or
	// template buttons; Payloads the ids or payloads behind them.
	Choices  []string
	Payloads []string
	// Kinds are, per choice, how a press comes back: "button_reply",
	// "list_reply" or "button" (a template's quick reply).
	Kinds []string
}

// Template is the template a message used, or "".
func (m Sent) Template() string {
	t, _ := m.Body["template"].(map[string]any)
	name, _ := t["name"].(string)
	return name
}

func (s *Server) messages(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.authorized(r) {
		s.violate("message without a valid access token")
		s.refuse(w, CodeAuth, "")
		return
	}
	if r.PathValue("version") != s.spec.Version || r.PathValue("phone") != s.cfg.phoneID {
		s.violate("message to %s", r.URL.Path)
		s.refuse(w, CodeInvalidParameter, "unknown path "+r.URL.Path)
		return
	}
	var msg map[string]any
	if err != nil || json.Unmarshal(body, &msg) != nil {
		s.violate("message body is no JSON object: %.80q", body)
		s.refuse(w, CodeInvalidParameter, "body is no JSON object")
		return
	}
	if errs := s.spec.Validate("Message", msg); len(errs) > 0 {
		s.violate("message against the description: %s", strings.Join(errs, "; "))
		s.refuse(w, CodeInvalidParameter, errs[0])
		return
	}
	m, code, problem := s.read(msg)
	if code != 0 {
		s.violate("%s", problem)
		s.refuse(w, code, problem)
		return
	}
	if code, problem := s.admit(m.To); code != 0 {
		// Throttling is no violation of the request, only of the pace.
		if code == CodeThroughput || code == CodePairRate {
			s.violate("throttled: %s", problem)
		}
		s.refuse(w, code, problem)
		return
	}
	m.ID = "wamid." + s.nextID("FAKE")
	m.At = s.cfg.now()
	now := s.cfg.now()
	in, ok := s.lastIn[m.To]
	switch {
	case s.blocked[m.To]:
		s.statusLater(m, CodeUndeliverable)
	case m.Type != "template" && (!ok || now.Sub(in) > Window):
		s.violate("%s message to %s outside the 24-hour window", m.Type, m.To)
		s.statusLater(m, CodeOutsideWindow)
	default:
		if !s.cfg.noLog {
			s.sent = append(s.sent, m)
		}
		s.notify()
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []map[string]string{{"input": m.To, "wa_id": m.To}},
		"messages":          []map[string]string{{"id": m.ID}},
	})
}

// read checks what the description does not say and Meta enforces, and
// makes the Sent record.
func (s *Server) read(msg map[string]any) (m Sent, code int, problem string) {
	m.Body = msg
	m.To, _ = msg["to"].(string)
	m.Type, _ = msg["type"].(string)
	if msg["messaging_product"] != "whatsapp" {
		return m, CodeInvalidParameter, "messaging_product is not whatsapp"
	}
	if !digits(m.To) {
		return m, CodeInvalidParameter, fmt.Sprintf("recipient %q is no phone number", m.To)
	}
	switch m.Type {
	case "text":
		t := msg["text"].(map[string]any)
		m.Shown, _ = t["body"].(string)
		if n := utf8.RuneCountInString(m.Shown); n > MaxText {
			return m, CodeInvalidParameter, fmt.Sprintf("text of %d characters, at most %d", n, MaxText)
		}
		if strings.TrimSpace(m.Shown) == "" {
			return m, CodeInvalidParameter, "empty text"
		}
	case "interactive":
		return s.readInteractive(m, msg["interactive"].(map[string]any))
	case "image", "document":
		md := msg[m.Type].(map[string]any)
		id, _ := md["id"].(string)
		typ, ok := s.media[id]
		if !ok {
			return m, CodeInvalidParameter, fmt.Sprintf("%s with unknown media id %q", m.Type, id)
		}
		if image := strings.HasPrefix(typ, "image/"); image != (m.Type == "image") {
			return m, CodeInvalidParameter, fmt.Sprintf("%s message with media of type %s", m.Type, typ)
		}
		m.Shown, _ = md["caption"].(string)
		if n := utf8.RuneCountInString(m.Shown); n > MaxCaption {
			return m, CodeInvalidParameter, fmt.Sprintf("caption of %d characters, at most %d", n, MaxCaption)
		}
	case "template":
		return s.readTemplate(m, msg["template"].(map[string]any))
	default:
		return m, CodeInvalidParameter, "the bot sends no " + m.Type
	}
	return m, 0, ""
}

func (s *Server) readInteractive(m Sent, in map[string]any) (Sent, int, string) {
	body, _ := in["body"].(map[string]any)
	m.Shown, _ = body["text"].(string)
	if strings.TrimSpace(m.Shown) == "" {
		return m, CodeInvalidParameter, "interactive message without body text"
	}
	action := in["action"].(map[string]any)
	titles, ids := map[string]bool{}, map[string]bool{}
	add := func(id, title, kind string) string {
		switch {
		case strings.TrimSpace(title) == "":
			return "a choice without title"
		case strings.TrimSpace(id) == "" || id != strings.TrimSpace(id):
			return fmt.Sprintf("choice %q with id %q (empty, or leading or trailing spaces)", title, id)
		case titles[title]:
			return fmt.Sprintf("title %q twice", title)
		case ids[id]:
			return fmt.Sprintf("id %q twice", id)
		}
		titles[title], ids[id] = true, true
		m.Choices, m.Payloads, m.Kinds = append(m.Choices, title), append(m.Payloads, id), append(m.Kinds, kind)
		return ""
	}
	switch in["type"] {
	case "button":
		bs, _ := action["buttons"].([]any)
		for _, b := range bs {
			rep := b.(map[string]any)["reply"].(map[string]any)
			if p := add(rep["id"].(string), rep["title"].(string), "button_reply"); p != "" {
				return m, CodeInvalidParameter, p
			}
		}
	case "list":
		if strings.TrimSpace(fmt.Sprint(action["button"])) == "" {
			return m, CodeInvalidParameter, "list without button text"
		}
		secs, _ := action["sections"].([]any)
		rows := 0
		for _, sec := range secs {
			rs, _ := sec.(map[string]any)["rows"].([]any)
			if len(secs) > 1 && sec.(map[string]any)["title"] == nil {
				return m, CodeInvalidParameter, "a list of several sections needs their titles"
			}
			for _, r := range rs {
				row := r.(map[string]any)
				rows++
				if p := add(row["id"].(string), row["title"].(string), "list_reply"); p != "" {
					return m, CodeInvalidParameter, p
				}
			}
		}
		if rows == 0 || rows > MaxRows {
			return m, CodeInvalidParameter, fmt.Sprintf("list of %d rows, 1 to %d", rows, MaxRows)
		}
	default:
		return m, CodeInvalidParameter, fmt.Sprintf("the bot sends no interactive %v", in["type"])
	}
	return m, 0, ""
}

func (s *Server) readTemplate(m Sent, t map[string]any) (Sent, int, string) {
	name, _ := t["name"].(string)
	lang, _ := t["language"].(map[string]any)["code"].(string)
	def, ok := s.cfg.templates[name+"/"+lang]
	if !ok {
		return m, CodeTemplateMissing, fmt.Sprintf("template %q does not exist in %q", name, lang)
	}
	var params []string
	buttons := map[int]string{}
	comps, _ := t["components"].([]any)
	for _, c := range comps {
		comp := c.(map[string]any)
		ps, _ := comp["parameters"].([]any)
		switch comp["type"] {
		case "body":
			for _, p := range ps {
				pm := p.(map[string]any)
				text, ok := pm["text"].(string)
				if pm["type"] != "text" || !ok {
					return m, CodeTemplateParams, "body parameter that is no text"
				}
				if strings.ContainsAny(text, "\n\t") || strings.Contains(text, "     ") || strings.TrimSpace(text) == "" {
					return m, CodeTemplateParams, fmt.Sprintf("parameter %q: empty, new-line/tab or more than 4 consecutive spaces", text)
				}
				params = append(params, text)
			}
		case "button":
			var i int
			if _, err := fmt.Sscan(fmt.Sprint(comp["index"]), &i); err != nil || i < 0 || i >= len(def.Buttons) || comp["sub_type"] != "quick_reply" {
				return m, CodeTemplateParams, fmt.Sprintf("button %v (%v) is not in template %q", comp["index"], comp["sub_type"], name)
			}
			if len(ps) != 1 || ps[0].(map[string]any)["type"] != "payload" {
				return m, CodeTemplateParams, "a quick-reply button takes one payload"
			}
			payload, _ := ps[0].(map[string]any)["payload"].(string)
			buttons[i] = payload
		default:
			return m, CodeTemplateParams, fmt.Sprintf("template %q has no %v parameters", name, comp["type"])
		}
	}
	if len(params) != def.params() {
		return m, CodeTemplateParams, fmt.Sprintf("template %q takes %d parameters, got %d", name, def.params(), len(params))
	}
	m.Shown = fill(def.Body, params)
	if n := utf8.RuneCountInString(m.Shown); n > MaxBody {
		return m, CodeInvalidParameter, fmt.Sprintf("template body of %d characters, at most %d", n, MaxBody)
	}
	for i, title := range def.Buttons {
		m.Choices, m.Payloads, m.Kinds = append(m.Choices, title), append(m.Payloads, buttons[i]), append(m.Kinds, "button")
	}
	return m, 0, ""
}

func fill(body string, params []string) string {
	for i, p := range params {
		body = strings.ReplaceAll(body, fmt.Sprintf("{{%d}}", i+1), p)
	}
	return body
}

func containsPlaceholder(body string, i int) bool {
	return strings.Contains(body, fmt.Sprintf("{{%d}}", i))
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
