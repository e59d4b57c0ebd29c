package mattermost_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// pickFlow is a multiple choice: each press ticks or unticks an item and
// asks again; Fertig ends it.
func pickFlow() (*bot.Flow, bot.Command) {
	f := &bot.Flow{Name: "pick", Start: "s", Steps: map[bot.StepID]bot.Step{"s": {
		Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			p := bot.Prompt{Text: bot.PlainText("Was magst du?")}
			for _, item := range []string{"Äpfel", "Birnen"} {
				label := item
				if strings.Contains(c.Get("picked"), item) {
					label = "✓ " + item
				}
				p.Choices = append(p.Choices, bot.Choice{Label: label, Value: item})
			}
			p.Choices = append(p.Choices, bot.Choice{Label: "Fertig", Value: "done"})
			return p, nil
		},
		Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
			if in.Choice == "done" {
				return bot.End, nil
			}
			picked := strings.Fields(c.Get("picked"))
			if i := slices.Index(picked, in.Choice); i >= 0 {
				picked = slices.Delete(picked, i, i+1)
			} else {
				picked = append(picked, in.Choice)
			}
			c.Set("picked", strings.Join(picked, " "))
			return c.State.Step, nil
		},
	}}}
	return f, bot.Command{Names: []string{"wahl"}, Flow: "pick", Help: "menu_help"}
}

// actionNames lists a post's buttons.
func actionNames(p *model.Post) []string {
	var names []string
	for _, a := range p.Attachments() {
		for _, act := range a.Actions {
			names = append(names, act.Name)
		}
	}
	return names
}

// postNow is the post with id as the channel shows it now.
func (h *harness) postNow(channelID, id string) *model.Post {
	h.t.Helper()
	for _, p := range h.srv.PostsIn(channelID) {
		if p.Id == id {
			return p
		}
	}
	h.t.Fatalf("no post %s", id)
	return nil
}

// A press on an outdated question leaves that post as it was; a multiple
// choice stays one post that shows what is chosen.
func TestPressesChangeOnlyWhatTheyApplyTo(t *testing.T) {
	h := newHarness(t, withButtons(), withFlow(pickFlow()))
	anna, dm := h.user("anna")
	h.say(anna, dm.Id, "wahl")
	old, oldApples := h.buttonPost(dm.Id, "Äpfel")
	before := h.postNow(dm.Id, old.Id)
	h.say(anna, dm.Id, "wahl") // asked again: the first question is outdated
	h.press(old, oldApples, anna)
	h.waitFor(dm.Id, "nicht mehr aktuell")
	after := h.postNow(dm.Id, old.Id)
	if after.Message != before.Message || !slices.Equal(actionNames(after), actionNames(before)) {
		t.Errorf("the outdated question changed: %q %v → %q %v", before.Message, actionNames(before), after.Message, actionNames(after))
	}

	posts := len(h.srv.PostsIn(dm.Id))
	question := h.srv.PostsIn(dm.Id)[posts-2] // the second question, before the stale notice
	for _, label := range []string{"Äpfel", "Birnen", "✓ Äpfel"} {
		p := h.postNow(dm.Id, question.Id)
		i := slices.Index(actionNames(p), label)
		if i < 0 {
			t.Fatalf("no %q on the question: %v", label, actionNames(p))
		}
		h.press(p, p.Attachments()[0].Actions[i], anna)
	}
	if n := len(h.srv.PostsIn(dm.Id)); n != posts {
		t.Errorf("the taps posted %d new posts, want the question updated in place:\n%s", n-posts, messages(h.srv.PostsIn(dm.Id)[posts:]))
	}
	if got := actionNames(h.postNow(dm.Id, question.Id)); !slices.Equal(got, []string{"Äpfel", "✓ Birnen", "Fertig"}) {
		t.Errorf("the question shows %v, want Birnen ticked and Äpfel not", got)
	}
}
