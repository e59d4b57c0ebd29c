package whatsapp_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// player is a person writing to the bot's number.
func (w *world) player(p string) flowtest.Player {
	return flowtest.Player{
		Say:    func(s string) { w.t.Helper(); w.say(p, s) },
		Press:  func(s string) { w.t.Helper(); w.press(p, s) },
		Expect: func(parts ...string) { w.t.Helper(); w.expect(p, parts...) },
	}
}

// onboard walks a person through onboarding: consent and district.
func (w *world) onboard(p string) {
	w.t.Helper()
	flowtest.Play(w.player(p), flowtest.Onboarding())
}

// interactions counts what a person did: what they wrote and pressed.
type interactions struct {
	w *world
	p string
	n int
}

func (i *interactions) say(text string)   { i.n++; i.w.say(i.p, text) }
func (i *interactions) press(text string) { i.n++; i.w.press(i.p, text) }

// Every journey that runs on Telegram runs on WhatsApp, with commands as
// words, and the fake reports no violation: onboarding, a poster's link to
// an RSVP, a first vote, an opinion, an offer of help, an invitation and a
// reminder to someone whose window closed (templates, then the answer to
// their buttons), /meinedaten and /loeschen.
func TestJourneysOnWhatsApp(t *testing.T) {
	w := newWorld(t, whatsapptest.WithPairRate(6*time.Second, 200))
	const (
		resident  = "4915100000031"
		voter     = "4915100000032"
		organizer = "4915100000033"
		visitor   = "4915100000034"
	)
	w.cfg.Organizers.WhatsApp = []string{"+" + organizer}
	// People do not tap twenty times a second; this test does, so Meta's
	// pair rate (tested on its own) gets a larger burst on both sides.
	p := w.start(func(o *whatsapp.Options) { o.Pace.PairBurst = 200 })
	ctx := context.Background()

	// An event on the poster: wa.me/<number>?text=start%20ev_<id>.
	deps := flows.Deps{Config: w.cfg, Store: w.store, Now: w.clock.Now}
	ev := store.Event{ID: "jugend1", Title: "Stadtgespräch Jugend", Start: w.clock.Now().Add(72 * time.Hour), Place: "Rathaus"}
	if err := flows.NewEventService(deps).Create(ctx, ev); err != nil {
		t.Fatal(err)
	}
	// A newcomer sees the event first and says yes, consenting in one
	// tap, as on Telegram; someone known is two taps from their RSVP.
	w.say(visitor, "start ev_jugend1")
	w.expect(visitor, "Hier ist der Termin", "Stadtgespräch Jugend", "[Ich komme]")
	w.press(visitor, "Ich komme")
	w.press(visitor, "Einverstanden")
	if ans, _ := w.store.RSVPOf(ctx, ev.ID, bot.User{Platform: bot.WhatsApp, ID: visitor}); ans != store.RSVPYes {
		t.Errorf("the newcomer's RSVP from the poster is %q", ans)
	}
	w.onboard(voter)
	k := &interactions{w: w, p: voter}
	k.say("start ev_jugend1")
	k.press("Ich komme")
	if ans, _ := w.store.RSVPOf(ctx, ev.ID, bot.User{Platform: bot.WhatsApp, ID: voter}); ans != store.RSVPYes || k.n > 3 {
		t.Errorf("from the poster's link: RSVP %q after %d interactions, want yes within 3:\n%s", ans, k.n, transcript(w.srv.To(voter)))
	}

	// An opinion, approved by an organizer on WhatsApp.
	w.onboard(resident)
	w.say(resident, "meinung")
	w.expect(resident, "Zu welchem Thema")
	w.press(resident, "Jugend")
	w.press(resident, "✓ Badeborn")
	w.expect(resident, "Schreib deine Meinung")
	w.say(resident, "Der Jugendclub braucht *längere* Öffnungszeiten am Freitag.")
	w.press(resident, "Überspringen")
	w.expect(resident, "So sieht deine Meinung aus")
	w.press(resident, "Absenden")
	w.say(organizer, "moderation")
	w.expect(organizer, "längere")
	w.press(organizer, "Freigeben")

	// A first vote within five interactions.
	vo := &interactions{w: w, p: voter}
	vo.say("stimmen")
	w.expect(voter, "Jugendclub")
	vo.press("Stimme zu")
	if ops, err := w.store.ApprovedOpinions(ctx); err != nil || len(ops) != 1 || ops[0].Agree != 1 || vo.n > 5 {
		t.Errorf("first vote after %d interactions: %+v %v", vo.n, ops, err)
	}
	// What the resident wrote is shown, never formatted.
	for _, m := range w.srv.To(voter) {
		if strings.Contains(m.Shown, "Jugendclub") && strings.Contains(m.Shown, "*längere*") {
			t.Errorf("the opinion's own stars would format: %q", m.Shown)
		}
	}

	// An offer of help.
	w.say(resident, "mitmachen")
	w.expect(resident, "Wobei kannst du helfen?")
	w.press(resident, "Handwerk")
	w.press(resident, "Fertig")
	w.say(resident, "Ich packe gern mit an.")
	w.press(resident, "einmal")
	w.press(resident, "Fertig")
	w.expect(resident, "Wie dürfen dich", "[Meine Nummer zeigen]")
	w.press(resident, "Nur über den Bot")
	w.expect(resident, "Dein Angebot ist gespeichert")

	// A day later the resident's window is closed: the invitation goes as
	// the invite template, and its button answers as the RSVP button.
	w.clock.Advance(25 * time.Hour)
	worker := flows.NewWorker(deps, p.ad, nil, scheduler.BroadcastOptions{})
	u := bot.User{Platform: bot.WhatsApp, ID: resident}
	if _, err := worker.Broadcasts.Start(ctx, scheduler.Broadcast{ID: "inv-jugend1", Kind: "invite", Event: ev.ID}, []bot.User{u}); err != nil {
		t.Fatal(err)
	}
	if err := worker.Broadcasts.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if m := w.last(resident); m.Template() != "heimatbot_einladung" || !strings.Contains(m.Shown, "Stadtgespräch Jugend") {
		t.Fatalf("the invitation after the window closed: %q (template %q)", m.Shown, m.Template())
	}
	w.press(resident, "Ich komme")
	if ans, _ := w.store.RSVPOf(ctx, ev.ID, u); ans != store.RSVPYes {
		t.Errorf("the template's button did not count as RSVP: %q", ans)
	}
	w.clock.Advance(25 * time.Hour)
	if _, err := worker.Broadcasts.Start(ctx, scheduler.Broadcast{ID: "rem-jugend1", Kind: "remind", Event: ev.ID}, []bot.User{u}); err != nil {
		t.Fatal(err)
	}
	if err := worker.Broadcasts.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if m := w.last(resident); m.Template() != "heimatbot_erinnerung" {
		t.Fatalf("the reminder after the window closed: %q (template %q)", m.Shown, m.Template())
	}
	w.press(resident, "Vielleicht")
	if ans, _ := w.store.RSVPOf(ctx, ev.ID, u); ans != store.RSVPMaybe {
		t.Errorf("the reminder's button did not change the RSVP: %q", ans)
	}

	// Everything about oneself as a file.
	w.say(resident, "meinedaten")
	if m := w.last(resident); m.Type != "document" {
		t.Errorf("meinedaten sent a %s, want the JSON document", m.Type)
	}

	w.say(resident, "loeschen")
	w.press(resident, "Ja, alles löschen")
	w.expect(resident, "Ich habe alles gelöscht")
	w.srv.AssertClean(t)
	if n := w.srv.Errors(130429) + w.srv.Errors(131056); n != 0 {
		t.Errorf("the bot ran into Meta's throughput or pair rate %d times", n)
	}
}

