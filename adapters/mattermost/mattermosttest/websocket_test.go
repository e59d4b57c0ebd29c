package mattermosttest_test

import (
	"context"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/mattermost/mattermost/server/public/model"
)

func TestPostedEvent(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	ws := dial(t, s)
	hello := expectEvent(t, ws, model.WebsocketEventHello)
	if hello.GetBroadcast().UserId != s.Bot().Id || hello.GetSequence() != 0 {
		t.Errorf("hello broadcast %+v seq %d", hello.GetBroadcast(), hello.GetSequence())
	}
	select {
	case resp := <-ws.ResponseChannel:
		if resp.Status != model.StatusOk || resp.SeqReply != 1 {
			t.Errorf("challenge response = %+v, want OK to seq 1", resp)
		}
	case <-time.After(waitTimeout):
		t.Fatal("no response to the authentication challenge")
	}

	anna := s.AddUser("anna")
	sent, err := s.UserPost(ctx, anna, s.TownSquare().Id, "Hallo @heimatbot!", mattermosttest.PostOptions{})
	if err != nil {
		t.Fatalf("UserPost: %v", err)
	}
	ev := expectEvent(t, ws, model.WebsocketEventPosted)
	if ev.GetSequence() != 1 || ev.GetBroadcast().ChannelId != s.TownSquare().Id {
		t.Errorf("posted seq %d broadcast %+v", ev.GetSequence(), ev.GetBroadcast())
	}
	p := eventPost(t, ev)
	if p.Id != sent.Id || p.Message != "Hallo @heimatbot!" || p.UserId != anna.Id || p.ChannelId != s.TownSquare().Id {
		t.Errorf("posted post = %+v, want %+v", p, sent)
	}
	data := ev.GetData()
	want := map[string]any{
		"channel_type":         "O",
		"channel_name":         "town-square",
		"channel_display_name": "Town Square",
		"sender_name":          "@anna",
		"team_id":              s.Team().Id,
		"mentions":             `["` + s.Bot().Id + `"]`,
	}
	for k, v := range want {
		if data[k] != v {
			t.Errorf("data[%q] = %v, want %v", k, data[k], v)
		}
	}

	// A direct message always mentions the recipient; a thread reply keeps
	// its root.
	dm := s.DirectChannel(anna, s.Bot())
	root, _ := s.UserPost(ctx, anna, dm.Id, "Frage", mattermosttest.PostOptions{})
	expectEvent(t, ws, model.WebsocketEventPosted)
	if _, err := s.UserPost(ctx, anna, dm.Id, "noch eine", mattermosttest.PostOptions{RootID: root.Id}); err != nil {
		t.Fatalf("reply: %v", err)
	}
	ev = expectEvent(t, ws, model.WebsocketEventPosted)
	if p := eventPost(t, ev); p.RootId != root.Id {
		t.Errorf("reply root = %q, want %q", p.RootId, root.Id)
	}
	if ev.GetData()["channel_type"] != "D" || ev.GetData()["mentions"] != `["`+s.Bot().Id+`"]` || ev.GetData()["team_id"] != "" {
		t.Errorf("DM event data = %v", ev.GetData())
	}

	// The bot's own posts come back over the socket too.
	if _, _, err := s.Client().CreatePost(ctx, &model.Post{ChannelId: dm.Id, Message: "Antwort"}); err != nil {
		t.Fatalf("CreatePost: %v", err)
	}
	if p := eventPost(t, expectEvent(t, ws, model.WebsocketEventPosted)); p.UserId != s.Bot().Id || p.GetProp(model.PostPropsFromBot) != "true" {
		t.Errorf("own post = %+v", p)
	}

	// Posts in channels the bot is not in are not sent.
	other := s.AddChannel(s.Team(), "other", model.ChannelTypeOpen)
	s.AddMember(other, anna)
	s.UserPost(ctx, anna, other.Id, "unseen", mattermosttest.PostOptions{})
	edited, err := s.EditPost(ctx, root.Id, "Frage (bearbeitet)")
	if err != nil {
		t.Fatalf("EditPost: %v", err)
	}
	ev = expectEvent(t, ws, model.WebsocketEventPostEdited)
	if p := eventPost(t, ev); p.Message != "Frage (bearbeitet)" || p.EditAt != edited.EditAt {
		t.Errorf("edited post = %+v", p)
	}
}

