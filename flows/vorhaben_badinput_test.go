package flows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// deleteData runs /loeschen in c.
func deleteData(t *testing.T, c *flowtest.Chat) {
	t.Helper()
	c.Send("/loeschen")
	c.Press("Ja, alles löschen")
	c.Expect("Ich habe alles gelöscht")
}

func onlyVorhaben(t *testing.T, b *eventBot) store.Vorhaben {
	t.Helper()
	all, err := b.Store.AllVorhaben(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("vorhaben %+v %v", all, err)
	}
	return all[0]
}

// Bad input while creating: a title too short, a date in the past, a
// holder nobody knows, stale or forged buttons. Each gets a clear answer,
// and nothing is stored until the organizer creates it; residents cannot
// create one at all.
func TestVorhabenRefusesBadInputAndStoresNothing(t *testing.T) {
	b := newEventBot(t)
	org, resident := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "711")
	onboard(t, org)
	onboard(t, resident)

	resident.Send("/vorhaben_neu")
	resident.Expect("Das dürfen nur Organisator:innen")
	org.Send("/vorhaben_neu")
	org.Press("Ohne Vorlage")
	org.Send("ab")
	org.Expect("zu kurz")
	org.Send(strings.Repeat("x", 101))
	org.Expect("zu lang")
	org.Send("Spielplatz Rieder")
	org.Press("Überspringen")
	org.Press("Überspringen")
	org.Press("Jugend")
	org.Press("ganze Stadt")
	org.Send("heute 8 Uhr")
	org.Expect("Dieses Datum ist schon vorbei")
	org.Send("1.1.2020")
	org.Expect("Dieses Datum ist schon vorbei")
	org.Send("31.2.")
	org.Expect("Das Datum verstehe ich nicht")
	org.Send("15.12.")
	org.Expect("Wer soll es halten?")
	org.Send("@niemand_bekannt")
	org.Expect("Ich kenne niemanden aus einem Verein mit dem Namen @niemand_bekannt")
	if all, _ := b.Store.AllVorhaben(context.Background()); len(all) != 0 {
		t.Fatalf("stored before it was created: %+v", all)
	}
	org.Press("Später")
	org.Press("Verwerfen")
	org.Expect("Es wurde nichts gespeichert")
	if all, _ := b.Store.AllVorhaben(context.Background()); len(all) != 0 {
		t.Fatalf("a discarded Vorhaben was stored: %+v", all)
	}

	for _, payload := range []string{
		bot.ActionPayload("vhs", "nope:done"), bot.ActionPayload("vhs", "x"), bot.ActionPayload("vhh", "nope:y"),
		bot.ActionPayload("vhf", "nope:y"), bot.ActionPayload("vhf", ":"), bot.ActionPayload("vhnew", "o:"),
		bot.ActionPayload("vhasg", "nope"),
	} {
		resident.Deliver(bot.Update{ID: b.NextUpdateID(), Button: payload})
		if resident.Err != nil || len(resident.Replies) == 0 {
			t.Fatalf("%s: err %v, replies %v", payload, resident.Err, resident.Replies)
		}
	}
}

// A holder who never answers: nothing is lost, the organizers hear after
// the silence that nobody holds it, and can ask someone else, who then
// holds it; the first one's late press changes nothing.
func TestAHolderWhoNeverAnswersIsRaisedAndReplaced(t *testing.T) {
	b := newEventBot(t)
	org, silent, other := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "721"), b.Chat(bot.Telegram, "722")
	for _, c := range []*flowtest.Chat{org, silent, other} {
		onboard(t, c)
	}
	plainVorhaben(t, org, "Bücherschrank aufstellen", "user721")
	received(t, b.Bot, silent)
	ask := silent.Replies
	n := len(b.Out.To(org.Addr))

	b.Clock.Advance(b.Config.Vorhaben.Silence)
	b.work(t)
	b.work(t)
	got := lastTo(b, org.Addr, n)
	if strings.Count(got, "„Bücherschrank aufstellen“ hält seit 14 Tagen niemand.") != 1 {
		t.Fatalf("the organizers were not told once: %q", got)
	}
	org.Replies = b.Out.To(org.Addr)[n:]
	org.Press("Jemanden bitten, es zu halten")
	org.Expect("Wen soll ich fragen")
	org.Press("@user722")
	org.Expect("Ich frage jetzt @user722")
	received(t, b.Bot, other)
	other.Press("Übernehmen")
	other.Expect("Du hältst jetzt")

	silent.Replies = ask
	silent.Press("Übernehmen")
	silent.Expect("hältst du nicht (mehr)")
	if v := onlyVorhaben(t, b); v.HolderName != "user722" || v.HolderState != store.HolderAccepted {
		t.Fatalf("holder %q %q", v.HolderName, v.HolderState)
	}
}

