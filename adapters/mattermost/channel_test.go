package mattermost_test

import (
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

func TestMentionInChannelIsAnsweredInItsThread(t *testing.T) {
	h := newHarness(t)
	anna, _ := h.user("anna")
	square := h.srv.TownSquare()

	// Without a mention the bot stays out of the conversation.
	h.post(anna, square.Id, "Wer kommt morgen zum Stadtgespräch?", mattermosttest.PostOptions{})
	mention := h.post(anna, square.Id, "@heimatbot hilfe", mattermosttest.PostOptions{})
	answer := h.waitNth(square.Id, 0)
	if answer.RootId != mention.Id {
		t.Errorf("answer in thread %q, want the mention's thread %q", answer.RootId, mention.Id)
	}
	if !strings.Contains(answer.Message, "Das kannst du tun") {
		t.Fatalf("mention answered with:\n%s", answer.Message)
	}

	// A mention inside a thread is answered in that thread.
	h.post(anna, square.Id, "Und was ist das hier, @heimatbot?", mattermosttest.PostOptions{RootID: mention.Id})
	second := h.waitNth(square.Id, 1)
	if second.RootId != mention.Id {
		t.Errorf("answer to a reply in thread %q, want %q", second.RootId, mention.Id)
	}
	if n := len(h.srv.PostsIn(square.Id)); n != 2 {
		t.Errorf("bot wrote %d posts in the channel, want 2:\n%s", n, messages(h.srv.PostsIn(square.Id)))
	}
}
