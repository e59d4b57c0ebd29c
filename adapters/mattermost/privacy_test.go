package mattermost_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/store"
)

// member is a person who went through steps (onboarding when none) and
// chose a language, in their direct channel with the bot.
func (h *harness) member(name, lang string, steps ...flowtest.Step) (*model.User, *model.Channel) {
	h.t.Helper()
	u, dm := h.user(name)
	p := h.player(u, dm)
	if len(steps) == 0 {
		steps = flowtest.Onboarding()
	}
	flowtest.Play(p, steps)
	if lang != "" {
		p.Say("sprache")
		p.Press(map[string]string{"en": "English", "de": "Deutsch"}[lang])
	}
	return u, dm
}

// mention writes "@heimatbot text" in a channel and waits for the bot's
// answer there.
func (h *harness) mention(user *model.User, channelID, text string) (mention, answer *model.Post) {
	h.t.Helper()
	before := len(h.srv.PostsIn(channelID))
	mention = h.post(user, channelID, "@heimatbot "+text, mattermosttest.PostOptions{})
	return mention, h.waitNth(channelID, before)
}

// Asked in a channel, the bot answers what is personal in the direct
// channel: the profile, the data export (a file anyone in the channel
// could download) and the person's own RSVPs. The channel gets a short
// pointer in the mention's thread, and nothing else.
func TestPersonalAnswersInAChannelGoToTheDirectChannel(t *testing.T) {
	h := newHarness(t, withButtons())
	if err := flowtest.Seed(context.Background(), h.store, h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	anna, dm := h.member("anna", "", flowtest.PosterRSVP()...)
	square := h.srv.TownSquare()
	for _, c := range []struct{ cmd, private string }{
		{"profil", "Profil"},
		{"termine", "zugesagt"},
		{"meinedaten", ""},
	} {
		before := len(h.srv.PostsIn(dm.Id))
		mention, pointer := h.mention(anna, square.Id, c.cmd)
		if !strings.Contains(pointer.Message, "Ich habe dir eine Direktnachricht geschickt.") || pointer.RootId != mention.Id {
			t.Errorf("%s: the channel got %q in thread %q, want the pointer in the mention's thread", c.cmd, pointer.Message, pointer.RootId)
		}
		answers := h.srv.PostsIn(dm.Id)[before:]
		t.Logf("%s in DM:\n%s", c.cmd, messages(answers))
		if len(answers) == 0 || !strings.Contains(messages(answers), c.private) {
			t.Errorf("%s: the direct channel got:\n%s", c.cmd, messages(answers))
		}
		if c.cmd == "meinedaten" && !slices.ContainsFunc(answers, func(p *model.Post) bool { return len(p.FileIds) > 0 }) {
			t.Errorf("meinedaten: no file in the direct channel")
		}
	}
	channel := h.srv.PostsIn(square.Id)
	if len(channel) != 3 {
		t.Errorf("the bot wrote %d posts in the channel, want the 3 pointers:\n%s", len(channel), messages(channel))
	}
	for _, p := range channel {
		if len(p.FileIds) > 0 || len(p.Attachments()) > 0 || strings.Contains(p.Message, "Du bist bei") {
			t.Errorf("a personal answer in the channel: %q, files %v", p.Message, p.FileIds)
		}
	}
}

// Buttons the bot posts in a channel for one person are theirs: anyone
// else's press is refused with a note only the presser sees, and neither
// the post nor anyone's answers change. The owner's press works.
func TestChannelButtonsBelongToThePersonAnswered(t *testing.T) {
	h := newHarness(t, withButtons(), withFlow(pickFlow()))
	anna, _ := h.user("anna")
	berta, bertasDM := h.member("berta", "en")
	square := h.srv.TownSquare()
	h.mention(anna, square.Id, "wahl")
	question, apples := h.buttonPost(square.Id, "Äpfel")
	before := h.postNow(square.Id, question.Id)
	posts, bertasPosts := len(h.srv.PostsIn(square.Id)), len(h.srv.PostsIn(bertasDM.Id))

	if eph := h.press(question, apples, berta); !strings.Contains(eph, "belongs to someone else") {
		t.Errorf("another person's press was answered %q, want the note in her language", eph)
	}
	after := h.postNow(square.Id, question.Id)
	if after.Message != before.Message || !slices.Equal(actionNames(after), actionNames(before)) {
		t.Errorf("another person's press changed the card: %v → %v", actionNames(before), actionNames(after))
	}
	if n, m := len(h.srv.PostsIn(square.Id)), len(h.srv.PostsIn(bertasDM.Id)); n != posts || m != bertasPosts {
		t.Errorf("another person's press made the bot write:\n%s", messages(h.srv.PostsIn(square.Id)[posts:]))
	}

	if eph := h.press(question, apples, anna); eph != "" {
		t.Errorf("the owner's press was answered %q", eph)
	}
	if got := actionNames(h.postNow(square.Id, question.Id)); !slices.Equal(got, []string{"✓ Äpfel", "Birnen", "Fertig"}) {
		t.Errorf("after the owner's press the card shows %v", got)
	}
}

// The adapter's own texts and the pointer to the direct channel are in
// the person's language, not the community's.
func TestChannelTextsFollowThePersonsLanguage(t *testing.T) {
	h := newHarness(t, withButtons())
	emma, dm := h.member("emma", "en")
	square := h.srv.TownSquare()

	_, pointer := h.mention(emma, square.Id, "profile")
	if !strings.Contains(pointer.Message, "I have sent you a direct message.") {
		t.Errorf("the pointer in the channel: %q", pointer.Message)
	}
	h.waitFor(dm.Id, "Your profile")

	cmd := heimatCommand(t, h)
	resp, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, cmd.Token, "/heimat help", emma, square)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp.Text, "direct message") {
		t.Errorf("/heimat from a channel answered %q, want English", resp.Text)
	}
}

