package mattermost_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
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
