package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/store/storetest"
)

// script runs the bot as a terminal chat with piped input, on the test
// Redis in the given community, and returns what it printed.
func script(t *testing.T, community, input string) string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+community+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	env := []string{"REDIS_URL=" + storetest.URL(t), "LANG=de_DE.UTF-8"}
	if err := run(context.Background(), []string{"--config", cfg}, env, strings.NewReader(input), &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	return out.String()
}

func TestScriptedConsoleOnboarding(t *testing.T) {
	out := script(t, storetest.Community(t), strings.Join([]string{
		"/start", "Einverstanden", "Badeborn", "Themen wählen", "Jugend", "Fertig", "Überspringen",
	}, "\n")+"\n")
	for _, want := range []string{
		"Bist du einverstanden?", "Andere Sprache: /sprache", "[1] Einverstanden",
		"In welchem Ortsteil", "Danke, das war's schon!", "Was möchtest du tun?", "Welche Themen", "[2] ✓ Jugend", "in welcher Rolle",
		"Danke, gespeichert!", "Mein Profil",
	} {
		if !strings.Contains(out, want) {
			t.Fatalf("%q missing from the transcript:\n%s", want, out)
		}
	}
}

func TestARestartedProcessContinuesOnboarding(t *testing.T) {
	community := storetest.Community(t)
	first := script(t, community, "/start\n1\n")
	if !strings.HasSuffix(strings.TrimSpace(first), "[7] Überspringen") || !strings.Contains(first, "In welchem Ortsteil") {
		t.Fatalf("first run did not stop at the district question:\n%s", first)
	}
	second := script(t, community, "Rieder\n")
	if !strings.Contains(second, "Danke, das war's schon!") {
		t.Fatalf("second run did not continue at the district step:\n%s", second)
	}
}

func TestEmbeddedStoreWhenNoRedisIsConfigured(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, nil, strings.NewReader("/start\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "embedded store") || !strings.Contains(errOut.String(), "lost") {
		t.Fatalf("no notice about the embedded store: %q", errOut.String())
	}
	if !strings.Contains(out.String(), "Bist du einverstanden?") {
		t.Fatalf("no greeting:\n%s", out.String())
	}
}

func TestBadConfigStopsTheStart(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "bad.yaml")
	_ = os.WriteFile(cfg, []byte("limits:\n  message_max: 0\n"), 0o600)
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"--config", cfg}, nil, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "limits.message_max") {
		t.Fatalf("err = %v", err)
	}
}

func TestOrganizerCommandsInTheConsole(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\nconsole:\n  organizer: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	in := strings.Join([]string{"/start", "Einverstanden", "Badeborn", "/digest", "/statistik"}, "\n") + "\n"
	env := []string{"REDIS_URL=" + storetest.URL(t)}
	if err := run(context.Background(), []string{"--config", cfg}, env, strings.NewReader(in), &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"Wochenbild Ballenstedt", "1 neu angemeldet", "wochenbild-", "Zahlen auf einen Blick"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("%q missing from the transcript:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "technisches Problem") {
		t.Fatalf("an organizer command failed:\n%s", out.String())
	}
}
