package telegramtest

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Spec is the machine-readable Telegram Bot API description (api.min.json).
type Spec struct {
	Version string          `json:"version"`
	Methods map[string]Kind `json:"methods"`
	Types   map[string]Kind `json:"types"`

	// methodsFold maps lower-cased method names to their canonical spelling:
	// Telegram's method names are case-insensitive.
	methodsFold map[string]string
	valid       *memo[bool] // JSON parameters found valid
}

// Kind describes a method or a type of the Bot API: both are a name and a
// list of fields.
type Kind struct {
	Name      string   `json:"name"`
	Returns   []string `json:"returns"`
	Fields    []Field  `json:"fields"`
	Subtypes  []string `json:"subtypes"`
	SubtypeOf []string `json:"subtype_of"`
}

// Field is a method parameter or a field of an object type.
type Field struct {
	Name        string   `json:"name"`
	Types       []string `json:"types"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`
}

// Field returns the field called name.
func (k Kind) Field(name string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// LoadSpec reads and parses the specification file at path: a newer
// api.min.json than the one this package carries.
func LoadSpec(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("telegramtest: read spec: %w", err)
	}
	return ParseSpec(data)
}

// ParseSpec parses a specification in api.min.json's layout.
func ParseSpec(data []byte) (*Spec, error) {
	var s Spec
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("telegramtest: parse spec: %w", err)
	}
	if len(s.Methods) == 0 || len(s.Types) == 0 {
		return nil, errors.New("telegramtest: spec has no methods or types")
	}
	s.valid = new(memo[bool])
	s.methodsFold = make(map[string]string, len(s.Methods))
	for name := range s.Methods {
		s.methodsFold[strings.ToLower(name)] = name
	}
	return &s, nil
}

// Method looks a method up by name, ignoring case as Telegram does.
func (s *Spec) Method(name string) (Kind, bool) {
	canonical, ok := s.methodsFold[strings.ToLower(name)]
	if !ok {
		return Kind{}, false
	}
	return s.Methods[canonical], true
}

// vendoredSpec is the Bot API specification this package checks against,
// kept in the repository (MIT, see LICENSE.api-spec and SPEC.md) so that a
// fresh clone tests without anything beside it.
//
//go:embed api.min.json
var vendoredSpec []byte

// VendoredSpec parses the specification carried in this package.
func VendoredSpec() (*Spec, error) { return ParseSpec(vendoredSpec) }

// MustLoadSpec parses the vendored specification, failing the test when it
// is broken.
func MustLoadSpec(t testing.TB) *Spec {
	t.Helper()
	s, err := VendoredSpec()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