// The source opinion deleted by its author: the Vorhaben stays, nobody is
// asked about a deleted opinion, and its text appears nowhere.
func TestAVorhabenOutlivesItsDeletedSourceOpinion(t *testing.T) {
	b := newEventBot(t)
	org, author, voter, holder := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "731"), b.Chat(bot.Telegram, "732"), b.Chat(bot.Telegram, "733")
	for _, c := range []*flowtest.Chat{org, author, voter, holder} {
		onboard(t, c)
	}
	const text = "Am Teich fehlt eine Bank zum Ausruhen."
	approvedOpinionWithNext(t, b, author, org, text, jugendraum)
	agree(t, voter, "Am Teich fehlt")
	createVorhaben(t, org, "user733")
	deleteData(t, author)

	received(t, b.Bot, holder)
	holder.Press("Übernehmen")
	holder.Expect("Du hältst jetzt")
	n := len(b.Out.To(voter.Addr))
	b.work(t)
	if got := lastTo(b, voter.Addr, n); got != "" {
		t.Fatalf("someone was asked about a deleted opinion: %q", got)
	}
	voter.Send("/vorhaben")
	voter.Expect(jugendraum, "[Auf dem Laufenden bleiben]")
	if keys := storetest.Traces(t, b.Redis, "Am Teich fehlt"); len(keys) > 0 {
		t.Fatalf("the deleted opinion's text is still in %v", keys)
	}
}

// A follower who deleted their data hears nothing more and leaves no
// trace; a holder who deleted theirs hands the Vorhaben back to the
// organizers, who are told.
func TestDeletedFollowersAndHoldersLeaveNoTrace(t *testing.T) {
	b := newEventBot(t)
	org, follower, holder := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "741"), b.Chat(bot.Telegram, "742")
	for _, c := range []*flowtest.Chat{org, follower, holder} {
		onboard(t, c)
	}
	plainVorhaben(t, org, "Busverbindung am Abend", "user742")
	received(t, b.Bot, holder)
	holder.Press("Übernehmen")
	status := holder.Replies
	follower.Send("/vorhaben")
	follower.Expect("Busverbindung am Abend")
	follower.Press("Auf dem Laufenden bleiben")
	follower.Expect("Ich sage dir Bescheid")
	fref, href := profile(t, b.Bot, follower).Ref, profile(t, b.Bot, holder).Ref

	deleteData(t, follower)
	n := len(b.Out.To(follower.Addr))
	holder.Replies = status
	holder.Press("Läuft")
	holder.Press("Ohne Satz")
	b.work(t)
	if got := lastTo(b, follower.Addr, n); got != "" {
		t.Fatalf("a deleted follower got %q", got)
	}
	for _, needle := range []string{fref, follower.User.Key()} {
		if keys := storetest.Traces(t, b.Redis, needle); len(keys) > 0 {
			t.Fatalf("after /loeschen %q is still in %v", needle, keys)
		}
	}

	m := len(b.Out.To(org.Addr))
	deleteData(t, holder)
	b.work(t)
	if got := lastTo(b, org.Addr, m); !strings.Contains(got, "liegt wieder beim Orga-Team") || !strings.Contains(got, "[Jemanden bitten, es zu halten]") {
		t.Fatalf("the organizers were not told: %q", got)
	}
	for _, needle := range []string{href, holder.User.Key(), "user742"} {
		if keys := storetest.Traces(t, b.Redis, needle); len(keys) > 0 {
			t.Fatalf("after the holder's /loeschen %q is still in %v", needle, keys)
		}
	}
	if v := onlyVorhaben(t, b); v.Holder != "" || v.Status != store.VorhabenRunning {
		t.Fatalf("after the holder left: %+v", v)
	}
}

// A Vorhaben that stays stuck is raised to the organizers once, with what
// it waits for; news before that stops the raise.
func TestAStuckVorhabenIsRaisedOnce(t *testing.T) {
	b := newEventBot(t)
	org, holder := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "751")
	onboard(t, org)
	onboard(t, holder)
	plainVorhaben(t, org, "Dorffest planen", "user751")
	received(t, b.Bot, holder)
	holder.Press("Übernehmen")
	holder.Press("Hängt")
	holder.Send("Genehmigung vom Amt")
	holder.Press("Nein, danke")
	holder.Expect("gespeichert: hängt")
	n := len(b.Out.To(org.Addr))
	b.Clock.Advance(b.Config.Vorhaben.Raise - time.Hour)
	b.work(t)
	if got := lastTo(b, org.Addr, n); strings.Contains(got, "hängt seit") {
		t.Fatalf("raised too early: %q", got)
	}
	b.Clock.Advance(2 * time.Hour)
	b.work(t)
	b.work(t)
	if got := lastTo(b, org.Addr, n); strings.Count(got, "„Dorffest planen“ hängt seit 7 Tagen: Genehmigung vom Amt") != 1 {
		t.Fatalf("the organizers were not told once: %q", got)
	}
}
