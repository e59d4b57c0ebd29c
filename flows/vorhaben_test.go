package flows_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

const jugendraum = "Den Jugendraum in Badeborn wieder öffnen"

// approvedOpinionWithNext has author write an opinion with a next step,
// which the organizer approves from the notice they got.
func approvedOpinionWithNext(t *testing.T, b *eventBot, author, org *flowtest.Chat, text, next string) string {
	t.Helper()
	author.Send("/meinung")
	author.Press("Jugend")
	author.Press("Badeborn")
	author.Send(text)
	author.Expect("nächster, realistischer Schritt")
	author.Send(next)
	author.Expect("So sieht deine Meinung aus", next)
	author.Press("Absenden")
	received(t, b.Bot, org)
	org.Press("Freigeben")
	org.Expect("Freigegeben", "Soll daraus ein Vorhaben werden?", "[Vorhaben anlegen]")
	ops, err := b.Store.ApprovedOpinions(context.Background())
	if err != nil || len(ops) == 0 {
		t.Fatalf("approved opinions %v %v", ops, err)
	}
	return ops[len(ops)-1].ID
}

// agree has a voter agree with the only statement they are shown.
func agree(t *testing.T, c *flowtest.Chat, text string) {
	t.Helper()
	c.Send("/stimmen")
	c.Expect(text)
	c.Press("Stimme zu")
}

// since returns the plain text of the messages to c after the first n.
func since(b *eventBot, c *flowtest.Chat, n int) string {
	return flowtest.Dump(b.Out.To(c.Addr)[n:])
}

// marks remembers how many messages each chat had.
func marks(b *eventBot, chats ...*flowtest.Chat) map[*flowtest.Chat]int {
	m := map[*flowtest.Chat]int{}
	for _, c := range chats {
		m[c] = len(b.Out.To(c.Addr))
	}
	return m
}

// createVorhaben walks the organizer through /vorhaben_neu from the
// opinion with the suggested next step, due in a month, held by holder.
func createVorhaben(t *testing.T, org *flowtest.Chat, holder string) {
	t.Helper()
	org.Send("/vorhaben_neu")
	org.Expect("Woraus wird das Vorhaben?", "[„"+jugendraum+"“]")
	org.Press(jugendraum)
	org.Expect("Wie heißt das Vorhaben?", "Vorschlag: „"+jugendraum+"“")
	org.Press("Vorschlag übernehmen")
	org.Expect("Was soll passieren?")
	org.Send("Der Raum im alten Gemeindehaus steht leer. Jugendliche wollen ihn nutzen.")
	org.Expect("nächste, realistische Schritt", "[Vorschlag übernehmen]")
	org.Press("Vorschlag übernehmen")
	org.Expect("Bis wann", "[in einem Monat]")
	org.Send("1.1.2020")
	org.Expect("Dieses Datum ist schon vorbei")
	org.Send("irgendwann bald")
	org.Expect("Das Datum verstehe ich nicht")
	org.Press("in einem Monat")
	org.Expect("Wer soll es halten?", "[@"+holder+"]", "[Ich selbst]")
	org.Press("@" + holder)
	org.Expect("So sieht das Vorhaben aus", jugendraum, "Jugend · Badeborn", "Ich frage @"+holder)
	org.Press("Anlegen")
	org.Expect("Angelegt", "Ich frage jetzt @"+holder)
}

