package mattermosttest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

func TestDoAction(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	anna := s.AddUser("anna")
	s.AddMember(s.Orga(), anna)

	var got model.PostActionIntegrationRequest
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
		}
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Errorf("decode request: %v", err)
		}
		json.NewEncoder(w).Encode(model.PostActionIntegrationResponse{
			Update:        &model.Post{Message: "Angenommen von @anna"},
			EphemeralText: "Danke!",
		})
	}))
	defer bot.Close()

	post := &model.Post{ChannelId: s.Orga().Id, Message: "Neue Anfrage"}
	post.AddProp(model.PostPropsAttachments, []*model.MessageAttachment{{
		Text: "Annehmen?",
		Actions: []*model.PostAction{{
			Id:   "accept",
			Name: "Annehmen",
			Type: model.PostActionTypeButton,
			Integration: &model.PostActionIntegration{
				URL:     "https://heimatbot.example/actions",
				Context: map[string]any{"request": "r42", "step": "accept"},
			},
		}},
	}})
	ws := dial(t, s)
	expectEvent(t, ws, model.WebsocketEventHello)
	created, _, err := s.Client().CreatePost(ctx, post)
	if err != nil {
		t.Fatalf("CreatePost: %v", err)
	}
	// Clients never see where a button goes.
	if a := created.GetAction("accept"); a == nil || a.Integration != nil {
		t.Errorf("action as the client sees it = %+v", a)
	}
	if a := eventPost(t, expectEvent(t, ws, model.WebsocketEventPosted)).GetAction("accept"); a == nil || a.Integration != nil {
		t.Errorf("action in the posted event = %+v", a)
	}

	stored := s.PostsIn(s.Orga().Id)[0]
	resp, err := s.DoAction(ctx, bot.URL, stored, "accept", anna)
	if err != nil {
		t.Fatalf("DoAction: %v", err)
	}
	if got.UserId != anna.Id || got.UserName != "anna" || got.PostId != created.Id || got.ChannelId != s.Orga().Id ||
		got.TeamId != s.Team().Id || got.TeamName != "ballenstedt" || got.TriggerId == "" || got.Context["request"] != "r42" {
		t.Errorf("request = %+v", got)
	}
	if resp.EphemeralText != "Danke!" {
		t.Errorf("response = %+v", resp)
	}
	edited := eventPost(t, expectEvent(t, ws, model.WebsocketEventPostEdited))
	if edited.Message != "Angenommen von @anna" || edited.GetProp(model.PostPropsFromBot) != "true" || len(edited.Attachments()) != 0 {
		t.Errorf("updated post = %+v", edited)
	}
}

func TestDoSlashCommand(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	anna := s.AddUser("anna")

	var form map[string]string
	var auth string
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Errorf("ParseForm: %v", err)
		}
		form = map[string]string{}
		for k := range r.PostForm {
			form[k] = r.PostForm.Get(k)
		}
		auth = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(model.CommandResponse{ResponseType: model.CommandResponseTypeInChannel, Text: "Termine: keine"})
	}))
	defer bot.Close()

	cmd, _, err := s.Client().CreateCommand(ctx, &model.Command{TeamId: s.Team().Id, Trigger: "heimat", Method: "P", URL: bot.URL})
	if err != nil {
		t.Fatalf("CreateCommand: %v", err)
	}
	resp, err := s.DoSlashCommand(ctx, cmd.URL, cmd.Token, "/heimat termine  morgen", anna, s.TownSquare())
	if err != nil {
		t.Fatalf("DoSlashCommand: %v", err)
	}
	want := map[string]string{
		"token":        cmd.Token,
		"team_id":      s.Team().Id,
		"team_domain":  "ballenstedt",
		"channel_id":   s.TownSquare().Id,
		"channel_name": "town-square",
		"user_id":      anna.Id,
		"user_name":    "anna",
		"command":      "/heimat",
		"text":         "termine  morgen",
	}
	for k, v := range want {
		if form[k] != v {
			t.Errorf("form[%q] = %q, want %q", k, form[k], v)
		}
	}
	if form["response_url"] == "" || form["trigger_id"] == "" || auth != "Token "+cmd.Token {
		t.Errorf("response_url %q, trigger_id %q, Authorization %q", form["response_url"], form["trigger_id"], auth)
	}
	if resp.Text != "Termine: keine" {
		t.Errorf("response = %+v", resp)
	}
	list, _, err := s.Client().GetPostsForChannel(ctx, s.TownSquare().Id, 0, 10, "", false, false)
	if err != nil || len(list.Order) != 1 {
		t.Fatalf("posts = %v, %v", list, err)
	}
	if p := list.Posts[list.Order[0]]; p.UserId != anna.Id || p.GetProp(model.PostPropsFromWebhook) != "true" {
		t.Errorf("in_channel response posted as %+v", p)
	}

	// The bot answers later through response_url.
	late, err := http.Post(form["response_url"], "application/json", strings.NewReader(`{"response_type":"ephemeral","text":"fertig"}`))
	if err != nil {
		t.Fatalf("POST response_url: %v", err)
	}
	late.Body.Close()
	if late.StatusCode != http.StatusOK {
		t.Errorf("response_url status = %d", late.StatusCode)
	}
	if d := s.DelayedResponses(); len(d) != 1 || d[0].Text != "fertig" {
		t.Errorf("DelayedResponses() = %v", d)
	}
}
