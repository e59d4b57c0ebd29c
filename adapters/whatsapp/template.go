package whatsapp

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// maxParam bounds a template parameter, so a long title cannot push the
// template's body past 1,024 characters.
const maxParam = 200

type template struct {
	Name       string      `json:"name"`
	Language   language    `json:"language"`
	Components []component `json:"components,omitempty"`
}

type language struct {
	Policy string `json:"policy"`
	Code   string `json:"code"`
}

type component struct {
	Type       string      `json:"type"`
	SubType    string      `json:"sub_type,omitempty"`
	Index      string      `json:"index,omitempty"`
	Parameters []parameter `json:"parameters"`
}

type parameter struct {
	Type    string `json:"type"`
	Text    string `json:"text,omitempty"`
	Payload string `json:"payload,omitempty"`
}

// sendTemplate sends m as template t: the body parameters from m's Vars,
// the quick-reply buttons' payloads from m's buttons, in u's language. A
// template Meta refuses is logged and counted, and not tried again.
func (a *Adapter) sendTemplate(ctx context.Context, u bot.User, m bot.Message, t Template) error {
	lang := a.lang(ctx, u)
	code := t.Languages[lang]
	if code == "" {
		code = t.Languages[a.opt.Lang]
	}
	if code == "" {
		code = lang
	}
	tpl := &template{Name: t.Name, Language: language{Policy: "deterministic", Code: code}}
	if len(t.Params) > 0 {
		body := component{Type: "body"}
		for _, name := range t.Params {
			v := m.Vars[name]
			if name == "text" && v == "" {
				v = m.Text.Plain()
			}
			body.Parameters = append(body.Parameters, parameter{Type: "text", Text: paramText(v)})
		}
		tpl.Components = append(tpl.Components, body)
	}
	for i, b := range flatten(m.Buttons) {
		if i >= t.Buttons {
			break
		}
		tpl.Components = append(tpl.Components, component{
			Type: "button", SubType: "quick_reply", Index: strconv.Itoa(i),
			Parameters: []parameter{{Type: "payload", Payload: b.Payload}},
		})
	}
	om := newMessage(u.ID, "template")
	om.Template = tpl
	err := a.post(ctx, u, om)
	var ae *APIError
	switch {
	case err == nil:
		a.stats.add(&a.stats.templates, m.Kind)
	case errors.As(err, &ae) && (ae.Code == CodeTemplateParams || ae.Code == CodeTemplateMissing):
		a.stats.add(&a.stats.refused, m.Kind)
		a.log.Error("template refused", "kind", m.Kind, "template", t.Name, "language", code, "code", ae.Code, "err", ae.Message)
	}
	return err
}

// paramText makes v a valid parameter: one line, no run of more than
// four spaces, never empty, at most maxParam characters.
func paramText(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if v == "" {
		return "–"
	}
	return shorten(v, maxParam)
}
