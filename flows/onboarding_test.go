package flows_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// onboard walks a chat through consent and district, the whole of
// onboarding, and then through the rest of the profile, offered
// afterwards: interests and role, to the menu.
func onboard(t *testing.T, c *flowtest.Chat) {
	if t != nil {
		t.Helper()
	}
	c.Send("/start")
	c.Expect("Bist du einverstanden?", "Ich schreibe dir auf Deutsch", "[Einverstanden]", "[Ohne Speichern weiter]")
	c.Press("Einverstanden")
	c.Expect("In welchem Ortsteil", "[Badeborn]", "[Asmusstedt]", "[Überspringen]")
	c.Press("Badeborn")
	c.Expect("Danke, das war's schon!", "[Themen wählen]")
	c.Press("Themen wählen")
	c.Expect("Welche Themen", "[Jugend]")
	c.Press("Jugend")
	c.Expect("[✓ Jugend]")
	c.Press("Orte der Begegnung")
	c.Expect("[✓ Jugend]", "[✓ Orte der Begegnung]")
	c.Press("Fertig")
	c.Expect("in welcher Rolle", "[Überspringen]")
	c.Press("Verein/Ehrenamt")
	c.Expect("Danke, gespeichert!", "Was möchtest du tun?", "[Mein Profil]")
}

func TestOnboardingStoresTheProfile(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1001")
	onboard(t, c)

	p, err := b.Store.Profile(context.Background(), c.User)
	if err != nil {
		t.Fatal(err)
	}
	if p.District != "badeborn" || p.Role != "verein" || p.Lang != "de" ||
		!slices.Equal(p.Interests, []string{"jugend", "begegnung"}) {
		t.Fatalf("profile = %+v", p)
	}
	if p.Ref == "" || p.Consent.IsZero() || p.Chat != c.Addr {
		t.Fatalf("profile misses ref, consent time or chat: %+v", p)
	}
	if today := b.Clock.Now().UTC().Truncate(24 * time.Hour); !p.Active.Equal(today) {
		t.Fatalf("active day = %v, want %v", p.Active, today)
	}
	// Writing on a later day moves it; the time of day is never kept.
	b.Clock.Advance(50 * time.Hour)
	c.Send("/hilfe")
	p, _ = b.Store.Profile(context.Background(), c.User)
	if want := b.Clock.Now().UTC().Truncate(24 * time.Hour); !p.Active.Equal(want) {
		t.Fatalf("active day after writing again = %v, want %v", p.Active, want)
	}
}

// The language comes from the platform's hint when the community offers
// it, and nobody is asked for it: the greeting says in one line how to
// change it, and onboarding is consent and district.
func TestOnboardingTakesTheLanguageFromThePlatform(t *testing.T) {
	b := flowtest.New(t)
	for _, tc := range []struct {
		hint, greeting, agree, district, lang string
	}{
		{"en-GB", "I write to you in English. To pick another language, use /language.", "I agree", "Which district", "en"},
		{"de", "Ich schreibe dir auf Deutsch. Andere Sprache: /sprache", "Einverstanden", "In welchem Ortsteil", "de"},
		// A language the community does not offer: its first language,
		// and the line says how to change it, in English too.
		{"fr", "(English: /language)", "Einverstanden", "In welchem Ortsteil", "de"},
		{"", "Ich schreibe dir auf Deutsch.", "Einverstanden", "In welchem Ortsteil", "de"},
	} {
		c := b.Chat(bot.Telegram, "hint-"+tc.hint)
		c.User.Lang = tc.hint
		c.Send("/start")
		c.Expect(tc.greeting)
		c.Press(tc.agree)
		c.Expect(tc.district)
		if strings.Contains(c.Text(), "Sprache") || strings.Contains(c.Text(), "language") {
			t.Errorf("%q: the language is asked:\n%s", tc.hint, c.Text())
		}
		p, err := b.Store.Profile(context.Background(), c.User)
		if err != nil || p.Lang != tc.lang {
			t.Errorf("%q: profile %+v, %v; want language %s", tc.hint, p, err, tc.lang)
		}
	}
}