// The journey of the issue: an organizer turns an approved opinion with
// its next step into a Vorhaben, an association member on Mattermost
// accepts holding it, the author and two agreeing voters are asked and
// two say yes, the holder reports "läuft", then "hängt: Räume" (a helper
// with rooms is asked), then "erledigt": each follower gets exactly one
// message per change, the one who said no gets none.
func TestVorhabenJourneyFromOpinionToDone(t *testing.T) {
	b := newEventBot(t)
	org, author := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "801")
	yes, no := b.Chat(bot.Telegram, "802"), b.Chat(bot.Telegram, "803")
	holder, helper := b.Chat(bot.Mattermost, "805"), b.Chat(bot.Telegram, "806")
	for _, c := range []*flowtest.Chat{org, author, yes, no, holder, helper} {
		onboard(t, c)
	}
	offerHelp(t, helper, []string{"Räume"}, nil, "Nur über den Bot")
	approvedOpinionWithNext(t, b, author, org, "Die Jugendlichen in Badeborn haben keinen Ort für sich.", jugendraum)
	agree(t, yes, "keinen Ort für sich")
	agree(t, no, "keinen Ort für sich")

	createVorhaben(t, org, "user805")

	// The association member on Mattermost accepts with a button.
	received(t, b.Bot, holder)
	holder.Expect("Magst du dieses Vorhaben halten?", jugendraum, "dein Name beim Vorhaben", "[Übernehmen]", "[Lieber nicht]")
	holder.Press("Übernehmen")
	holder.Expect("Du hältst jetzt", "[Läuft]", "[Hängt]", "[Erledigt]", "[Aufgegeben]")
	statusMsg := holder.Replies

	// The author and the two who agreed are asked, once each, in one message.
	before := marks(b, author, yes, no, org)
	b.work(t)
	b.work(t)
	for _, c := range []*flowtest.Chat{author, yes, no} {
		got := since(b, c, before[c])
		if strings.Count(got, "Willst du hören, was daraus wird?") != 1 || strings.Count(got, "---") != 1 {
			t.Fatalf("%s was asked %q; want one question", c.User.ID, got)
		}
	}
	if got := since(b, author, before[author]); !strings.Contains(got, "Aus deiner Meinung „Die Jugendlichen") {
		t.Fatalf("the author was not asked about their opinion: %q", got)
	}
	if got := since(b, yes, before[yes]); !strings.Contains(got, "Du hast der Meinung") {
		t.Fatalf("a voter was not told why: %q", got)
	}
	if got := since(b, org, before[org]); !strings.Contains(got, "@user805 hält jetzt das Vorhaben") {
		t.Fatalf("the organizer did not hear who holds it: %q", got)
	}
	for _, c := range []*flowtest.Chat{author, yes} {
		received(t, b.Bot, c)
		c.Press("Ja, gern")
		c.Expect("Ich sage dir Bescheid")
	}
	received(t, b.Bot, no)
	no.Press("Nein, danke")
	no.Expect("Du hörst dazu nichts mehr")

	start := marks(b, author, yes, no, helper)
	// "läuft", with a sentence.
	holder.Replies = statusMsg
	holder.Press("Läuft")
	holder.Expect("wie weit es ist", "[Ohne Satz]")
	holder.Send("Wir sprechen mit dem Ortschaftsrat.")
	holder.Expect("gespeichert: läuft")
	b.work(t)
	// "hängt: Räume", and the helper with rooms is asked.
	holder.Replies = statusMsg
	holder.Press("Hängt")
	holder.Expect("Woran hängt es?")
	holder.Send("Räume")
	holder.Expect("Könnten Helfer:innen das lösen?", "[Räume]", "[Nein, danke]")
	holder.Press("Räume")
	holder.Expect("gespeichert: hängt", "Ich habe 1 Person gefragt")
	if got := since(b, helper, start[helper]); !strings.Contains(got, jugendraum) || !strings.Contains(got, "[Interessiert]") {
		t.Fatalf("the helper with rooms was not asked: %q", got)
	}
	b.work(t)
	// "erledigt", without a sentence.
	holder.Replies = statusMsg
	holder.Press("Erledigt")
	holder.Press("Ohne Satz")
	holder.Expect("gespeichert: erledigt")
	b.work(t)
	b.work(t)

	for _, c := range []*flowtest.Chat{author, yes} {
		got := since(b, c, start[c])
		if n := strings.Count(got, "---"); n != 3 {
			t.Fatalf("%s got %d messages, want 3 (one per change):\n%s", c.User.ID, n, got)
		}
		for _, want := range []string{"läuft – Wir sprechen mit dem Ortschaftsrat.", "hängt – Räume", "erledigt"} {
			if strings.Count(got, want) != 1 {
				t.Fatalf("%s: %q not exactly once in\n%s", c.User.ID, want, got)
			}
		}
	}
	// Each word back says what it is, so that on WhatsApp, outside the
	// 24-hour window, it goes as its template with title and status.
	for _, m := range b.Out.To(yes.Addr)[start[yes]:] {
		params, ok := config.WhatsAppKinds()[m.Kind]
		if !ok || m.Vars["title"] == "" || m.Vars["status"] == "" {
			t.Errorf("word back of kind %q with %v: no template could carry it", m.Kind, m.Vars)
		}
		for name := range m.Vars {
			if !slices.Contains(params, name) {
				t.Errorf("word back of kind %q offers %q, which its templates cannot take", m.Kind, name)
			}
		}
	}
	// So does every notice the flows sent by themselves on the way: the
	// opinion to moderate, its approval, the ask to hold the Vorhaben.
	for who, text := range map[*flowtest.Chat]string{org: "Neue Meinung", author: "ist freigegeben", holder: "Magst du dieses Vorhaben halten?"} {
		var found bool
		for _, m := range b.Out.To(who.Addr) {
			if !strings.Contains(m.Text.Plain(), text) {
				continue
			}
			found = true
			params, ok := config.WhatsAppKinds()[m.Kind]
			if !ok || m.Vars["title"] == "" {
				t.Errorf("%q went as kind %q with %v: no template could carry it", text, m.Kind, m.Vars)
			}
			for name := range m.Vars {
				if !slices.Contains(params, name) {
					t.Errorf("%q offers %q, which its templates cannot take", text, name)
				}
			}
		}
		if !found {
			t.Errorf("no message with %q to %s", text, who.User.ID)
		}
	}
	if got := since(b, author, start[author]); strings.Count(got, "Was aus deiner Meinung „Die Jugendlichen in Badeborn") != 3 {
		t.Fatalf("the author's word back does not name their opinion:\n%s", got)
	}
	if got := since(b, no, start[no]); got != "" {
		t.Fatalf("the one who said no got %q", got)
	}

	// Closed: the holder's old buttons change nothing.
	holder.Replies = statusMsg
	holder.Press("Läuft")
	holder.Expect("schon abgeschlossen")
	v, err := b.Store.AllVorhaben(context.Background())
	if err != nil || len(v) != 1 || v[0].Status != store.VorhabenDone {
		t.Fatalf("vorhaben %+v %v", v, err)
	}
}

