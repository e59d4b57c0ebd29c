package flows_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// offerHelp walks a chat through /mitmachen: the categories, a sentence,
// "einmal", the districts pressed (the profile's Badeborn is preset) and
// the contact choice.
func offerHelp(t *testing.T, c *flowtest.Chat, cats, toggleDistricts []string, contact string) {
	t.Helper()
	c.Send("/mitmachen")
	c.Expect("Wobei kannst du helfen?")
	for _, cat := range cats {
		c.Press(cat)
	}
	c.Press("Fertig")
	c.Expect("Beschreib in einem Satz")
	c.Send("Ich packe gern mit an.")
	c.Expect("Wie viel Zeit", "[ein paar Stunden im Monat]", "[regelmäßig]")
	c.Press("einmal")
	c.Expect("In welchen Ortsteilen", "[✓ Badeborn]", "Badeborn ist schon ausgewählt, weil du dort wohnst.")
	for _, d := range toggleDistricts {
		c.Press(d)
	}
	if slices.Contains(toggleDistricts, "Badeborn") && strings.Contains(c.Text(), "schon ausgewählt") {
		t.Errorf("the home district was unticked, yet the question still says it is chosen:\n%s", c.Text())
	}
	c.Press("Fertig")
	c.Expect("Wie dürfen dich")
	c.Press(contact)
	c.Expect("Dein Angebot ist gespeichert")
}

// postNeed walks an association member through /gesuch for a need of
// category in district.
func postNeed(t *testing.T, c *flowtest.Chat, title, category, district string) {
	t.Helper()
	c.Send("/gesuch")
	c.Expect("Wie heißt dein Gesuch?")
	c.Send(title)
	c.Expect("Beschreib, wobei ihr Hilfe braucht")
	c.Send("Wir brauchen zwei Leute, die beim Aufbau helfen.")
	c.Expect("Welche Art Hilfe")
	c.Press(category)
	c.Press("Fertig")
	c.Expect("In welchem Ortsteil?")
	c.Press(district)
	c.Expect("Wann?")
	c.Send("Samstag, 10 Uhr")
	c.Expect("So sieht dein Gesuch aus", title, "Samstag, 10 Uhr", "[Absenden]")
	c.Press("Absenden")
}

func TestNeedsReachMatchingHelpersOnly(t *testing.T) {
	b := flowtest.New(t)
	byName := b.Chat(bot.Telegram, "7001") // Handwerk in Badeborn, shows name
	byBot := b.Chat(bot.Telegram, "7002")  // Handwerk in Badeborn and Rieder, bot only
	otherCat := b.Chat(bot.Telegram, "7003")
	otherPlace := b.Chat(bot.Telegram, "7004")
	author := b.Chat(bot.Telegram, "7005")
	for _, c := range []*flowtest.Chat{byName, byBot, otherCat, otherPlace, author} {
		onboard(t, c)
	}
	offerHelp(t, byName, []string{"Handwerk", "Fahrdienste"}, nil, "Meinen Benutzernamen zeigen")
	offerHelp(t, byBot, []string{"Handwerk"}, []string{"Rieder"}, "Nur über den Bot")
	offerHelp(t, otherCat, []string{"Jugendarbeit"}, nil, "Meinen Benutzernamen zeigen")
	offerHelp(t, otherPlace, []string{"Handwerk"}, []string{"Badeborn", "Opperode"}, "Meinen Benutzernamen zeigen")
	before := map[*flowtest.Chat]int{}
	for _, c := range []*flowtest.Chat{otherCat, otherPlace} {
		before[c] = len(b.Out.To(c.Addr))
	}

	postNeed(t, author, "Regal aufbauen", "Handwerk", "Badeborn")
	author.Expect("Ich habe 2 passende Personen gefragt")
	for c, n := range before {
		if got := len(b.Out.To(c.Addr)); got != n {
			t.Errorf("%s does not match but got the need", c.User.ID)
		}
	}

	received(t, b, byName)
	byName.Expect("Jemand sucht Hilfe", "Regal aufbauen", "[Interessiert]", "[Nein danke]")
	byName.Press("Interessiert")
	byName.Expect("Ich habe Bescheid gegeben")
	received(t, b, author)
	author.Expect("Interesse an deinem Gesuch „Regal aufbauen“", "user7001")

	received(t, b, byBot)
	byBot.Press("Interessiert")
	received(t, b, author)
	author.Expect("nur über den Bot")
	if strings.Contains(author.Text(), "user7002") {
		t.Fatalf("the author saw the name of a helper who did not allow it:\n%s", author.Text())
	}

	// Pressing again tells the author nothing new.
	sent := len(b.Out.To(author.Addr))
	byName.Replies = b.Out.To(byName.Addr) // the need card, shown earlier
	byName.Press("Interessiert")
	if len(b.Out.To(author.Addr)) != sent {
		t.Fatal("a repeated press told the author twice")
	}

	author.Send("/gesuch")
	author.Expect("Deine offenen Gesuche", "Regal aufbauen", "[Erledigt: Regal aufbauen]", "[Neues Gesuch]")
	author.Press("Erledigt: Regal aufbauen")
	author.Expect("Das Gesuch ist geschlossen")
	byBot.Replies = b.Out.To(byBot.Addr) // the need card, shown earlier
	byBot.Press("Nein danke")
	byBot.Expect("schon erledigt")
}

