package mattermost_test

import (
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// After /loeschen nothing the bot keeps names the person's direct channel,
// whether they confirmed by typing or by pressing the button, and the bot's
// own last word does not bring the mark back; a reconnect afterwards reads
// only what is new in that channel.
func TestErasureLeavesNoMarkOfTheDirectChannel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    []option
		confirm func(h *harness, anna *model.User, dmID string)
	}{
		{"typed", nil, func(h *harness, anna *model.User, dmID string) {
			h.say(anna, dmID, "Ja, alles löschen")
		}},
		{"pressed", []option{withButtons()}, func(h *harness, anna *model.User, dmID string) {
			p, yes := h.buttonPost(dmID, "Ja, alles löschen")
			h.press(p, yes, anna)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.opts...)
			anna, dm := h.user("anna")
			h.say(anna, dm.Id, "Hallo")
			h.say(anna, dm.Id, "Einverstanden")
			if len(storetest.Traces(t, h.store.Client(), dm.Id)) == 0 {
				t.Fatal("the direct channel left no trace before the erasure: the test would prove nothing")
			}
			h.say(anna, dm.Id, "loeschen")
			tc.confirm(h, anna, dm.Id)
			h.waitFor(dm.Id, "Ich habe alles gelöscht")
			// The bot's own post comes back over the WebSocket; a later post
			// elsewhere shows it has been read.
			bert, other := h.user("bert")
			h.say(bert, other.Id, "Hallo")
			if keys := storetest.Traces(t, h.store.Client(), dm.Id); len(keys) > 0 {
				t.Errorf("after /loeschen the direct channel is still named in %v", keys)
			}

			// Anna writes again while the bot is away: that post alone is
			// answered, not her earlier ones.
			before := len(h.srv.PostsIn(dm.Id))
			h.srv.SetWebSocketDown(true)
			h.srv.DropConnections()
			h.post(anna, dm.Id, "hilfe", mattermosttest.PostOptions{})
			h.srv.SetWebSocketDown(false)
			h.waitFor(dm.Id, "Das kannst du tun")
			h.say(bert, other.Id, "hilfe") // everything queued before is done
			if got := messages(h.srv.PostsIn(dm.Id)[before:]); strings.Count(got, "---") != 1 {
				t.Errorf("after the reconnect the bot wrote to Anna:\n%s", got)
			}
		})
	}
}
