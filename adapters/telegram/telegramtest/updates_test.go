package telegramtest

import (
	"encoding/json"
	"net/url"
	"strconv"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func updateIDs(t *testing.T, raw json.RawMessage) []int {
	t.Helper()
	var us []struct {
		UpdateID int `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &us); err != nil {
		t.Fatal(err)
	}
	ids := []int{}
	for _, u := range us {
		ids = append(ids, u.UpdateID)
	}
	return ids
}

func TestGetUpdatesOffsets(t *testing.T) {
	srv := newTestServer(t)
	first := srv.PushUpdate(srv.TextMessage(1, 1, "a", "de"))
	srv.PushUpdate(srv.TextMessage(1, 1, "b", "de"))
	srv.PushUpdate(srv.TextMessage(1, 1, "c", "de"))
	tests := []struct {
		name   string
		form   url.Values
		want   []int
		remain int
	}{
		{"no offset returns all", url.Values{}, []int{first, first + 1, first + 2}, 3},
		{"limit", url.Values{"limit": {"2"}}, []int{first, first + 1}, 3},
		{"offset confirms earlier updates", url.Values{"offset": {strconv.Itoa(first + 1)}}, []int{first + 1, first + 2}, 2},
		{"negative offset keeps the last", url.Values{"offset": {"-1"}}, []int{first + 2}, 1},
		{"offset past the end confirms all", url.Values{"offset": {strconv.Itoa(first + 3)}}, []int{}, 0},
	}
	for _, tt := range tests {
		code, resp := post(t, srv, "getUpdates", tt.form)
		if code != 200 {
			t.Fatalf("%s: %d %s", tt.name, code, resp.Description)
		}
		if got := updateIDs(t, resp.Result); !equalInts(got, tt.want) {
			t.Errorf("%s: update ids %v, want %v", tt.name, got, tt.want)
		}
		if srv.Pending() != tt.remain {
			t.Errorf("%s: %d pending, want %d", tt.name, srv.Pending(), tt.remain)
		}
	}
	srv.AssertClean(t)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLongPollWaitsForPush(t *testing.T) {
	srv := newTestServer(t)
	go func() {
		time.Sleep(50 * time.Millisecond)
		srv.PushUpdate(srv.CommandMessage(9, 9, "start", "", "en"))
	}()
	start := time.Now()
	code, resp := post(t, srv, "getUpdates", url.Values{"timeout": {"10"}})
	if code != 200 || len(updateIDs(t, resp.Result)) != 1 {
		t.Fatalf("got %d %s", code, resp.Result)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("long poll did not return on push")
	}
}

func TestLongPollTimesOut(t *testing.T) {
	srv := newTestServer(t)
	start := time.Now()
	code, resp := post(t, srv, "getUpdates", url.Values{"timeout": {"1"}})
	if code != 200 || string(resp.Result) != "[]" {
		t.Fatalf("got %d %s, want an empty result", code, resp.Result)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("returned after %v, want about the 1s timeout", d)
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	srv := New(MustLoadSpec(t))
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := srv.Client().PostForm(srv.URL()+"/bot"+srv.Token()+"/getUpdates", url.Values{"timeout": {"30"}})
		if err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(50 * time.Millisecond)
	srv.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end the long poll")
	}
}

func TestUpdatesChannelOfClient(t *testing.T) {
	srv := newTestServer(t)
	bot := newBot(t, srv)
	cfg := tgbotapi.NewUpdate(0)
	cfg.Timeout = 1
	ch := bot.GetUpdatesChan(cfg)
	defer bot.StopReceivingUpdates()
	srv.PushUpdate(srv.TextMessage(3, 3, "eins", "de"))
	srv.PushUpdate(srv.TextMessage(3, 3, "zwei", "de"))
	for _, want := range []string{"eins", "zwei"} {
		select {
		case u := <-ch:
			if u.Message == nil || u.Message.Text != want || u.Message.From.LanguageCode != "de" {
				t.Fatalf("update = %+v, want text %q", u, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no update %q", want)
		}
	}
	srv.AssertClean(t)
}

func TestGetUpdatesConflictsWithWebhook(t *testing.T) {
	srv := newTestServer(t)
	post(t, srv, "setWebhook", url.Values{"url": {"https://bot.example.org/hook"}})
	code, resp := post(t, srv, "getUpdates", url.Values{})
	if code != 409 {
		t.Fatalf("got %d %q, want 409", code, resp.Description)
	}
}

func TestSecondPollerTerminatesFirst(t *testing.T) {
	srv := newTestServer(t)
	poll := func(timeout string) int {
		resp, err := srv.Client().PostForm(srv.URL()+"/bot"+srv.Token()+"/getUpdates", url.Values{"timeout": {timeout}})
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	first := make(chan int, 1)
	go func() { first <- poll("5") }()
	time.Sleep(100 * time.Millisecond)
	if code := poll("1"); code != 200 {
		t.Errorf("second poll got %d, want 200", code)
	}
	select {
	case code := <-first:
		if code != 409 {
			t.Errorf("first poll got %d, want 409 Conflict", code)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("first poll was not terminated")
	}
	if len(srv.Violations()) != 1 {
		t.Errorf("violations = %q, want the conflict", srv.Violations())
	}
}

// TestBuildersMatchSpec checks the builders' updates against the spec's
// Update type, as the real client would get them.
func TestBuildersMatchSpec(t *testing.T) {
	srv := newTestServer(t)
	sent, _ := post(t, srv, "sendMessage", url.Values{"chat_id": {"5"}, "text": {"hi"},
		"reply_markup": {`{"inline_keyboard":[[{"text":"a","callback_data":"a"}]]}`}})
	if sent != 200 {
		t.Fatal("sendMessage failed")
	}
	updates := map[string]Update{
		"text":        srv.TextMessage(5, 5, "hallo", "de"),
		"command":     srv.CommandMessage(5, 5, "/termine", "morgen", "de"),
		"group":       srv.GroupMessage(77, 5, "hi all", ""),
		"supergroup":  srv.TextMessage(-1001234567890, 5, "hi", "en"),
		"callback":    srv.CallbackQuery(5, 5, 1, "a"),
		"sticker":     srv.Sticker(5, 5),
		"photo":       srv.Photo(5, 5, "look"),
		"edited":      srv.EditedMessage(5, 5, 2, "hallo!"),
		"channel":     srv.ChannelPost(-1009999999999, "news"),
		"new members": srv.NewChatMembers(-77, 5, 6, 7),
	}
	spec := MustLoadSpec(t)
	for name, u := range updates {
		raw, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		v, err := decodeJSON(string(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := spec.checkJSON("update", []string{"Update"}, v); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var ids []int
	for _, u := range updates {
		ids = append(ids, srv.PushUpdate(u))
	}
	seen := map[int]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("update_id %d used twice", id)
		}
		seen[id] = true
	}
}