// After a town conversation the organizers are asked for its next step,
// once; the button starts a Vorhaben from the event, its title suggested.
func TestAfterAnEventTheOrganizersAreAskedForTheNextStep(t *testing.T) {
	b := newEventBot(t)
	org := b.Chat(bot.Telegram, organizerID)
	onboard(t, org)
	e := b.event(t, "nx", berlin(t, b, "12.12.2026 18:30"), 0)
	n := len(b.Out.To(org.Addr))
	b.Clock.Set(berlin(t, b, "13.12.2026 10:00"))
	b.work(t)
	b.work(t)
	got := lastTo(b, org.Addr, n)
	if strings.Count(got, "Das Stadtgespräch „"+e.Title+"“ ist vorbei. Was ist der nächste Schritt?") != 1 {
		t.Fatalf("the organizers were not asked once: %q", got)
	}
	org.Replies = b.Out.To(org.Addr)[n:]
	org.Press("Vorhaben anlegen")
	org.Expect("Wie heißt das Vorhaben?", "Vorschlag: „"+e.Title+"“")
}

// A Vorhaben made from a need asks the helpers who were interested in it
// whether they want to hear what becomes of it, saying why they are asked.
func TestAVorhabenFromANeedAsksItsHelpers(t *testing.T) {
	b := newEventBot(t)
	org, helper, other := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "821"), b.Chat(bot.Telegram, "822")
	for _, c := range []*flowtest.Chat{org, helper, other} {
		onboard(t, c)
	}
	ctx := context.Background()
	need := store.Need{ID: "needvh", Ref: "assoc", Title: "Zelt für das Sommerfest", Categories: []string{"raeume"}, District: "badeborn", Created: b.Clock.Now()}
	if _, err := b.Store.AddNeed(ctx, need, nil); err != nil {
		t.Fatal(err)
	}
	for who, answer := range map[*flowtest.Chat]string{helper: store.MatchInterested, other: store.MatchDeclined} {
		ref := profile(t, b.Bot, who).Ref
		if _, err := b.Store.AddMatch(ctx, need.ID, ref); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Store.AnswerMatch(ctx, need.ID, ref, answer); err != nil {
			t.Fatal(err)
		}
	}
	org.Deliver(bot.Update{ID: b.NextUpdateID(), Button: bot.ActionPayload("vhnew", "n:"+need.ID)})
	org.Expect("Wie heißt das Vorhaben?")
	for org.Replies != nil && !strings.Contains(org.Text(), "Wer soll es halten?") {
		switch {
		case strings.Contains(org.Text(), "[Vorschlag übernehmen]"):
			org.Press("Vorschlag übernehmen")
		case strings.Contains(org.Text(), "Was soll passieren?"):
			org.Send("Ein Zelt für das Sommerfest leihen.")
		case strings.Contains(org.Text(), "nächste, realistische Schritt"):
			org.Send("Beim Sportverein fragen.")
		case strings.Contains(org.Text(), "Zu welchem Thema"):
			org.Press("Kultur & Vereine")
		case strings.Contains(org.Text(), "Wo ist es?"):
			org.Press("Badeborn")
		case strings.Contains(org.Text(), "Bis wann"):
			org.Press("in einem Monat")
		default:
			t.Fatalf("unexpected question:\n%s", org.Text())
		}
	}
	org.Press("Ich selbst")
	org.Press("Anlegen")
	before := marks(b, helper, other)
	b.work(t)
	b.work(t)
	if got := since(b, helper, before[helper]); !strings.Contains(got, "Du wolltest beim Gesuch „Zelt für das Sommerfest“ helfen.") || !strings.Contains(got, "Willst du hören, was daraus wird?") {
		t.Errorf("the interested helper was asked %q", got)
	}
	if got := since(b, other, before[other]); got != "" {
		t.Errorf("a helper who declined was asked %q", got)
	}
}

