package flows

import (
	"errors"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// voteValue reads an answer to a statement in /stimmen.
func voteValue(choice string) (int8, bool) {
	switch choice {
	case "agree":
		return store.Agree, true
	case "disagree":
		return store.Disagree, true
	case "pass":
		return store.Pass, true
	}
	return 0, false
}

// voteFlow (/stimmen) shows approved opinions of others one at a time, the
// least-voted first and within the person's interests first, and takes
// their vote. A skipped statement is not shown again in the same round.
func (v *voices) voteFlow() *bot.Flow {
	return &bot.Flow{
		Name:     "vote",
		Personal: true,
		Start:    "statement",
		Consent:  true,
		Steps: map[bot.StepID]bot.Step{"statement": {
			Prompt: func(c *bot.Conv) (bot.Prompt, error) {
				o, ok, err := v.currentStatement(c)
				if err != nil || !ok {
					return bot.Prompt{}, err
				}
				return bot.Prompt{
					// The statement, then the question it is shown for.
					Text: v.opinionText(c.L, o).Append(c.L.T("voices_vote_question")),
					Choices: []bot.Choice{
						{Label: c.L.S("voices_vote_agree"), Value: "agree"},
						{Label: c.L.S("voices_vote_disagree"), Value: "disagree"},
						{Label: c.L.S("voices_vote_pass"), Value: "pass"},
						{Label: c.L.S("button_skip"), Value: valueSkip},
						{Label: c.L.S("button_done"), Value: valueDone},
					},
					Columns: 3,
				}, nil
			},
			Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
				id := c.Get("id")
				switch in.Choice {
				case valueDone:
					t, err := v.mirror(c)
					if err != nil {
						return "", err
					}
					c.Reply(bot.Message{Text: c.L.T("voices_vote_thanks").Append(t)})
					return bot.End, nil
				case valueSkip:
					c.Set("skipped", strings.Join(append(list(c, "skipped"), id), ","))
					c.Set("id", "")
					return c.State.Step, nil
				}
				val, ok := voteValue(in.Choice)
				if !ok {
					return c.State.Step, nil
				}
				err := v.deps.Store.CastVote(c.Context(), store.Vote{
					Statement: id, Voter: c.Profile.Ref, Value: val,
					District: c.Profile.District, Role: c.Profile.Role, At: c.Now.UTC(),
				})
				if errors.Is(err, store.ErrNotFound) {
					c.Refuse("voices_vote_gone")
				} else if err != nil {
					return "", err
				}
				c.Set("id", "")
				return c.State.Step, nil
			},
		}},
	}
}

// suggestVote leads, at the end of onboarding, into voting on the town's
// statements when there is one the person may see.
func (v *voices) suggestVote(c *bot.Conv) ([]bot.Message, string, error) {
	_, err := v.pickStatement(c)
	if errors.Is(err, store.ErrNotFound) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	return []bot.Message{{Text: c.L.T("voices_first_vote", "Community", v.deps.Config.Community.Name)}}, "vote", nil
}

// voteDoneFlow says that there is nothing (more) to vote on, and shows the
// person their place on the opinion map.
func (v *voices) voteDoneFlow() *bot.Flow {
	return &bot.Flow{
		Name:  "vote_done",
		Start: "none",
		Steps: map[bot.StepID]bot.Step{"none": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			t, err := v.mirror(c)
			return bot.Prompt{Text: c.L.T("voices_vote_none").Append(t)}, err
		}}},
	}
}

// currentStatement returns the statement the open question is about,
// picking the next one when there is none yet. Without any left it
// switches to vote_done and reports false.
func (v *voices) currentStatement(c *bot.Conv) (store.Opinion, bool, error) {
	ctx := c.Context()
	for range 3 { // a statement may vanish between picking and reading
		id := c.Get("id")
		if id == "" {
			var err error
			id, err = v.pickStatement(c)
			if errors.Is(err, store.ErrNotFound) {
				c.Switch("vote_done")
				return store.Opinion{}, false, nil
			}
			if err != nil {
				return store.Opinion{}, false, err
			}
			c.Set("id", id)
		}
		o, err := v.deps.Store.Opinion(ctx, id)
		if err == nil && o.Status == store.OpinionApproved {
			return o, true, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return store.Opinion{}, false, err
		}
		c.Set("skipped", strings.Join(append(list(c, "skipped"), id), ","))
		c.Set("id", "")
	}
	c.Switch("vote_done")
	return store.Opinion{}, false, nil
}

// pickStatement asks the store for the least-voted statement the person
// may see, within their interests first.
func (v *voices) pickStatement(c *bot.Conv) (string, error) {
	var interests, others []string
	for _, t := range v.deps.Config.Community.Themes {
		if slices.Contains(c.Profile.Interests, t.ID) {
			interests = append(interests, t.ID)
		} else {
			others = append(others, t.ID)
		}
	}
	return v.deps.Store.NextStatement(c.Context(), c.Profile.Ref, interests, others, list(c, "skipped"))
}
