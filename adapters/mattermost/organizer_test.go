package mattermost_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

// orgaOnly is a tiny organizer flow: the refusal is the engine's, the
// membership check the adapter's.
func orgaOnly() (*bot.Flow, bot.Command) {
	f := &bot.Flow{Name: "orgatest", Start: "s", Organizer: true, Steps: map[bot.StepID]bot.Step{
		"s": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{Text: bot.PlainText("Willkommen im Orga-Bereich.")}, nil
		}},
	}}
	return f, bot.Command{Names: []string{"orgatest"}, Flow: "orgatest", Help: "menu_help"}
}

func TestOnlyOrganizerChannelMembersMayUseOrganizerCommands(t *testing.T) {
	h := newHarness(t, withFlow(orgaOnly()))
	anna, annaDM := h.user("anna")
	berta, bertaDM := h.user("berta")
	h.srv.AddMember(h.srv.Orga(), berta)

	refused := h.say(anna, annaDM.Id, "orgatest")
	if !strings.Contains(refused.Message, "Das dürfen nur Organisator:innen.") {
		t.Fatalf("a member outside the organizer channel got:\n%s", refused.Message)
	}
	allowed := h.say(berta, bertaDM.Id, "orgatest")
	if !strings.Contains(allowed.Message, "Willkommen im Orga-Bereich.") {
		t.Fatalf("an organizer channel member got:\n%s", allowed.Message)
	}
}

func TestFilesGoToTheOrganizerChannel(t *testing.T) {
	h := newHarness(t)
	csv := []byte("ortsteil;stimmen\nBadeborn;12\n")
	err := h.ad.Send(context.Background(), bot.Message{
		To:   h.ad.OrganizerChannel(),
		Text: bot.PlainText("Der Export der Woche."),
		File: &bot.File{Name: "export.csv", ContentType: "text/csv", Data: csv},
	})
	if err != nil {
		t.Fatal(err)
	}
	posts := h.srv.PostsIn(h.srv.Orga().Id)
	if len(posts) != 1 || posts[0].Message != "Der Export der Woche." || len(posts[0].FileIds) != 1 {
		t.Fatalf("organizer channel posts:\n%s", messages(posts))
	}
	ups := h.srv.Uploads()
	if len(ups) != 1 || ups[0].Name != "export.csv" || ups[0].PostID != posts[0].Id || string(ups[0].Data) != string(csv) {
		t.Fatalf("uploads = %+v", ups)
	}
}

// When the organizer channel cannot be read, the members known last still
// count, and the server is not asked again on every update until the
// cache's time is up.
func TestOrganizersOutliveAnUnreadableChannel(t *testing.T) {
	h := newHarness(t, withFlow(orgaOnly()))
	berta, bertaDM := h.user("berta")
	h.srv.AddMember(h.srv.Orga(), berta)
	if got := h.say(berta, bertaDM.Id, "orgatest"); !strings.Contains(got.Message, "Willkommen im Orga-Bereich.") {
		t.Fatalf("an organizer channel member got:\n%s", got.Message)
	}
	members := "GET /channels/" + h.srv.Orga().Id + "/members"
	h.clock.Advance(2 * time.Minute) // past the cache's minute
	for range 10 {                   // more failures than one ask retries
		h.srv.FailNext(members, http.StatusBadGateway, 0)
	}
	if got := h.say(berta, bertaDM.Id, "orgatest"); !strings.Contains(got.Message, "Willkommen im Orga-Bereich.") {
		t.Fatalf("with the channel unreadable, a known member got:\n%s", got.Message)
	}
	waits := len(h.sleeps.all())
	if got := h.say(berta, bertaDM.Id, "orgatest"); !strings.Contains(got.Message, "Willkommen im Orga-Bereich.") {
		t.Fatalf("the next update got:\n%s", got.Message)
	}
	if n := len(h.sleeps.all()) - waits; n != 0 {
		t.Fatalf("the next update waited %d times for the unreadable channel again", n)
	}
}
