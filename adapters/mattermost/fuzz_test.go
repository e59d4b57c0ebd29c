package mattermost

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// fuzzAdapter is an adapter logged in to a fake Mattermost whose handler
// only records what it was given; the clock stands still.
func fuzzAdapter(f *testing.F) (*Adapter, *mattermosttest.Server, *[]bot.Update) {
	srv := mattermosttest.New()
	f.Cleanup(srv.Close)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	st := store.New(storetest.Client(f), storetest.Community(f), store.Options{})
	a, err := New(context.Background(), Config{
		URL: srv.URL(), Token: srv.Token(), Team: mattermosttest.TeamName, OrganizerChannel: mattermosttest.OrgaName,
		ActionsURL: "http://bot.example.org", ActionsSecret: "fuzz-secret", Store: st, Lang: "de",
		Now:   func() time.Time { return now },
		Sleep: func(context.Context, time.Duration) error { return context.Canceled }, // no retries
	})
	if err != nil {
		f.Fatal(err)
	}
	var got []bot.Update
	a.handler = bot.HandlerFunc(func(_ context.Context, u bot.Update) error { got = append(got, u); return nil })
	a.runCtx = context.Background()
	return a, srv, &got
}

// A WebSocket event: any frame the server sends is a post the bot maps
// or something it ignores.
func FuzzWebSocketEvent(f *testing.F) {
	a, srv, _ := fuzzAdapter(f)
	anna := srv.AddUser("anna")
	dm := srv.DirectChannel(anna, srv.Bot())
	post := func(p *model.Post, ct string) []byte {
		raw, _ := json.Marshal(p)
		ev, _ := json.Marshal(map[string]any{"event": "posted", "seq": 1, "broadcast": map[string]any{"channel_id": p.ChannelId},
			"data": map[string]any{"post": string(raw), "channel_type": ct, "sender_name": "@anna"}})
		return ev
	}
	f.Add(post(&model.Post{Id: "p1", UserId: anna.Id, ChannelId: dm.Id, Message: "hallo", CreateAt: 1}, "D"))
	f.Add(post(&model.Post{Id: "p2", UserId: anna.Id, ChannelId: "town", Message: "@heimatbot hilfe", CreateAt: 2}, "O"))
	f.Add(post(&model.Post{Id: "p3", UserId: anna.Id, ChannelId: "town", Message: "@heimatbot. @heimatbot, x", RootId: "p2", CreateAt: 3}, "P"))
	f.Add(post(&model.Post{Id: "p4", UserId: anna.Id, ChannelId: dm.Id, FileIds: []string{"f"}, CreateAt: 4}, "D"))
	f.Add(post(&model.Post{Id: "p5", UserId: anna.Id, ChannelId: dm.Id, Message: "x", Type: "system_join_channel"}, "D"))
	f.Add(post(&model.Post{Id: "p6", UserId: anna.Id, ChannelId: dm.Id, Message: "x", Props: model.StringInterface{"from_bot": "true"}}, "D"))
	f.Add([]byte(`{"event":"posted","data":{"post":"{not json"}}`))
	f.Add([]byte(`{"event":"posted","data":{"post":7,"channel_type":[]}}`))
	f.Add([]byte(`{"event":"typing","data":{}}`))
	f.Add([]byte(`{"status":"OK","seq_reply":1}`))
	f.Fuzz(func(t *testing.T, frame []byte) {
		ev, err := model.WebSocketEventFromJSON(bytes.NewReader(frame))
		if err != nil || ev == nil {
			return
		}
		in, ok := a.posted(ev)
		if !ok {
			return
		}
		u, ok := a.update(context.Background(), in)
		if !ok {
			return
		}
		if u.Chat.Platform != bot.Mattermost || u.Chat.Chat != in.post.ChannelId || u.ID != "mm:"+in.post.Id {
			t.Fatalf("post %+v mapped to %+v", in.post, u)
		}
		if !u.Private && strings.Contains(strings.ToLower(u.Text), "@heimatbot ") {
			t.Fatalf("the mention stays in %q", u.Text)
		}
	})
}

