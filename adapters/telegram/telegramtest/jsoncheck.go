package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// decodeJSON decodes a JSON document keeping numbers exact.
func decodeJSON(raw string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after JSON value")
	}
	return v, nil
}

// checkJSON reports whether v, a decoded JSON value, is of one of the spec
// types (e.g. "Integer", "Array of BotCommand", "InlineKeyboardMarkup").
func (s *Spec) checkJSON(where string, types []string, v any) error {
	var first error
	for _, typ := range types {
		err := s.checkJSONType(where, typ, v)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}

func (s *Spec) checkJSONType(where, typ string, v any) error {
	if elem, ok := strings.CutPrefix(typ, "Array of "); ok {
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s must be an Array", where)
		}
		for i, e := range arr {
			if err := s.checkJSONType(fmt.Sprintf("%s[%d]", where, i), elem, e); err != nil {
				return err
			}
		}
		return nil
	}
	switch typ {
	case "Integer":
		if n, ok := v.(json.Number); ok {
			if _, err := n.Int64(); err == nil {
				return nil
			}
		}
		return fmt.Errorf("%s must be an Integer", where)
	case "Float":
		if n, ok := v.(json.Number); ok {
			if _, err := n.Float64(); err == nil {
				return nil
			}
		}
		return fmt.Errorf("%s must be a Float", where)
	case "Boolean":
		if _, ok := v.(bool); ok {
			return nil
		}
		return fmt.Errorf("%s must be a Boolean", where)
	case "String", "InputFile":
		// Inside JSON an InputFile is a file_id, a URL or "attach://<name>".
		if _, ok := v.(string); ok {
			return nil
		}
		return fmt.Errorf("%s must be a String", where)
	}
	return s.checkObject(where, typ, v)
}

func (s *Spec) checkObject(where, typ string, v any) error {
	kind, ok := s.Types[typ]
	if !ok {
		return fmt.Errorf("%s: type %s is not in the spec", where, typ)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s must be a JSON object of type %s", where, typ)
	}
	if len(kind.Subtypes) > 0 {
		return s.checkUnion(where, kind, obj)
	}
	for _, f := range kind.Fields {
		if _, present := obj[f.Name]; f.Required && !present {
			return fmt.Errorf("%s: field %q of %s is required", where, f.Name, typ)
		}
	}
	for name, fv := range obj {
		f, ok := kind.Field(name)
		if !ok {
			return fmt.Errorf("%s: unknown field %q in %s", where, name, typ)
		}
		if err := s.checkJSON(where+"."+name, f.Types, fv); err != nil {
			return err
		}
	}
	return checkObjectRules(where, typ, obj)
}

// discriminator matches the description of a union member's tag field:
// `always "member"` or `must be chat`.
var discriminator = regexp.MustCompile(`(?:always|must be) "?([a-z_]+)"?`)

// checkUnion accepts obj if it is one of the union's subtypes, chosen by its
// tag field (type, status or source) as Telegram does.
func (s *Spec) checkUnion(where string, kind Kind, obj map[string]any) error {
	var tags []string
	for _, name := range kind.Subtypes {
		sub := s.Types[name]
		if len(sub.Fields) == 0 {
			continue
		}
		tagField := sub.Fields[0]
		m := discriminator.FindStringSubmatch(tagField.Description)
		if m == nil {
			if err := s.checkObject(where, name, obj); err == nil {
				return nil
			}
			continue
		}
		tags = append(tags, m[1])
		if obj[tagField.Name] == m[1] {
			return s.checkObject(where, name, obj)
		}
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s is not a valid %s", where, kind.Name)
	if len(tags) > 0 {
		fmt.Fprintf(&buf, " (type must be one of %s)", strings.Join(tags, ", "))
	}
	return fmt.Errorf("%s", buf.String())
}
