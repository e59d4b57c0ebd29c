package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestMattermostWithAWrongTokenStopsTheStart(t *testing.T) {
	srv := mattermosttest.New()
	defer srv.Close()
	env := []string{
		"REDIS_URL=" + storetest.URL(t),
		"MATTERMOST_URL=" + srv.URL(), "MATTERMOST_TOKEN=not-the-token",
		"MATTERMOST_TEAM=" + mattermosttest.TeamName, "MATTERMOST_ORGANIZER_CHANNEL=" + mattermosttest.OrgaName,
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), nil, env, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "MATTERMOST_TOKEN") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error()+errOut.String(), "not-the-token") {
		t.Error("the token shows up in the output")
	}
}
