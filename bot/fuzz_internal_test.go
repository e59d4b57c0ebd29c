package bot

import (
	"strings"
	"testing"
)

// A command is read from anything a person may type, and a button
// payload comes back from the platform, where anyone may forge one.
func FuzzCommandAndPayload(f *testing.F) {
	for _, s := range []string{"/start", "/start ev_12", "/hilfe@heimat_bot", "/", " /x ", "/Ärger", "hallo",
		"/a@", "/1 2 3", "/ \x00", "/termin_neu 12.12. 18:30", "/\u0130", "/start\tx", "//", "/@bot",
		"s3:yes", "a:rsvp:ev_1", "s:x", "a::", "s-1:x", "x", "s12:a:b", "a:name", "s+3:x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkCommand(t, text)
		checkPayload(t, text)
	})
}

func checkCommand(t *testing.T, text string) {
	name, args, ok := ParseCommand(text)
	if !ok {
		if name != "" || args != "" {
			t.Fatalf("%q: not a command, but name %q args %q", text, name, args)
		}
		return
	}
	if !strings.HasPrefix(strings.TrimSpace(text), "/") {
		t.Fatalf("%q read as command %q", text, name)
	}
	if name == "" || strings.ContainsAny(name, " @/") || name != strings.ToLower(name) {
		t.Fatalf("%q: command name %q", text, name)
	}
	if args != strings.TrimSpace(args) {
		t.Fatalf("%q: args %q not trimmed", text, args)
	}
}

// checkPayload: what the engine makes reads back as it was made.
func checkPayload(t *testing.T, p string) {
	seq, value, action, arg, ok := parsePayload(p)
	if !ok {
		return
	}
	if action != "" {
		if _, _, a2, g2, ok := parsePayload(ActionPayload(action, arg)); !ok || a2 != action || g2 != arg {
			t.Fatalf("%q: action %q %q does not read back", p, action, arg)
		}
		return
	}
	if s2, v2, _, _, ok := parsePayload(stepPayload(seq, value)); !ok || s2 != seq || v2 != value {
		t.Fatalf("%q: step %d %q does not read back", p, seq, value)
	}
}
