package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A configuration file, as an operator may write it: loaded or refused
// with the problems named, never a panic, and what loads is valid.
func FuzzLoad(f *testing.F) {
	shipped, err := os.ReadFile("ballenstedt.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(shipped))
	for _, s := range []string{"", "community:\n  id: x\n", "comunity: 1\n", "limits:\n  message_max: -1\n",
		"community:\n  districts:\n    - {id: a, name: A}\n    - {id: a}\n", "events:\n  reminders: [24h, -2h]\n",
		"schedule:\n  digest: \"every monday\"\n", "community: [1, 2]\n", "&a [*a]\n", "community:\n  languages: []\n",
		"limits:\n  conversation_ttl: 1ns\n", "redis:\n  url: http://x\n"} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, file string) {
		path := filepath.Join(dir, "heimatbot.yaml")
		if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, nil)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("refused without a reason")
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("loaded, yet invalid: %v", err)
		}
		_ = c.Location()
	})
}