// The callbacks: a pressed button (only a press signed by this bot, for
// this channel and person, and not stale, reaches the handler) and a slash
// command (only with the command's token, as the person's command in their
// direct channel). Each body is tried as both.
func FuzzCallbacks(f *testing.F) {
	a, srv, got := fuzzAdapter(f)
	a.setCommandToken("cmd-token")
	valid := a.sign.context(button{Payload: "s1:yes", Label: "Ja", Channel: "c1", User: "u1", Expires: a.now().Add(time.Hour)})
	body := func(channel, user string, ctx map[string]any) []byte {
		b, _ := json.Marshal(model.PostActionIntegrationRequest{UserId: user, UserName: "anna", ChannelId: channel, PostId: "p1", Context: ctx})
		return b
	}
	f.Add(body("c1", "u1", valid))
	f.Add(body("c2", "u1", valid))
	f.Add(body("c1", "u2", valid))
	stale := a.sign.context(button{Payload: "x", Channel: "c1", Expires: a.now().Add(-time.Minute)})
	f.Add(body("c1", "u1", stale))
	f.Add(body("c1", "u1", map[string]any{"s": 5, "x": []int{1}}))
	f.Add(body("c1", "u1", map[string]any{"s": "", "x": "1"}))
	f.Add([]byte(`{"context":null}`))
	f.Add([]byte(`not json`))
	anna := srv.AddUser("anna")
	form := func(v url.Values) []byte { return []byte(v.Encode()) }
	f.Add(form(url.Values{"token": {"cmd-token"}, "user_id": {anna.Id}, "user_name": {"anna"}, "text": {"termine"}, "trigger_id": {"t1"}}))
	f.Add(form(url.Values{"token": {"cmd-token"}, "user_id": {anna.Id}, "text": {"/meinung  Schule "}, "channel_id": {"town"}}))
	f.Add(form(url.Values{"token": {"cmd-token"}, "user_id": {anna.Id}, "text": {""}}))
	f.Add(form(url.Values{"token": {"wrong"}, "user_id": {anna.Id}, "text": {"hilfe"}}))
	f.Add(form(url.Values{"user_id": {"nobody"}, "text": {"hilfe"}}))
	f.Add([]byte("token=cmd-token&user_id=%zz"))
	f.Add([]byte("token=cmd-token&token=x&user_id=" + anna.Id))
	f.Fuzz(func(t *testing.T, req []byte) {
		checkAction(t, a, got, req)
		checkSlash(t, a, got, req)
	})
}

func checkAction(t *testing.T, a *Adapter, got *[]bot.Update, req []byte) {
	{
		*got = (*got)[:0]
		var parsed model.PostActionIntegrationRequest
		_ = json.Unmarshal(req, &parsed)
		rec := httptest.NewRecorder()
		a.serveAction(rec, httptest.NewRequest(http.MethodPost, actionsPath, bytes.NewReader(req)))
		if len(*got) == 0 {
			return
		}
		b, err := a.sign.verify(parsed.Context, a.now())
		if err != nil || b.Channel != parsed.ChannelId || b.User != "" && b.User != parsed.UserId {
			t.Fatalf("a press that is forged, stale or foreign reached the handler: %s", req)
		}
		if u := (*got)[0]; u.Button != b.Payload || u.Chat.Chat != parsed.ChannelId {
			t.Fatalf("the press was handled as %+v", u)
		}
	}
}

func checkSlash(t *testing.T, a *Adapter, got *[]bot.Update, req []byte) {
	body := string(req)
	{
		*got = (*got)[:0]
		r := httptest.NewRequest(http.MethodPost, commandPath, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		a.serveCommand(rec, r)
		if len(*got) == 0 {
			return
		}
		v, err := url.ParseQuery(body)
		if err != nil || v.Get("token") != "cmd-token" {
			t.Fatalf("a request without the token reached the handler: %q", body)
		}
		if u := (*got)[0]; !u.Private || u.Command == "" || strings.ContainsAny(u.Command, " /") {
			t.Fatalf("%q handled as %+v", body, u)
		}
	}
}