func TestSystemMessage(t *testing.T) {
	s := newServer(t)
	ws := dial(t, s)
	expectEvent(t, ws, model.WebsocketEventHello)
	anna := s.AddUser("anna")
	s.AddMember(s.Orga(), anna)
	_, err := s.UserPost(context.Background(), anna, s.Orga().Id, "anna joined the channel.", mattermosttest.PostOptions{
		Type:  model.PostTypeJoinChannel,
		Props: model.StringInterface{"username": "anna"},
	})
	if err != nil {
		t.Fatal(err)
	}
	ev := expectEvent(t, ws, model.WebsocketEventPosted)
	if p := eventPost(t, ev); p.Type != model.PostTypeJoinChannel || p.GetProp("username") != "anna" {
		t.Errorf("post = %+v", p)
	}
	if ev.GetData()["sender_name"] != "System" || ev.GetData()["channel_type"] != "P" || ev.GetData()["mentions"] != nil {
		t.Errorf("data = %v", ev.GetData())
	}
}

func TestDropConnectionsAndReconnect(t *testing.T) {
	s := newServer(t)
	ws := dial(t, s)
	expectEvent(t, ws, model.WebsocketEventHello)

	s.SetWebSocketDown(true)
	s.DropConnections()
	select {
	case _, ok := <-ws.EventChannel:
		if ok {
			t.Fatal("event after the drop")
		}
	case <-time.After(waitTimeout):
		t.Fatal("EventChannel not closed after DropConnections")
	}
	if ws.ListenError == nil {
		t.Error("ListenError not set after an abnormal closure")
	}

	if _, err := model.NewWebSocketClient4(wsURL(s), s.Token()); err == nil {
		t.Error("connected while the WebSocket is down")
	}
	s.SetWebSocketDown(false)
	again := dial(t, s)
	expectEvent(t, again, model.WebsocketEventHello)

	// Posts written while the bot was away are there to catch up with.
	if _, err := s.UserPost(context.Background(), s.AddUser("anna"), s.TownSquare().Id, "hi", mattermosttest.PostOptions{}); err != nil {
		t.Fatal(err)
	}
	expectEvent(t, again, model.WebsocketEventPosted)
}

func TestWebSocketAuth(t *testing.T) {
	s := newServer(t)

	// A wrong token in the challenge closes the connection without hello.
	ws, err := model.NewWebSocketClient4(wsURL(s), "wrong")
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	ws.Listen()
	defer ws.Close()
	select {
	case ev, ok := <-ws.EventChannel:
		if ok {
			t.Fatalf("got %q with a wrong token", ev.EventType())
		}
	case <-time.After(waitTimeout):
		t.Fatal("connection with a wrong token stays open")
	}

	// A token in the header authenticates without a challenge.
	conn, _, err := websocket.DefaultDialer.Dial(wsURL(s)+"/api/v4/websocket", map[string][]string{"Authorization": {"Bearer " + s.Token()}})
	if err != nil {
		t.Fatalf("dial with header: %v", err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(waitTimeout))
	var hello struct {
		Event string `json:"event"`
		Seq   int64  `json:"seq"`
	}
	if err := conn.ReadJSON(&hello); err != nil || hello.Event != "hello" {
		t.Errorf("first message = %+v, %v; want hello", hello, err)
	}
}

func TestPingKeepsClientAlive(t *testing.T) {
	s := newServer(t, mattermosttest.WithPingInterval(10*time.Millisecond))
	ws := dial(t, s)
	expectEvent(t, ws, model.WebsocketEventHello)
	time.Sleep(50 * time.Millisecond) // some pings go by; the client answers them
	if _, err := s.UserPost(context.Background(), s.AddUser("anna"), s.TownSquare().Id, "hi", mattermosttest.PostOptions{}); err != nil {
		t.Fatal(err)
	}
	expectEvent(t, ws, model.WebsocketEventPosted)
}