// vorhabenUpToDue has the organizer start /vorhaben_neu from scratch and
// answer up to the due date, pressing the buttons labelled as given in
// their language.
func vorhabenUpToDue(t *testing.T, org *flowtest.Chat, scratch, skip, theme, town string) {
	t.Helper()
	org.Send("/vorhaben_neu")
	org.Press(scratch)
	org.Send("Spielplatz Rieder")
	org.Press(skip)
	org.Press(skip)
	org.Press(theme)
	org.Press(town)
}

// The clock of flowtest is Wednesday, 25.11.2026: "nächsten Freitag" may
// mean the day after tomorrow or Friday of next week. The organizer is
// asked which, and what they choose is due as if typed plainly.
func TestNewVorhabenAsksWhichDueDayIsMeant(t *testing.T) {
	tests := []struct {
		name string
		// refused is typed first and told what is wrong with it.
		refused, told string
		answer        string
		card, due     string
	}{
		{"this week's by button", "", "", "press:27.11.2026", "bis: 27.11.2026", "27.11.2026 23:59"},
		{"next week's by button", "", "", "press:04.12.2026", "bis: 04.12.2026", "04.12.2026 23:59"},
		{"another date typed", "", "", "5.12.", "bis: 05.12.2026", "05.12.2026 23:59"},
		{"a date with a time typed", "", "", "5.12. 12 Uhr", "bis: 05.12.2026", "05.12.2026 12:00"},
		{"a past date typed, then a button", "1.1.2020", "Dieses Datum ist schon vorbei", "press:04.12.2026", "bis: 04.12.2026", "04.12.2026 23:59"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newEventBot(t)
			org := b.Chat(bot.Telegram, organizerID)
			onboard(t, org)
			vorhabenUpToDue(t, org, "Ohne Vorlage", "Überspringen", "Jugend", "ganze Stadt")
			org.Send("nächsten Freitag")
			org.Expect("„Nächsten …“ kann zwei Tage meinen. Welchen meinst du?", "[27.11.2026]", "[04.12.2026]")
			if tt.refused != "" {
				org.Send(tt.refused)
				org.Expect(tt.told, "kann zwei Tage meinen", "[27.11.2026]", "[04.12.2026]")
			}
			if label, ok := strings.CutPrefix(tt.answer, "press:"); ok {
				org.Press(label)
			} else {
				org.Send(tt.answer)
			}
			org.Expect("Wer soll es halten?")
			org.Press("Ich selbst")
			org.Expect("So sieht das Vorhaben aus", tt.card)
			org.Press("Anlegen")
			if v := onlyVorhaben(t, b); !v.Due.Equal(berlin(t, b, tt.due)) {
				t.Errorf("due %v, want %s", v.Due.In(b.Config.Location()), tt.due)
			}
		})
	}
}

func TestNewVorhabenAsksWhichDueDayInEnglish(t *testing.T) {
	b := newEventBot(t)
	org := b.Chat(bot.Telegram, organizerID)
	onboard(t, org)
	org.Send("/sprache en")
	vorhabenUpToDue(t, org, "From scratch", "Skip", "Youth", "whole town")
	org.Send("nächsten Freitag")
	org.Expect("“Nächsten …” (next …) can mean two days. Which one do you mean?", "[27 Nov 2026]", "[04 Dec 2026]")
	org.Press("04 Dec 2026")
	org.Expect("Who should hold it?")
	org.Press("Me")
	org.Expect("This is the plan:", "due: 04 Dec 2026")
}
