package mattermost_test

import (
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

func TestPostsMadeWhileDisconnectedAreHandledOnceAfterReconnect(t *testing.T) {
	h := newHarness(t)
	anna, dm := h.user("anna")
	berta, _ := h.user("berta")
	square := h.srv.TownSquare()
	h.say(anna, dm.Id, "Hallo") // greeting: the bot knows this channel now

	h.srv.SetWebSocketDown(true)
	h.srv.DropConnections()
	h.post(anna, dm.Id, "1", mattermosttest.PostOptions{})
	mention := h.post(berta, square.Id, "@heimatbot hilfe", mattermosttest.PostOptions{})
	h.srv.SetWebSocketDown(false)

	h.waitFor(dm.Id, "In welchem Ortsteil")
	help := h.waitFor(square.Id, "Das kannst du tun")
	if help.RootId != mention.Id {
		t.Errorf("missed mention answered in thread %q, want %q", help.RootId, mention.Id)
	}

	// Drop once more with nothing new: the posts caught up before must
	// not be answered again.
	h.srv.DropConnections()
	last := h.say(anna, dm.Id, "Badeborn")
	if !strings.Contains(last.Message, "Danke, das war's schon!") {
		t.Fatalf("after reconnecting, the conversation did not go on:\n%s", last.Message)
	}
	dmPosts := h.srv.PostsIn(dm.Id)
	if got := strings.Count(messages(dmPosts), "In welchem Ortsteil"); got != 1 {
		t.Errorf("the missed answer was handled %d times, want once:\n%s", got, messages(dmPosts))
	}
	if got := len(h.srv.PostsIn(square.Id)); got != 1 {
		t.Errorf("the missed mention was answered %d times, want once", got)
	}
	if len(h.sleeps.all()) == 0 {
		t.Error("reconnected without waiting")
	}
}
