package mattermost_test

import (
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

func TestFirstDirectMessageGetsGreetingAndConsent(t *testing.T) {
	h := newHarness(t)
	anna, dm := h.user("anna")

	greeting := h.say(anna, dm.Id, "Moin, was kannst du?")
	for _, want := range []string{"Hallo! Ich bin der Heimatbot", "**Ballenstedt**", "Bist du einverstanden?", "1. Einverstanden", "2. Ohne Speichern weiter"} {
		if !strings.Contains(greeting.Message, want) {
			t.Fatalf("greeting lacks %q:\n%s", want, greeting.Message)
		}
	}
	if greeting.RootId != "" {
		t.Errorf("greeting answered in a thread %q; a direct message needs none", greeting.RootId)
	}

	district := h.say(anna, dm.Id, "1")
	if !strings.Contains(district.Message, "In welchem Ortsteil") {
		t.Fatalf("typing 1 did not consent and ask for the district:\n%s", district.Message)
	}
	done := h.say(anna, dm.Id, "badeborn")
	if !strings.Contains(done.Message, "Danke, das war's schon!") {
		t.Fatalf("typing the label did not choose:\n%s", done.Message)
	}
}

func TestCommandsWorkWithoutSlashInDirectMessages(t *testing.T) {
	h := newHarness(t)
	anna, dm := h.user("anna")
	h.say(anna, dm.Id, "Hallo")
	help := h.say(anna, dm.Id, "hilfe")
	if !strings.Contains(help.Message, "Das kannst du tun") {
		t.Fatalf("bare hilfe did not show the help:\n%s", help.Message)
	}
}

func TestFileWithoutTextGetsTheHint(t *testing.T) {
	h := newHarness(t)
	anna, dm := h.user("anna")
	file := h.srv.UserUpload(anna, dm.Id, "foto.png", []byte("\x89PNG\r\n\x1a\n"))
	h.post(anna, dm.Id, "", mattermosttest.PostOptions{FileIDs: []string{file.Id}})
	hint := h.waitNth(dm.Id, 0)
	if !strings.Contains(hint.Message, "kann ich leider nicht lesen") {
		t.Fatalf("a file-only post got:\n%s", hint.Message)
	}
}

func TestIgnoresOwnOtherBotsSystemPostsAndEdits(t *testing.T) {
	h := newHarness(t)
	anna, dm := h.user("anna")
	first := h.say(anna, dm.Id, "Hallo")

	// Another integration's post, a system message and an edit: none is
	// something a person said to the bot.
	h.post(anna, dm.Id, "Ich bin ein Webhook", mattermosttest.PostOptions{Props: model.StringInterface{model.PostPropsFromBot: "true"}})
	h.post(anna, dm.Id, "anna joined", mattermosttest.PostOptions{Type: model.PostTypeJoinChannel})
	p := h.post(anna, dm.Id, "2", mattermosttest.PostOptions{})
	h.waitFor(dm.Id, "Was möchtest du tun?") // the last post of the answer
	if _, err := h.srv.EditPost(t.Context(), p.Id, "hilfe"); err != nil {
		t.Fatal(err)
	}
	// A last message shows that everything before it was handled: posts
	// of one channel are handled in order.
	last := h.say(anna, dm.Id, "hilfe")
	if !strings.Contains(last.Message, "Das kannst du tun") {
		t.Fatalf("help not shown:\n%s", last.Message)
	}

	got := h.srv.PostsIn(dm.Id)
	// Greeting, the two posts answering "2", help: the bot's own posts,
	// which it receives too, never made it answer.
	if len(got) != 4 || got[0].Id != first.Id {
		t.Errorf("want 4 bot posts (greeting, notice, menu, help), got %d:\n%s", len(got), messages(got))
	}
	if n := strings.Count(messages(got), "Das kannst du tun"); n != 1 {
		t.Errorf("help shown %d times, want once:\n%s", n, messages(got))
	}
}