func TestNeedsAreForAssociationsAndOrganizers(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "7101")
	c.Send("/start")
	c.Press("Einverstanden")
	c.Press("Badeborn")
	c.Press("Themen wählen")
	c.Press("Fertig")
	c.Press("Bürger:in")
	c.Send("/gesuch")
	c.Expect("Gesuche können Vereine und Organisator:innen aufgeben", "/profil")
	// So /hilfe does not offer it to a resident, only to an association
	// member.
	c.Send("/hilfe")
	if strings.Contains(c.Text(), "/gesuch") {
		t.Errorf("/hilfe offers /gesuch to a resident, who is refused:\n%s", c.Text())
	}
	c.Send("/profil")
	c.Press("Rolle")
	c.Press("Verein/Ehrenamt")
	c.Press("Fertig")
	c.Send("/hilfe")
	c.Expect("/gesuch")
}

func TestAnOfferCanBeChangedAndWithdrawn(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "7201")
	onboard(t, c)
	offerHelp(t, c, []string{"Räume"}, nil, "Nur über den Bot")
	c.Send("/mitmachen")
	c.Expect("Dein Hilfsangebot", "Wobei: Räume", "Wo: Badeborn", "Kontakt: nur über den Bot", "[Ändern]", "[Zurückziehen]")
	c.Press("Ändern")
	c.Expect("[✓ Räume]")
	c.Press("Digitales")
	c.Press("Fertig")
	c.Expect("Bisher: Ich packe gern mit an.")
	c.Press("Überspringen")
	c.Press("regelmäßig")
	c.Expect("[✓ Badeborn]")
	c.Press("Fertig")
	c.Press("Meinen Benutzernamen zeigen")
	c.Expect("Wobei: Räume, Digitales", "Was genau: Ich packe gern mit an.", "Zeit: regelmäßig")
	ctx := context.Background()
	ref := profile(t, b, c).Ref
	if refs, _ := b.Store.MatchingOffers(ctx, []string{"digitales"}, "badeborn"); len(refs) != 1 || refs[0] != ref {
		t.Fatalf("changed offer does not match: %v", refs)
	}
	c.Send("/mitmachen")
	c.Press("Zurückziehen")
	c.Expect("Dein Angebot ist zurückgezogen")
	if _, err := b.Store.Offer(ctx, ref); err == nil {
		t.Fatal("withdrawn offer is still stored")
	}
	if refs, err := b.Store.MatchingOffers(ctx, []string{"raeume", "digitales"}, "badeborn"); err != nil || len(refs) != 0 {
		t.Fatalf("withdrawn offer still matches: %v, %v", refs, err)
	}
}

func TestANewOfferIsAskedAboutOpenNeedsItFits(t *testing.T) {
	b := flowtest.New(t)
	author := b.Chat(bot.Telegram, "7301")
	fits := b.Chat(bot.Telegram, "7302")
	elsewhere := b.Chat(bot.Telegram, "7303")
	for _, c := range []*flowtest.Chat{author, fits, elsewhere} {
		onboard(t, c)
	}
	postNeed(t, author, "Fahrt zum Arzt", "Fahrdienste", "Badeborn")
	author.Expect("Ich habe 0 passende Personen gefragt")

	offerHelp(t, fits, []string{"Fahrdienste"}, nil, "Nur über den Bot")
	fits.Expect("Jemand sucht Hilfe", "Fahrt zum Arzt", "[Interessiert]")
	offerHelp(t, elsewhere, []string{"Fahrdienste"}, []string{"Badeborn", "Rieder"}, "Nur über den Bot")
	if strings.Contains(elsewhere.Text(), "Fahrt zum Arzt") {
		t.Fatalf("an offer for another district was asked:\n%s", elsewhere.Text())
	}
	fits.Press("Interessiert")
	received(t, b, author)
	author.Expect("Interesse an deinem Gesuch „Fahrt zum Arzt“")

	// Changing the offer later does not ask about an answered need again.
	fits.Send("/mitmachen")
	fits.Press("Ändern")
	fits.Press("Fertig")
	fits.Press("Überspringen")
	fits.Press("einmal")
	fits.Press("Fertig")
	fits.Press("Nur über den Bot")
	fits.Expect("Dein Angebot ist gespeichert")
	if strings.Contains(fits.Text(), "Fahrt zum Arzt") {
		t.Fatal("an answered need was asked about again")
	}
}

// Someone without a handle others could see (a Telegram account with no
// username) is not offered to show it: the offer is reached through the
// bot. On WhatsApp the handle is the phone number and is called so, and
// the overview says who sees what, in du.
func TestTheContactQuestionFitsThePersonsHandle(t *testing.T) {
	b := flowtest.New(t)
	nameless := b.Chat(bot.Telegram, "7301")
	nameless.User.Name = ""
	onboard(t, nameless)
	nameless.Send("/mitmachen")
	nameless.Press("Räume")
	nameless.Press("Fertig")
	nameless.Send("Ich packe gern mit an.")
	nameless.Press("einmal")
	nameless.Press("Fertig")
	nameless.Expect("Dein Angebot ist gespeichert", "Kontakt: nur über den Bot")
	if strings.Contains(nameless.Text(), "Wie dürfen dich") {
		t.Error("someone without a username was asked whether others may see it")
	}

	b.Catalog.Describe(bot.WhatsApp, bot.HintsFunc(func(bool) bot.Hints { return bot.Hints{PhoneNumbers: true} }))
	phone := b.Chat(bot.WhatsApp, "4915100007302")
	onboard(t, phone)
	offerHelp(t, phone, []string{"Räume"}, nil, "Meine Nummer zeigen")
	phone.Expect("Kontakt: Vereine und Organisator:innen sehen deine Nummer")
}
