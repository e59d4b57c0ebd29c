package whatsapptest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// specJSON is the part of Meta's OpenAPI description of the Cloud API
// (v23.0, MIT, see spec/LICENSE.api-spec) that the fake checks against:
// the schemas reachable from the message request and the webhook payload,
// and the description's examples. spec/extract.py made it from the
// unchanged original.
//
//go:embed spec/cloudapi-v23.0.json
var specJSON []byte

// Spec is the vendored description: schemas by name, and examples.
type Spec struct {
	Version         string                     `json:"version"`
	Schemas         map[string]map[string]any  `json:"schemas"`
	MessageExamples map[string]json.RawMessage `json:"message_examples"`
	WebhookExamples map[string]json.RawMessage `json:"webhook_examples"`

	patterns sync.Map // pattern → *regexp.Regexp
}

// LoadSpec parses the vendored description.
func LoadSpec() (*Spec, error) {
	var s Spec
	if err := json.Unmarshal(specJSON, &s); err != nil {
		return nil, fmt.Errorf("whatsapptest: spec: %w", err)
	}
	return &s, nil
}

// slips are the description's known mistakes (spec/README.md), read the
// way Meta's own examples and servers read them.
var slips = map[string]string{
	// A character class meant as "0-9" that rejects "0".
	"^[2-6, 11-14]$": "^[0-9]$",
}

// Validate checks v against the named schema and returns what is wrong,
// one line each, with the JSON path.
func (s *Spec) Validate(schema string, v any) []string {
	sch, ok := s.Schemas[schema]
	if !ok {
		return []string{"no schema " + schema}
	}
	var errs []string
	s.check("$", sch, v, &errs)
	return errs
}

func (s *Spec) deref(sch map[string]any) map[string]any {
	for range 32 {
		ref, ok := sch["$ref"].(string)
		if !ok {
			return sch
		}
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		next, ok := s.Schemas[name]
		if !ok {
			return map[string]any{}
		}
		sch = next
	}
	return sch
}

// merged folds allOf branches into one object schema (properties and
// required joined, additional properties closed if any branch closes
// them), so that a closed branch does not refuse the other's fields.
func (s *Spec) merged(sch map[string]any) map[string]any {
	sch = s.deref(sch)
	all, ok := sch["allOf"].([]any)
	if !ok {
		return sch
	}
	out := map[string]any{}
	props := map[string]any{}
	var req []any
	for k, v := range sch {
		if k != "allOf" {
			out[k] = v
		}
	}
	for _, b := range all {
		bm, ok := b.(map[string]any)
		if !ok {
			continue
		}
		bm = s.merged(bm)
		for k, v := range bm {
			switch k {
			case "properties":
				for pk, pv := range v.(map[string]any) {
					props[pk] = pv
				}
			case "required":
				req = append(req, v.([]any)...)
			case "additionalProperties":
				if v == false {
					out[k] = false
				}
			default:
				if _, set := out[k]; !set {
					out[k] = v
				}
			}
		}
	}
	out["properties"] = props
	out["required"] = req
	return out
}

func (s *Spec) check(path string, sch map[string]any, v any, errs *[]string) {
	sch = s.merged(sch)
	fail := func(format string, args ...any) { *errs = append(*errs, path+": "+fmt.Sprintf(format, args...)) }
	if t, ok := sch["type"].(string); ok && !typeIs(t, v) {
		fail("want %s, got %s", t, jsonType(v))
		return
	}
	if enum, ok := sch["enum"].([]any); ok && !contains(enum, v) {
		fail("%v is none of %v", v, enum)
	}
	if str, ok := v.(string); ok {
		n := utf8.RuneCountInString(str)
		if m, ok := num(sch["maxLength"]); ok && n > m {
			fail("%d characters, at most %d", n, m)
		}
		if m, ok := num(sch["minLength"]); ok && n < m {
			fail("%d characters, at least %d", n, m)
		}
		if p, ok := sch["pattern"].(string); ok && !s.pattern(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	}
	if arr, ok := v.([]any); ok {
		if m, ok := num(sch["maxItems"]); ok && len(arr) > m {
			fail("%d items, at most %d", len(arr), m)
		}
		if m, ok := num(sch["minItems"]); ok && len(arr) < m {
			fail("%d items, at least %d", len(arr), m)
		}
		if it, ok := sch["items"].(map[string]any); ok {
			for i, e := range arr {
				s.check(fmt.Sprintf("%s[%d]", path, i), it, e, errs)
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		s.checkObject(path, sch, obj, errs)
	}
	if not, ok := sch["not"].(map[string]any); ok {
		var sub []string
		s.check(path, not, v, &sub)
		if len(sub) == 0 {
			fail("matches what it must not")
		}
	}
	if one, ok := sch["oneOf"].([]any); ok {
		s.checkOneOf(path, sch, one, v, errs)
	}
}

func (s *Spec) checkObject(path string, sch map[string]any, obj map[string]any, errs *[]string) {
	props, _ := sch["properties"].(map[string]any)
	req, _ := sch["required"].([]any)
	for _, r := range req {
		if _, ok := obj[r.(string)]; !ok {
			*errs = append(*errs, fmt.Sprintf("%s: %s is required", path, r))
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if p, ok := props[k].(map[string]any); ok {
			s.check(path+"."+k, p, obj[k], errs)
			continue
		}
		switch ap := sch["additionalProperties"].(type) {
		case bool:
			if !ap {
				*errs = append(*errs, fmt.Sprintf("%s: unknown field %s", path, k))
			}
		case map[string]any:
			s.check(path+"."+k, ap, obj[k], errs)
		}
	}
}

// checkOneOf wants exactly one branch to match; with a discriminator the
// branch is the one its mapping names.
func (s *Spec) checkOneOf(path string, sch map[string]any, one []any, v any, errs *[]string) {
	if d, ok := sch["discriminator"].(map[string]any); ok {
		if obj, ok := v.(map[string]any); ok {
			prop, _ := d["propertyName"].(string)
			mapping, _ := d["mapping"].(map[string]any)
			if key, ok := obj[prop].(string); ok {
				if ref, ok := mapping[key].(string); ok {
					s.check(path, map[string]any{"$ref": ref}, v, errs)
					return
				}
				*errs = append(*errs, fmt.Sprintf("%s: %s %q is none the description knows", path, prop, key))
				return
			}
		}
	}
	matched := 0
	var first []string
	for _, b := range one {
		bm, ok := b.(map[string]any)
		if !ok {
			continue
		}
		var sub []string
		s.check(path, bm, v, &sub)
		if len(sub) == 0 {
			matched++
		} else if first == nil {
			first = sub
		}
	}
	switch {
	case matched == 0:
		*errs = append(*errs, fmt.Sprintf("%s: matches none of its %d forms (first: %s)", path, len(one), strings.Join(first, "; ")))
	case matched > 1:
		*errs = append(*errs, fmt.Sprintf("%s: matches %d of its forms, one expected", path, matched))
	}
}

func (s *Spec) pattern(p string) *regexp.Regexp {
	if fixed, ok := slips[p]; ok {
		p = fixed
	}
	if re, ok := s.patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = regexp.MustCompile(".*")
	}
	s.patterns.Store(p, re)
	return re
}

func typeIs(t string, v any) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "number":
		_, ok := v.(float64)
		return ok
	}
	return true
}

func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func num(v any) (int, bool) {
	f, ok := v.(float64)
	return int(f), ok
}

func contains(enum []any, v any) bool {
	for _, e := range enum {
		if e == v {
			return true
		}
	}
	return false
}
