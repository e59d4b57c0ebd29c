package flows_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

func TestPlainLanguageIsOneTapInTheFirstMessage(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1701")
	c.User.Lang = "de"
	c.Send("/start")
	c.Expect("Bist du einverstanden?", "[Einverstanden]", "[In einfacher Sprache]")
	// A third reply button, not a list: WhatsApp takes three titles of
	// at most 20 characters as buttons.
	if b, _ := c.Button("In einfacher Sprache"); len([]rune(b.Label)) > 20 {
		t.Errorf("offer %q is longer than a WhatsApp reply button", b.Label)
	}
	c.Press("In einfacher Sprache")
	// The greeting again, in plain language; the tap that took the offer
	// stands in for the tap of consent, so the districts are the answer.
	c.Expect("Ich lade dich zu Treffen in der Stadt ein.", "Bist du einverstanden?", "Ja? Dann tippe auf deinen Ortsteil.",
		"[Badeborn]", "[Ja, ohne Ortsteil]", "[Nichts speichern]")
	if strings.Contains(c.Text(), "In einfacher Sprache") {
		t.Errorf("the offer is shown again after it was taken:\n%s", c.Text())
	}
	if p, _ := b.Store.Profile(context.Background(), c.User); p != nil {
		t.Fatalf("profile before consent = %+v", p)
	}
	c.Press("Badeborn")
	c.Expect("Danke, das war alles!", "Das musst du nicht.", "[Themen wählen]")
	c.Press("Themen wählen")
	c.Expect("Welche Themen sind dir wichtig?")
	c.Press("Fertig")
	c.Expect("Wie bist du dabei?", "[Weiter]")
	c.Press("Weiter")
	c.Expect("Danke, das ist gespeichert!")
	p, err := b.Store.Profile(context.Background(), c.User)
	if err != nil || p == nil || p.Lang != flows.PlainLanguage || p.District != "badeborn" || p.Consent.IsZero() {
		t.Fatalf("profile = %+v, %v; want consent, language %s and district badeborn", p, err, flows.PlainLanguage)
	}
	// Later conversations stay plain.
	c.Send("/datenschutz")
	c.Expect("Ich speichere nur etwas, wenn du einverstanden bist.")
}

// Agreeing without a district, or not agreeing, are one tap each after
// the offer, as in standard German.
func TestPlainOfferAgreeWithoutDistrictOrNotAtAll(t *testing.T) {
	b := flowtest.New(t)
	ctx := context.Background()

	yes := b.Chat(bot.Telegram, "1711")
	yes.User.Lang = "de"
	yes.Send("/start")
	yes.Press("In einfacher Sprache")
	yes.Send("Ballenstedt?")
	// A word is no district and no agreement: the question stays.
	yes.Expect("Ja? Dann tippe auf deinen Ortsteil.")
	if p, _ := b.Store.Profile(ctx, yes.User); p != nil {
		t.Fatalf("a profile after a word that is no answer: %+v", p)
	}
	yes.Press("Ja, ohne Ortsteil")
	yes.Expect("Danke, das war alles!")
	if p, err := b.Store.Profile(ctx, yes.User); err != nil || p == nil || p.District != "" || p.Lang != flows.PlainLanguage {
		t.Fatalf("profile = %+v, %v; want one in plain language without a district", p, err)
	}

	no := b.Chat(bot.Telegram, "1712")
	no.User.Lang = "de"
	no.Send("/start")
	no.Press("In einfacher Sprache")
	no.Press("Nichts speichern")
	no.Expect("Ich speichere nichts über dich.")
	if p, _ := b.Store.Profile(ctx, no.User); p != nil {
		t.Fatalf("a profile without consent: %+v", p)
	}
}

func TestNoPlainOfferInEnglish(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1702")
	c.User.Lang = "en"
	c.Send("/start")
	c.Expect("Do you agree?")
	if _, ok := c.Button("In plain German?"); ok {
		t.Errorf("English readers are offered plain German:\n%s", c.Text())
	}
}

func TestSwitchingToPlainMidQuestionAsksItAgain(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1703")
	onboard(t, c)
	c.Send("/meinung")
	c.Expect("Zu welchem Thema möchtest du etwas sagen?", "[Jugend]")
	c.Send("/sprache")
	c.Expect("In welcher Sprache soll ich schreiben?", "[Einfache Sprache]")
	c.Press("Einfache Sprache")
	c.Expect("Ab jetzt schreibe ich in Einfacher Sprache.", "Um welches Thema geht es dir?", "[Jugend]")
	// The question goes on where it stood, in plain language.
	c.Press("Jugend")
	c.Expect("Um welchen Ortsteil geht es?")
	// And back: standard German asks the open question in its words.
	c.Send("/sprache")
	c.Press("Deutsch")
	c.Expect("Ab jetzt schreibe ich auf Deutsch.", "Um welchen Ortsteil geht es? Der Haken zeigt deinen Ortsteil.")
}

func TestSwitchingLanguageWithoutAnOpenQuestion(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1704")
	onboard(t, c)
	c.Send("/sprache")
	c.Press("Einfache Sprache")
	c.Expect("Ab jetzt schreibe ich in Einfacher Sprache.")
	if len(c.Replies) != 1 {
		t.Errorf("replies = %d, want only the confirmation:\n%s", len(c.Replies), c.Text())
	}
	// Another command still replaces a question /sprache set aside.
	c.Send("/meinung")
	c.Send("/sprache")
	c.Send("/hilfe")
	c.Send("/termine")
	c.Expect("Termine")
	if strings.Contains(c.Text(), "Um welches Thema") {
		t.Errorf("a set-aside question came back after another command:\n%s", c.Text())
	}
}

func TestPlainLanguageAsTheCommunityDefault(t *testing.T) {
	b := flowtest.New(t, flowtest.WithConfig(func(cfg *config.Config) {
		cfg.Community.Languages = []string{flows.PlainLanguage, "de", "en"}
		cfg.Organizers.Telegram = []string{"1707"}
	}))
	c := b.Chat(bot.Telegram, "1705")
	c.User.Lang = "de"
	c.Send("/start")
	c.Expect("Ich lade dich zu Treffen in der Stadt ein.", "[Ja, einverstanden]")
	if _, ok := c.Button("In einfacher Sprache"); ok {
		t.Errorf("plain language is offered to a reader who has it:\n%s", c.Text())
	}
	en := b.Chat(bot.Telegram, "1706")
	en.User.Lang = "en"
	en.Send("/start")
	en.Expect("Do you agree?")
	// Organizer-only texts, which the variant lacks, come in standard German.
	org := b.Chat(bot.Telegram, "1707")
	org.User.Lang = "de"
	org.Send("/digest")
	org.Expect("Für das Wochenbild ist noch keine Datenquelle eingerichtet.")
}

// An agreeing answer that names no answer the bot has, as a forged or
// very old button would, stores nothing.
func TestAnAgreeingButtonWithoutAnAnswerStoresNothing(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1713")
	for i, arg := range []string{"", "nosuch:x", "agree:rsvp:ev1:y"} {
		c.Deliver(bot.Update{ID: "forged" + strconv.Itoa(i), Button: bot.ActionPayload("agree", arg)})
		c.Expect("Diese Auswahl ist nicht mehr aktuell.")
	}
	if p, _ := b.Store.Profile(context.Background(), c.User); p != nil {
		t.Fatalf("a profile from a forged button: %+v", p)
	}
}