// TestFirstMinutesOnWhatsApp plays the first minutes of new residents on
// WhatsApp, as on Telegram and Mattermost, with commands as words, and
// counts their interactions (what they write or press).
func TestFirstMinutesOnWhatsApp(t *testing.T) {
	w := newWorld(t, whatsapptest.WithPairRate(6*time.Second, 200))
	ctx := context.Background()
	if err := flowtest.Seed(ctx, w.store, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.start(func(o *whatsapp.Options) { o.Pace.PairBurst = 200 })
	user := func(p string) bot.User { return bot.User{Platform: bot.WhatsApp, ID: p} }

	rsvp := flowtest.Play(w.player("4915100000051"), flowtest.PosterRSVP())
	if a, _ := w.store.RSVPOf(ctx, flowtest.SeededEvent, user("4915100000051")); a != store.RSVPYes || rsvp > 3 {
		t.Errorf("poster → RSVP: %q after %d interactions, want yes within 3", a, rsvp)
	}
	vote := flowtest.Play(w.player("4915100000052"), flowtest.FirstVote())
	if o, err := w.store.Opinion(ctx, "op1"); err != nil || o.Agree != 1 || vote > 5 {
		t.Errorf("/start → first vote: %+v %v after %d interactions, want it counted within 5", o, err, vote)
	}
	opinion := flowtest.Play(w.player("4915100000053"), flowtest.FirstOpinion())
	if ops, err := w.store.PendingOpinions(ctx); err != nil || len(ops) != 1 {
		t.Errorf("/start → first opinion: %d pending, %v", len(ops), err)
	}
	offer := flowtest.Play(w.player("4915100000054"), flowtest.FirstOffer())
	t.Logf("WhatsApp: poster → RSVP %d, /start → vote %d, → opinion %d, → offer of help %d interactions", rsvp, vote, opinion, offer)

	// Einfache Sprache taken from the first message costs no interaction.
	plainRSVP := flowtest.Play(w.player("4915100000055"), flowtest.PlainPosterRSVP())
	if a, _ := w.store.RSVPOf(ctx, flowtest.SeededEvent, user("4915100000055")); a != store.RSVPYes || plainRSVP != rsvp {
		t.Errorf("poster → RSVP in Einfache Sprache: %q after %d interactions, want yes after %d", a, plainRSVP, rsvp)
	}
	plainVote := flowtest.Play(w.player("4915100000056"), flowtest.PlainFirstVote())
	if o, err := w.store.Opinion(ctx, "op1"); err != nil || o.Agree != 2 || plainVote != vote {
		t.Errorf("/start → first vote in Einfache Sprache: %+v %v after %d interactions, want it counted after %d", o, err, plainVote, vote)
	}
	// What is stored includes the phone number, in plain language too.
	for _, p := range []string{"4915100000055", "4915100000056"} {
		if all := transcript(w.srv.To(p)); !strings.Contains(all, "Telefon-Nummer") {
			t.Errorf("the plain consent does not say the phone number is stored:\n%s", all)
		}
	}
	t.Logf("WhatsApp, Einfache Sprache taken from the first message: poster → RSVP %d, /start → vote %d interactions", plainRSVP, plainVote)
	w.srv.AssertClean(t)
}
