package telegram_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
)

func TestOnboardingOnTelegram(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	const chat = 4711

	w.say(chat, "/start")
	w.expect(chat, "Bist du einverstanden?", "Andere Sprache: /sprache", "[Einverstanden]", "[Ohne Speichern weiter]")
	w.press(chat, "Einverstanden")
	w.expect(chat, "In welchem Ortsteil", "[Badeborn]", "[Asmusstedt]", "[Überspringen]")
	w.press(chat, "Badeborn")
	w.expect(chat, "Was möchtest du tun?", "[Mein Profil]")
	// The rest of the profile, offered afterwards.
	w.press(chat, "Themen wählen")
	w.expect(chat, "Welche Themen", "[Jugend]")
	w.press(chat, "Jugend")
	w.expect(chat, "[✓ Jugend]")
	w.press(chat, "Orte der Begegnung")
	w.expect(chat, "[✓ Jugend]", "[✓ Orte der Begegnung]")
	w.press(chat, "Fertig")
	w.expect(chat, "in welcher Rolle", "[Überspringen]")
	w.press(chat, "Verein/Ehrenamt")
	w.expect(chat, "Danke, gespeichert!", "[Mein Profil]")

	msgs := w.srv.MessagesTo(chat)
	consent := msgs[0]
	if !strings.HasSuffix(consent.Text, "→ Einverstanden") || consent.ReplyMarkup != nil {
		t.Errorf("the answered consent prompt should show the choice and no buttons:\n%s", transcript(msgs[:1]))
	}
	for _, m := range msgs[:len(msgs)-1] {
		if m.ReplyMarkup != nil && !slices.Contains(labels(m), "Themen wählen") && !slices.Contains(labels(m), "Mein Profil") {
			t.Errorf("an answered prompt still has buttons: %q", m.Text)
		}
	}
	if n := len(w.srv.Calls("answerCallbackQuery")); n != 7 {
		t.Errorf("%d callback queries answered, want all 7", n)
	}

	p, err := w.store.Profile(context.Background(), bot.User{Platform: bot.Telegram, ID: "4711"})
	if err != nil {
		t.Fatal(err)
	}
	if p.District != "badeborn" || p.Role != "verein" || !slices.Equal(p.Interests, []string{"jugend", "begegnung"}) || p.Name != "user4711" || p.Lang != "de" {
		t.Errorf("profile = %+v", p)
	}
	if w.srv.Count429() != 0 {
		t.Errorf("the bot ran into Telegram's flood limits %d times", w.srv.Count429())
	}
	w.srv.AssertClean(t)
}

func TestCommandMenuInGermanAndEnglish(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	w.say(1, "/hilfe") // the menu is set before updates are read
	de, ok := w.srv.Commands(telegramtest.CommandScope{}, "")
	if !ok || !hasCommand(de, "profil", "Ortsteil") || !hasCommand(de, "loeschen", "löschen") {
		t.Errorf("German menu = %+v", de)
	}
	en, ok := w.srv.Commands(telegramtest.CommandScope{}, "en")
	if !ok || !hasCommand(en, "profile", "") || !hasCommand(en, "delete", "") {
		t.Errorf("English menu = %+v", en)
	}
	w.srv.AssertClean(t)
}

func hasCommand(cmds []telegramtest.BotCommand, name, inDescription string) bool {
	for _, c := range cmds {
		if c.Command == name && strings.Contains(c.Description, inDescription) {
			return true
		}
	}
	return false
}

// On Telegram the consent does not speak of a phone number: it keeps
// none there.
func TestTheConsentOnTelegramNamesNoPhoneNumber(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	const chat = 4712
	w.say(chat, "/start")
	w.expect(chat, "wie ich dich hier erreiche.")
	if strings.Contains(w.last(chat).Text, "Telefonnummer") {
		t.Errorf("the Telegram consent speaks of a phone number:\n%s", w.last(chat).Text)
	}
}
