package telegramtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// LoadSpec reads and parses the specification file at path.
func LoadSpec(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("telegramtest: read spec: %w", err)
	}
	var s Spec
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("telegramtest: parse spec %s: %w", path, err)
	}
	if len(s.Methods) == 0 || len(s.Types) == 0 {
		return nil, fmt.Errorf("telegramtest: spec %s has no methods or types", path)
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

// specRel is where the spec lives relative to the repository root: in the
// shared/ directory beside the repository.
var specRel = filepath.Join("..", "shared", "telegram", "api.min.json")

// SpecPath finds the specification by walking up from the working directory
// to the repository root (the directory holding go.mod) and looking for
// ../shared/telegram/api.min.json beside it.
func SpecPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("telegramtest: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, specRel)
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("telegramtest: spec not found beside repository root %s: %w", dir, err)
			}
			return filepath.Clean(p), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("telegramtest: no go.mod above the working directory, cannot locate shared/telegram/api.min.json")
		}
		dir = parent
	}
}

// MustLoadSpec finds and loads the specification, failing the test (never
// skipping it) when the file is missing or broken.
func MustLoadSpec(t testing.TB) *Spec {
	t.Helper()
	path, err := SpecPath()
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
