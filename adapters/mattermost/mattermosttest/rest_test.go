package mattermosttest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

func TestTokenAuth(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()

	me, _, err := s.Client().GetMe(ctx, "")
	if err != nil {
		t.Fatalf("GetMe: %v", err)
	}
	if me.Username != "heimatbot" || !me.IsBot || me.Id != s.Bot().Id {
		t.Errorf("GetMe = %+v, want the bot", me)
	}

	bad := s.Client()
	bad.SetToken("wrong")
	_, resp, err := bad.GetMe(ctx, "")
	if err == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GetMe with a wrong token: status %d, err %v; want 401", resp.StatusCode, err)
	}
	var appErr *model.AppError
	if !errors.As(err, &appErr) || appErr.StatusCode != http.StatusUnauthorized {
		t.Errorf("error = %#v, want an AppError with status 401", err)
	}
}

func TestLookups(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.Client()
	anna := s.AddUser("anna")

	if u, _, err := c.GetUserByUsername(ctx, "anna", ""); err != nil || u.Id != anna.Id {
		t.Errorf("GetUserByUsername = %v, %v", u, err)
	}
	if u, _, err := c.GetUser(ctx, anna.Id, ""); err != nil || u.Username != "anna" {
		t.Errorf("GetUser = %v, %v", u, err)
	}
	if us, _, err := c.GetUsersByIds(ctx, []string{anna.Id, s.Bot().Id}); err != nil || len(us) != 2 {
		t.Errorf("GetUsersByIds = %v, %v", us, err)
	}
	if _, resp, err := c.GetUserByUsername(ctx, "nobody", ""); err == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GetUserByUsername(nobody): status %d, err %v; want 404", resp.StatusCode, err)
	}

	team, _, err := c.GetTeamByName(ctx, "ballenstedt", "")
	if err != nil || team.Id != s.Team().Id {
		t.Fatalf("GetTeamByName = %v, %v", team, err)
	}
	teams, _, err := c.GetTeamsForUser(ctx, "me", "")
	if err != nil || len(teams) != 1 || teams[0].Name != "ballenstedt" {
		t.Errorf("GetTeamsForUser = %v, %v", teams, err)
	}
	orga, _, err := c.GetChannelByName(ctx, "orga", team.Id, "")
	if err != nil || orga.Id != s.Orga().Id || orga.Type != model.ChannelTypePrivate {
		t.Errorf("GetChannelByName = %v, %v", orga, err)
	}
	ts, _, err := c.GetChannelByNameForTeamName(ctx, "town-square", "ballenstedt", "")
	if err != nil || ts.Id != s.TownSquare().Id {
		t.Errorf("GetChannelByNameForTeamName = %v, %v", ts, err)
	}
	if ch, _, err := c.GetChannel(ctx, ts.Id); err != nil || ch.Name != "town-square" {
		t.Errorf("GetChannel = %v, %v", ch, err)
	}

	dm, _, err := c.CreateDirectChannel(ctx, s.Bot().Id, anna.Id)
	if err != nil || dm.Type != model.ChannelTypeDirect {
		t.Fatalf("CreateDirectChannel = %v, %v", dm, err)
	}
	if again := s.DirectChannel(anna, s.Bot()); again.Id != dm.Id {
		t.Errorf("DirectChannel = %s, want the channel created over REST %s", again.Id, dm.Id)
	}
	mine, _, err := c.GetChannelsForTeamForUser(ctx, team.Id, "me", false, "")
	if err != nil || len(mine) != 3 {
		t.Errorf("GetChannelsForTeamForUser = %d channels, %v; want orga, town square and the DM", len(mine), err)
	}

	members, _, err := c.GetChannelMembers(ctx, ts.Id, 0, 1, "")
	if err != nil || len(members) != 1 {
		t.Errorf("GetChannelMembers page 0 = %v, %v; want 1 member", members, err)
	}
	members, _, err = c.GetChannelMembers(ctx, ts.Id, 1, 1, "")
	if err != nil || len(members) != 1 {
		t.Errorf("GetChannelMembers page 1 = %v, %v; want 1 member", members, err)
	}
	if m, _, err := c.GetChannelMember(ctx, ts.Id, anna.Id, ""); err != nil || m.UserId != anna.Id {
		t.Errorf("GetChannelMember = %v, %v", m, err)
	}
	if _, resp, err := c.GetChannelMember(ctx, s.Orga().Id, anna.Id, ""); err == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GetChannelMember of a non-member: status %d, err %v; want 404", resp.StatusCode, err)
	}
}

func TestCommands(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.Client()

	cmd, _, err := c.CreateCommand(ctx, &model.Command{
		TeamId:  s.Team().Id,
		Trigger: "heimat",
		Method:  model.CommandMethodPost,
		URL:     "https://bot.example/commands",
	})
	if err != nil {
		t.Fatalf("CreateCommand: %v", err)
	}
	if len(cmd.Token) != 26 || cmd.CreatorId != s.Bot().Id {
		t.Errorf("CreateCommand = %+v, want a token and the bot as creator", cmd)
	}
	if _, _, err := c.CreateCommand(ctx, &model.Command{TeamId: s.Team().Id, Trigger: "heimat", Method: "P", URL: "https://x.example"}); err == nil {
		t.Error("second command with the same trigger accepted")
	}
	list, _, err := c.ListCommands(ctx, s.Team().Id, true)
	if err != nil || len(list) != 1 || list[0].Token != cmd.Token {
		t.Errorf("ListCommands = %v, %v", list, err)
	}
	if got := s.Commands(); len(got) != 1 || got[0].Trigger != "heimat" {
		t.Errorf("Commands() = %v", got)
	}
}
