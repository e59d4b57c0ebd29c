package mattermost_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

func heimatCommand(t *testing.T, h *harness) *model.Command {
	t.Helper()
	for _, c := range h.srv.Commands() {
		if c.Trigger == "heimat" {
			return c
		}
	}
	t.Fatalf("/heimat not registered: %+v", h.srv.Commands())
	return nil
}

func TestSlashCommandRunsInTheDirectChannel(t *testing.T) {
	h := newHarness(t, withButtons())
	cmd := heimatCommand(t, h)
	if cmd.URL != h.http.URL+"/mattermost/command" || cmd.TeamId != h.srv.Team().Id {
		t.Errorf("registered %s in team %s", cmd.URL, cmd.TeamId)
	}
	anna, dm := h.user("anna")

	resp, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, cmd.Token, "/heimat hilfe", anna, h.srv.TownSquare())
	if err != nil {
		t.Fatal(err)
	}
	if resp.ResponseType != model.CommandResponseTypeEphemeral || !strings.Contains(resp.Text, "Direktnachricht") {
		t.Errorf("response in the channel = %+v", resp)
	}
	help := h.waitNth(dm.Id, 0)
	if !strings.Contains(help.Message, "Das kannst du tun") {
		t.Fatalf("/heimat hilfe answered in the DM with:\n%s", help.Message)
	}
	if n := len(h.srv.PostsIn(h.srv.TownSquare().Id)); n != 0 {
		t.Errorf("the bot wrote %d posts in the channel the command came from", n)
	}
}

func TestSlashCommandWithWrongTokenIsRefused(t *testing.T) {
	h := newHarness(t, withButtons())
	cmd := heimatCommand(t, h)
	anna, dm := h.user("anna")
	if _, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, "not-the-token", "/heimat hilfe", anna, h.srv.TownSquare()); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong token: err = %v", err)
	}
	// The same person right after, with the right token, is answered, and
	// only once: the refused command left nothing behind.
	if _, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, cmd.Token, "/heimat hilfe", anna, dm); err != nil {
		t.Fatal(err)
	}
	if posts := h.srv.PostsIn(dm.Id); len(posts) != 1 {
		t.Fatalf("DM after a refused and an accepted command:\n%s", messages(posts))
	}
}

func TestNoSlashCommandWithoutActionsURL(t *testing.T) {
	h := newHarness(t)
	if cmds := h.srv.Commands(); len(cmds) != 0 {
		t.Errorf("registered %+v without a URL to call", cmds)
	}
}

const tryAgain = "Bitte versuch es gleich noch einmal"

// When Mattermost cannot open the direct channel, the person is asked in
// words to try again (an error status would show only Mattermost's bare
// "command failed"), and nothing is handled; the next try is answered.
func TestSlashCommandWithoutADirectChannelAsksToTryAgain(t *testing.T) {
	h := newHarness(t, withButtons())
	cmd := heimatCommand(t, h)
	anna, dm := h.user("anna")
	for range 5 { // every attempt of the call
		h.srv.FailNext("POST /channels/direct", http.StatusInternalServerError, 0)
	}
	resp, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, cmd.Token, "/heimat hilfe", anna, h.srv.TownSquare())
	if err != nil {
		t.Fatal(err)
	}
	if resp.ResponseType != model.CommandResponseTypeEphemeral || !strings.Contains(resp.Text, tryAgain) {
		t.Errorf("answer while Mattermost fails = %+v", resp)
	}
	if posts := h.srv.PostsIn(dm.Id); len(posts) != 0 {
		t.Fatalf("the failed command was handled:\n%s", messages(posts))
	}
	if _, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, cmd.Token, "/heimat hilfe", anna, h.srv.TownSquare()); err != nil {
		t.Fatal(err)
	}
	h.waitFor(dm.Id, "Das kannst du tun")
}

// A process that has stopped (or not yet started) handling asks the
// person to try again, for a command and for a pressed button, and
// handles neither: the button stays for the next try.
func TestAStoppedProcessAsksToTryAgain(t *testing.T) {
	h := newHarness(t, withButtons())
	cmd := heimatCommand(t, h)
	anna, dm := h.user("anna")
	h.post(anna, dm.Id, "Hallo", mattermosttest.PostOptions{})
	greeting, yes := h.buttonPost(dm.Id, "Einverstanden")
	h.main.stop()

	resp, err := h.srv.DoSlashCommand(context.Background(), cmd.URL, cmd.Token, "/heimat hilfe", anna, dm)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp.Text, tryAgain) {
		t.Errorf("command answered %q", resp.Text)
	}
	if eph := h.press(greeting, yes, anna); !strings.Contains(eph, tryAgain) {
		t.Errorf("button press answered %q", eph)
	}
	posts := h.srv.PostsIn(dm.Id)
	if len(posts) != 1 || len(posts[0].Attachments()) == 0 {
		t.Fatalf("the stopped process handled something; the DM has:\n%s", messages(posts))
	}
}