// cardFlow posts an event's card with its RSVP buttons for everyone in
// the channel, as an announcement does.
func cardFlow() (*bot.Flow, bot.Command) {
	f := &bot.Flow{Name: "card", Start: "s", Steps: map[bot.StepID]bot.Step{"s": {
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			c.Notify(bot.Message{To: c.Here(), Thread: c.Update.Thread, Text: bot.PlainText(flowtest.SeededTitle),
				Buttons: [][]bot.Button{{{Label: "Ich komme", Payload: bot.ActionPayload("rsvp", flowtest.SeededEvent+":y")}}}})
			return bot.Prompt{}, nil
		},
	}}}
	return f, bot.Command{Names: []string{"karte"}, Flow: "card", Help: "menu_help"}
}

// A card for everyone in a channel acts for whoever presses it: their
// answer is stored, told in their direct channel, and the card stays as
// it is for everyone else.
func TestAnnouncementButtonsActForThePresserAndKeepTheCard(t *testing.T) {
	h := newHarness(t, withButtons(), withFlow(cardFlow()))
	ctx := context.Background()
	if err := flowtest.Seed(ctx, h.store, h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	anna, _ := h.user("anna")
	berta, dm := h.member("berta", "")
	square := h.srv.TownSquare()
	h.mention(anna, square.Id, "karte")
	card, yes := h.buttonPost(square.Id, "Ich komme")
	before := h.postNow(square.Id, card.Id)
	posts := len(h.srv.PostsIn(square.Id))

	if eph := h.press(card, yes, berta); eph != "" {
		t.Errorf("berta's press answered %q", eph)
	}
	if a, err := h.store.RSVPOf(ctx, flowtest.SeededEvent, bot.User{Platform: bot.Mattermost, ID: berta.Id}); err != nil || a != store.RSVPYes {
		t.Errorf("berta's answer: %q %v", a, err)
	}
	h.waitFor(dm.Id, "Du bist bei")
	after := h.postNow(square.Id, card.Id)
	if after.Message != before.Message || !slices.Equal(actionNames(after), actionNames(before)) {
		t.Errorf("the shared card changed: %q %v", after.Message, actionNames(after))
	}
	for _, p := range h.srv.PostsIn(square.Id)[posts:] {
		if strings.Contains(p.Message, "Du bist bei") {
			t.Errorf("berta's answer shown in the channel: %q", p.Message)
		}
	}
}
