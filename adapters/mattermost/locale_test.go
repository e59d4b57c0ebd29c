package mattermost_test

import (
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

// A member's Mattermost language is theirs where they chose it: on a
// server whose default is German, whoever switched to English is greeted
// in English, and whoever kept the default in the community's language.
// The adapter's own notes follow the same language.
func TestAChosenMattermostLanguageIsTheGreetingsLanguage(t *testing.T) {
	h := newHarness(t, withServer(mattermosttest.WithDefaultLocale("de")), withButtons(), withFlow(pickFlow()))
	erin, dm := h.user("erin")
	h.srv.SetLocale(erin, "en")
	h.say(erin, dm.Id, "start")
	h.waitFor(dm.Id, "Do you agree?")

	doris, dm2 := h.user("doris")
	h.say(doris, dm2.Id, "start")
	h.waitFor(dm2.Id, "Bist du einverstanden?")

	// Erin, who has not agreed to anything yet, presses Doris's button
	// in the town square: the note says why in English.
	square := h.srv.TownSquare()
	h.mention(doris, square.Id, "wahl")
	question, apples := h.buttonPost(square.Id, "Äpfel")
	if eph := h.press(question, apples, erin); !strings.Contains(eph, "belongs to someone else") {
		t.Errorf("the note to someone who chose English reads %q", eph)
	}
}

// On a server whose default is English, Mattermost's own default, a
// member's English tells nothing of them: the community's language
// applies until they choose one.
func TestTheServersDefaultLocaleIsNoHint(t *testing.T) {
	h := newHarness(t)
	udo, dm := h.user("udo")
	h.say(udo, dm.Id, "start")
	h.waitFor(dm.Id, "Bist du einverstanden?")
}

// The adapter's own notes speak as the engine does: in a community that
// speaks Einfache Sprache by default, someone whose Mattermost is set to
// German is greeted in plain German, and so is the note on someone
// else's button.
func TestTheAdaptersNotesFollowTheEnginesLanguage(t *testing.T) {
	h := newHarness(t, withLanguages("de-x-einfach", "de", "en"), withButtons(), withFlow(pickFlow()))
	gerd, dm := h.user("gerd")
	h.srv.SetLocale(gerd, "de")
	h.say(gerd, dm.Id, "start")
	h.waitFor(dm.Id, "Ich schreibe in Einfacher Sprache.")

	hanna, _ := h.user("hanna")
	square := h.srv.TownSquare()
	h.mention(hanna, square.Id, "wahl")
	question, apples := h.buttonPost(square.Id, "Äpfel")
	if eph := h.press(question, apples, gerd); !strings.Contains(eph, "Dieser Knopf ist für eine andere Person.") {
		t.Errorf("the note reads %q; want it in Einfache Sprache", eph)
	}
}