// Interests and role are never asked on the way; they are offered after
// onboarding, and skipping the offer leaves the profile without them.
func TestInterestsAndRoleComeLaterAndAreOptional(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1010")
	c.Send("/start")
	c.Press("Einverstanden")
	c.Press("Überspringen")
	c.Expect("Danke, das war's schon!", "freiwillig", "[Themen wählen]", "Was möchtest du tun?", "[Mein Profil]")
	if strings.Contains(c.Text(), "Welche Themen interessieren dich?") || strings.Contains(c.Text(), "in welcher Rolle") {
		t.Errorf("interests or role asked on the way:\n%s", c.Text())
	}
	p, err := b.Store.Profile(context.Background(), c.User)
	if err != nil || p.District != "" || len(p.Interests) > 0 || p.Role != "" {
		t.Fatalf("profile = %+v, %v", p, err)
	}
	c.Send("/profil")
	c.Expect("Ortsteil: keine Angabe", "Themen: keine Angabe", "[Themen]", "[Rolle]")
}

// The end of onboarding leads into something worth doing: the next event
// and a statement of the town to vote on.
func TestOnboardingLeadsIntoTheNextEventAndAVote(t *testing.T) {
	b := flowtest.New(t)
	if err := flowtest.Seed(context.Background(), b.Store, b.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	c := b.Chat(bot.Telegram, "1011")
	n := flowtest.Play(flowtest.Player{Say: func(s string) { c.Send(s) }, Press: func(s string) { c.Press(s) }, Expect: c.Expect, Command: "/"},
		flowtest.Onboarding())
	c.Expect("Der nächste Termin:", flowtest.SeededTitle, "[Ich komme]",
		"Das hat jemand aus Ballenstedt geschrieben. Was meinst du dazu?", flowtest.SeededStatement, "[Stimme zu]")
	c.Press("Stimme zu")
	o, err := b.Store.Opinion(context.Background(), "op1")
	if err != nil || o.Agree != 1 {
		t.Fatalf("the first vote was not counted: %+v %v", o, err)
	}
	if n+1 > 5 {
		t.Errorf("a first vote took %d interactions, want at most 5", n+1)
	}
}

func TestWithoutConsentNothingPersonalIsStored(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1003")
	c.Send("/start")
	c.Press("Ohne Speichern weiter")
	c.Expect("Ich speichere nichts über dich")
	ctx := context.Background()
	if _, err := b.Store.Profile(ctx, c.User); err == nil {
		t.Fatal("a profile was stored without consent")
	}
	n, err := b.Store.PeopleCount(ctx)
	if err != nil || n != 0 {
		t.Fatalf("people index has %d entries (err %v), want 0", n, err)
	}
	c.Send("/profil")
	c.Expect("Bist du einverstanden?")
}

func TestFirstMessageOfAStrangerGreets(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Mattermost, "mm1")
	c.Send("hallo?")
	c.Expect("Hallo! Ich bin der Heimatbot", "Bist du einverstanden?")
}

func TestConsentFlowContinuesIntoTheRequestedCommand(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1004")
	c.Send("/profil")
	c.Expect("Bist du einverstanden?")
	c.Press("Einverstanden")
	c.Press("Rieder")
	c.Expect("Dein Profil", "Ortsteil: Rieder")
}

func TestARestartedBotContinuesAtTheSameStep(t *testing.T) {
	first := flowtest.New(t)
	c := first.Chat(bot.Telegram, "1005")
	c.Send("/start")
	c.Press("Einverstanden")
	c.Expect("In welchem Ortsteil")
	districtPrompt := c.Replies

	// A new process on the same Redis: nothing is shared but the store.
	second := flowtest.New(t, flowtest.WithCommunity(first.Config.Community.ID))
	c2 := second.Chat(bot.Telegram, "1005")
	c2.Replies = districtPrompt
	c2.Press("Opperode")
	c2.Expect("Danke, das war's schon!")
	p, err := second.Store.Profile(context.Background(), c2.User)
	if err != nil || p.District != "opperode" {
		t.Fatalf("profile after restart = %+v, %v", p, err)
	}
}

