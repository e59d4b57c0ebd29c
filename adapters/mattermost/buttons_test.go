package mattermost_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
)

// buttonPost waits for the bot's post with a button labelled label and
// returns it with the button's action.
func (h *harness) buttonPost(channelID, label string) (*model.Post, *model.PostAction) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var action *model.PostAction
	p, err := h.srv.WaitPost(ctx, channelID, func(p *model.Post) bool {
		for _, a := range p.Attachments() {
			for _, act := range a.Actions {
				if act.Name == label {
					action = act
					return true
				}
			}
		}
		return false
	})
	if err != nil {
		h.t.Fatalf("no button %q:\n%s", label, messages(h.srv.PostsIn(channelID)))
	}
	return p, action
}

// press presses a button as user and returns the answer only they see.
func (h *harness) press(p *model.Post, action *model.PostAction, user *model.User) string {
	h.t.Helper()
	resp, err := h.srv.DoAction(context.Background(), "", p, action.Id, user)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.EphemeralText
}

// forge sends a button callback as Mattermost would, with a context of the
// test's making.
func (h *harness) forge(p *model.Post, user *model.User, context map[string]any) string {
	h.t.Helper()
	body, _ := json.Marshal(model.PostActionIntegrationRequest{
		UserId: user.Id, UserName: user.Username, ChannelId: p.ChannelId, PostId: p.Id,
		TriggerId: model.NewId(), Type: model.PostActionTypeButton, Context: context,
	})
	resp, err := http.Post(h.http.URL+"/mattermost/actions", "application/json", bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out model.PostActionIntegrationResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		h.t.Fatalf("status %s: %v", resp.Status, err)
	}
	if out.Update != nil {
		h.t.Errorf("a refused button changed its post to %q", out.Update.Message)
	}
	return out.EphemeralText
}

func TestValidButtonAnswersAndShowsTheChoice(t *testing.T) {
	h := newHarness(t, withButtons())
	anna, dm := h.user("anna")
	h.post(anna, dm.Id, "Hallo", mattermosttest.PostOptions{})
	greeting, yes := h.buttonPost(dm.Id, "Einverstanden")
	if strings.Contains(greeting.Message, "1. Einverstanden") {
		t.Errorf("with buttons, choices are no numbered list:\n%s", greeting.Message)
	}

	if eph := h.press(greeting, yes, anna); eph != "" {
		t.Errorf("a valid press answered %q", eph)
	}
	h.buttonPost(dm.Id, "Badeborn")
	pressed := h.srv.PostsIn(dm.Id)[0]
	if !strings.Contains(pressed.Message, "Bist du einverstanden?") || !strings.Contains(pressed.Message, "✓ Einverstanden") {
		t.Errorf("pressed post does not show the choice:\n%s", pressed.Message)
	}
	if len(pressed.Attachments()) != 0 {
		t.Errorf("pressed post still has buttons")
	}
}

func TestForgedButtonsChangeNothing(t *testing.T) {
	h := newHarness(t, withButtons())
	anna, dm := h.user("anna")
	berta, _ := h.user("berta")
	h.post(anna, dm.Id, "Hallo", mattermosttest.PostOptions{})
	greeting, yes := h.buttonPost(dm.Id, "Einverstanden")
	_, no := h.buttonPost(dm.Id, "Ohne Speichern weiter")

	tampered := copyContext(yes.Integration.Context)
	tampered["p"] = no.Integration.Context["p"] // another payload under yes' signature
	unsigned := copyContext(yes.Integration.Context)
	delete(unsigned, "s")

	for name, eph := range map[string]string{
		"tampered payload":  h.forge(greeting, anna, tampered),
		"no signature":      h.forge(greeting, anna, unsigned),
		"someone else's DM": h.forge(greeting, berta, yes.Integration.Context),
	} {
		if !strings.Contains(eph, "Dieser Knopf gilt nicht") {
			t.Errorf("%s: answered %q", name, eph)
		}
	}
	if n := len(h.srv.PostsIn(dm.Id)); n != 1 {
		t.Fatalf("forged presses made the bot write:\n%s", messages(h.srv.PostsIn(dm.Id)))
	}
	// The real button still works: nothing was consumed.
	h.press(greeting, yes, anna)
	h.buttonPost(dm.Id, "Badeborn")
}

func TestStaleButtonChangesNothing(t *testing.T) {
	h := newHarness(t, withButtons())
	anna, dm := h.user("anna")
	h.post(anna, dm.Id, "Hallo", mattermosttest.PostOptions{})
	greeting, yes := h.buttonPost(dm.Id, "Einverstanden")

	h.clock.Advance(25 * time.Hour)
	if eph := h.press(greeting, yes, anna); !strings.Contains(eph, "Dieser Knopf gilt nicht") {
		t.Errorf("an expired button answered %q", eph)
	}
	posts := h.srv.PostsIn(dm.Id)
	if len(posts) != 1 || len(posts[0].Attachments()) == 0 {
		t.Errorf("an expired button changed the chat:\n%s", messages(posts))
	}
}

func copyContext(c map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range c {
		out[k] = v
	}
	return out
}
