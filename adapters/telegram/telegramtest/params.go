package telegramtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// checkParams checks a request's parameters against the method's spec:
// required ones present, no unknown ones, each value of a declared type.
func (s *Spec) checkParams(m Kind, params map[string]string, files map[string]File) *apiError {
	var names []string
	for name := range params {
		names = append(names, name)
	}
	for name := range files {
		if _, dup := params[name]; !dup {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if _, ok := m.Field(name); !ok {
			return badRequest("unknown parameter %q for method %s", name, m.Name)
		}
	}
	for _, f := range m.Fields {
		_, isParam := params[f.Name]
		_, isFile := files[f.Name]
		if f.Required && !isParam && !isFile {
			return missing(f.Name)
		}
	}
	for _, name := range names {
		f, _ := m.Field(name)
		if _, isFile := files[name]; isFile {
			if !slices.Contains(f.Types, "InputFile") {
				return badRequest("parameter %q can't be a file upload", name)
			}
			continue
		}
		if err := s.checkParamOnce(m.Name, f, params[name]); err != nil {
			return err
		}
	}
	return nil
}

// checkParamOnce is checkParam, remembering what passed: a bot sends the
// same keyboards and entities again and again, and checking each anew
// was a tenth of the fake's time under load.
func (s *Spec) checkParamOnce(method string, f Field, raw string) *apiError {
	if len(raw) == 0 || raw[0] != '{' && raw[0] != '[' {
		return s.checkParam(f, raw)
	}
	var err *apiError
	s.valid.get(method+"\x00"+f.Name+"\x00"+raw, func() (bool, bool) {
		err = s.checkParam(f, raw)
		return err == nil, err == nil
	})
	return err
}

// missing is Telegram's answer to an absent required parameter.
func missing(name string) *apiError {
	switch name {
	case "text":
		return badRequest("message text is empty")
	case "chat_id":
		return badRequest("chat_id is empty")
	case "message_id":
		return badRequest("message identifier is not specified")
	}
	return badRequest("parameter %q is required", name)
}

// checkParam checks one form value against the field's declared types.
func (s *Spec) checkParam(f Field, raw string) *apiError {
	var jsonErr error
	for _, typ := range f.Types {
		switch typ {
		case "Integer":
			if _, err := strconv.ParseInt(raw, 10, 64); err == nil {
				return nil
			}
		case "Float":
			if _, err := strconv.ParseFloat(raw, 64); err == nil {
				return nil
			}
		case "Boolean":
			switch strings.ToLower(raw) {
			case "true", "false", "1", "0":
				return nil
			}
		case "String":
			if !utf8.ValidString(raw) {
				return badRequest("parameter %q must be valid UTF-8", f.Name)
			}
			if isChatID(f.Name) && slices.Contains(f.Types, "Integer") {
				// A chat identifier or the @username of a channel or supergroup.
				if len(raw) > 1 && raw[0] == '@' {
					return nil
				}
				continue
			}
			return nil
		case "InputFile":
			// Not uploaded: only a file_id or URL, if String is allowed too.
		default:
			if raw == "null" && !f.Required {
				// JSON null means absent; tgbotapi sends it for every
				// unset slice (entities, caption_entities, allowed_updates).
				return nil
			}
			v, err := decodeJSON(raw)
			if err != nil {
				jsonErr = fmt.Errorf("can't parse %s JSON object: %w", f.Name, err)
				continue
			}
			if err := s.checkJSONType(f.Name, typ, v); err != nil {
				// Of several object types, report against the one the value
				// was evidently meant to be.
				if jsonErr == nil || s.hasRequiredFields(typ, v) {
					jsonErr = err
				}
				continue
			}
			return nil
		}
	}
	if isChatID(f.Name) {
		return badRequest("chat not found (%s %q is neither an Integer nor an @username)", f.Name, raw)
	}
	if jsonErr != nil {
		return badRequest("%v", jsonErr)
	}
	return badRequest("parameter %q must be of type %s, got %q", f.Name, strings.Join(f.Types, " or "), raw)
}

func isChatID(name string) bool {
	return name == "chat_id" || name == "from_chat_id"
}

// hasRequiredFields reports whether v is an object carrying every required
// field of typ, i.e. was meant to be one.
func (s *Spec) hasRequiredFields(typ string, v any) bool {
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, f := range s.Types[typ].Fields {
		if _, present := obj[f.Name]; f.Required && !present {
			return false
		}
	}
	return true
}