func TestProfileChangesAreKept(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1006")
	onboard(t, c)
	c.Send("/profil")
	c.Expect("Ortsteil: Badeborn", "Einladungen: an")
	c.Press("Ortsteil")
	c.Press("Radisleben")
	c.Expect("Ortsteil: Radisleben")
	c.Press("Einladungen an/aus")
	c.Expect("Einladungen: aus")
	c.Press("Fertig")
	c.Expect("Gespeichert")
	p, _ := b.Store.Profile(context.Background(), c.User)
	if p.District != "radisleben" || !p.NoInvitations {
		t.Fatalf("profile = %+v", p)
	}
}

func TestLanguageCanBeChanged(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1007")
	onboard(t, c)
	c.Send("/language")
	c.Press("English")
	c.Expect("From now on I write in English")
	c.Send("/hilfe")
	c.Expect("What you can do", "/profile")

	// Named with the command, the language is taken at once.
	for _, tc := range []struct{ arg, want string }{
		{"de", "Ab jetzt schreibe ich auf Deutsch"},
		{"en", "From now on I write in English"},
		{"Deutsch", "Ab jetzt schreibe ich auf Deutsch"},
	} {
		c.Send("/sprache " + tc.arg)
		c.Expect(tc.want)
	}
	c.Send("/sprache klingonisch")
	c.Expect("[English]", "[Deutsch]")
}

func TestMyDataHoldsEverythingStored(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1008")
	onboard(t, c)
	c.Send("/meinedaten")
	c.Expect("alle Daten")
	var file *bot.File
	for _, m := range c.Replies {
		if m.File != nil {
			file = m.File
		}
	}
	if file == nil || file.ContentType != "application/json" {
		t.Fatalf("no JSON file in %s", c.Text())
	}
	var got struct {
		Profile bot.Profile `json:"profile"`
	}
	if err := json.Unmarshal(file.Data, &got); err != nil {
		t.Fatal(err)
	}
	stored, _ := b.Store.Profile(context.Background(), c.User)
	a, _ := json.Marshal(got.Profile)
	s, _ := json.Marshal(stored)
	if string(a) != string(s) {
		t.Fatalf("export profile %s\nstored profile %s", a, s)
	}
}

func mustCatalog(t *testing.T) *bot.Catalog {
	t.Helper()
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// The active-conversations gauge counts the people with an open question:
// it goes up when a flow asks and down again when it ends, each time.
func TestActiveConversationsFollowOpenQuestions(t *testing.T) {
	b := flowtest.New(t)
	ctx := context.Background()
	active := func(want int64) {
		t.Helper()
		if n, err := b.Store.ActiveConversations(ctx); err != nil || n != want {
			t.Fatalf("active conversations = %d, %v; want %d", n, err, want)
		}
	}
	c := b.Chat(bot.Telegram, "1001")
	c.Send("/start")
	active(1)
	onboard(t, c)
	active(0)
	c.Send("/meinung")
	active(1)
	c.Send("/abbrechen")
	active(0)
	other := b.Chat(bot.Telegram, "1002")
	other.Send("/start")
	c.Send("/meinung")
	active(2)
	c.Send("/abbrechen")
	active(1)
}

// When a flow ends, its questions' buttons are forgotten, so a typed
// number presses none of them; the menu's buttons, which work without a
// flow, still answer to their number.
func TestTypedNumbersAfterAFlowEnded(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "1001")
	onboard(t, c)
	c.Send("1") // the menu's first button: Termine
	c.Expect("Termine")
	c.Send("/meinung")
	c.Press("Jugend")
	c.Press("✓ Badeborn")
	c.Send("Der Jugendclub braucht Öffnungszeiten am Wochenende.")
	c.Press("Überspringen")
	c.Press("Absenden")
	c.Send("2")
	c.Expect("Das habe ich nicht verstanden")
	st, err := b.Store.Conversation(context.Background(), c.User)
	if err != nil {
		t.Fatal(err)
	}
	if st != nil && len(st.Buttons) > 0 {
		t.Fatalf("the cancelled flow's buttons are still remembered: %+v", st.Buttons)
	}
}
