package flows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

func TestOpinionIsModeratedThenShownAndVotedOn(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001", "9002"))
	author := b.Chat(bot.Telegram, "6001")
	onboard(t, author)
	writeOpinion(t, author, "Jugend", "Wir brauchen einen Jugendclub, der abends offen hat.")
	author.Expect("Danke! Jemand aus dem Orga-Team schaut kurz drüber")

	resident := b.Chat(bot.Telegram, "6002")
	onboard(t, resident)
	resident.Send("/stimmen")
	resident.Expect("keine neuen Meinungen")

	org := b.Chat(bot.Telegram, "9001")
	received(t, b, org)
	org.Expect("Neue Meinung", "Jugend · Badeborn", "Jugendclub", "[Freigeben]", "[Ablehnen]")
	if strings.Contains(org.Text(), "user6001") {
		t.Fatal("the organizer notice names the author")
	}
	org.Press("Freigeben")
	org.Expect("Freigegeben")
	received(t, b, author)
	author.Expect("ist freigegeben")

	// The second organizer's button, pressed later, changes nothing.
	org2 := b.Chat(bot.Telegram, "9002")
	received(t, b, org2)
	org2.Press("Ablehnen")
	org2.Expect("schon entschieden: freigegeben")

	resident.Send("/stimmen")
	resident.Expect("Jugendclub", "[Stimme zu]", "[Sehe ich anders]", "[Weiß nicht]", "[Überspringen]", "[Fertig]")
	resident.Press("Stimme zu")
	resident.Expect("keine neuen Meinungen")

	votes := allVotes(t, b)
	want := store.Vote{Voter: profile(t, b, resident).Ref, Value: store.Agree, District: "badeborn", Role: "verein"}
	if len(votes) != 1 || votes[0].Voter != want.Voter || votes[0].Value != want.Value ||
		votes[0].District != want.District || votes[0].Role != want.Role || votes[0].At.IsZero() {
		t.Fatalf("votes = %+v, want one like %+v", votes, want)
	}
	ops, err := b.Store.ApprovedOpinions(context.Background())
	if err != nil || len(ops) != 1 || ops[0].Agree != 1 || ops[0].Role != "verein" || ops[0].District != "badeborn" {
		t.Fatalf("approved opinions = %+v, %v", ops, err)
	}

	// The author never gets their own opinion to vote on.
	author.Send("/stimmen")
	author.Expect("keine neuen Meinungen")
}

func TestModerationPagerGoesThroughTheQueue(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001"))
	author := b.Chat(bot.Telegram, "6101")
	onboard(t, author)
	writeOpinion(t, author, "Jugend", "Erste Meinung zum Jugendclub am Markt.")
	b.Clock.Advance(time.Minute)
	writeOpinion(t, author, "Mobilität", "Zweite Meinung: der Bus fährt zu selten.")

	org := b.Chat(bot.Telegram, "9001")
	org.Send("/moderation")
	org.Expect("2 Meinungen warten", "Erste Meinung", "[Freigeben]", "[Ablehnen]", "[Später]")
	org.Press("Später")
	org.Expect("Zweite Meinung")
	org.Press("Ablehnen")
	org.Expect("Abgelehnt", "Danach wartet keine weitere Meinung")
	org.Send("/moderation")
	org.Expect("1 Meinung wartet", "Erste Meinung")
	org.Press("Freigeben")
	org.Expect("Freigegeben", "Danach wartet keine weitere")
	org.Send("/moderation")
	org.Expect("wartet keine Meinung")

	resident := b.Chat(bot.Telegram, "6102")
	onboard(t, resident)
	resident.Send("/stimmen")
	resident.Expect("Erste Meinung")
	resident.Press("Weiß nicht")
	resident.Expect("keine neuen Meinungen") // the rejected one is never shown
}

func TestModerationIsForOrganizersOnly(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001"))
	author := b.Chat(bot.Telegram, "6201")
	onboard(t, author)
	writeOpinion(t, author, "Jugend", "Eine Meinung, die nur das Orga-Team freigeben darf.")
	org := b.Chat(bot.Telegram, "9001")
	received(t, b, org)

	author.Send("/moderation")
	author.Expect("Das dürfen nur Organisator:innen")
	author.Replies = org.Replies // a forwarded button
	author.Press("Freigeben")
	author.Expect("Das dürfen nur Organisator:innen")
	o, err := b.Store.NextPending(context.Background(), "")
	if err != nil || o.Status != store.OpinionPending {
		t.Fatalf("opinion after a resident pressed approve = %+v, %v", o, err)
	}
}

func TestAuthorIsNotToldWhenTheSettingIsOff(t *testing.T) {
	b := flowtest.New(t, withOrganizers("9001"), flowtest.WithConfig(func(c *config.Config) { c.Voices.NotifyAuthor = false }))
	author := b.Chat(bot.Telegram, "6301")
	onboard(t, author)
	writeOpinion(t, author, "Jugend", "Eine Meinung ohne Nachricht an mich.")
	sent := len(b.Out.To(author.Addr))
	org := b.Chat(bot.Telegram, "9001")
	received(t, b, org)
	org.Press("Ablehnen")
	org.Expect("Abgelehnt")
	if n := len(b.Out.To(author.Addr)); n != sent {
		t.Fatalf("the author got %d messages after the decision", n-sent)
	}
}

func TestOrganizerNoticeGoesToConfiguredChats(t *testing.T) {
	channel := bot.Address{Platform: bot.Mattermost, Chat: "orga-channel"}
	b := flowtest.New(t, flowtest.WithDeps(func(d *flows.Deps) { d.OrganizerNotice = func() []bot.Address { return []bot.Address{channel} } }))
	author := b.Chat(bot.Telegram, "6401")
	onboard(t, author)
	writeOpinion(t, author, "Jugend", "Eine Meinung für den Orga-Kanal.")
	got := flowtest.Dump(b.Out.To(channel))
	if !strings.Contains(got, "Eine Meinung für den Orga-Kanal") || !strings.Contains(got, "[Freigeben]") {
		t.Fatalf("organizer channel got:\n%s", got)
	}
}

func TestMyDataHoldsVoices(t *testing.T) {
	b := flowtest.New(t)
	c := b.Chat(bot.Telegram, "6501")
	onboard(t, c)
	writeOpinion(t, c, "Jugend", "Meine Meinung steht in meinen Daten.")
	c.Send("/meinedaten")
	var file *bot.File
	for _, m := range c.Replies {
		if m.File != nil {
			file = m.File
		}
	}
	if file == nil || !strings.Contains(string(file.Data), "Meine Meinung steht in meinen Daten.") ||
		!strings.Contains(string(file.Data), `"voices"`) {
		t.Fatalf("export misses the opinion: %s", file.Data)
	}
}
