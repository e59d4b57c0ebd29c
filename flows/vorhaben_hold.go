package flows

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// answerHold handles [Übernehmen] and [Ablehnen] of the person asked to
// hold a Vorhaben: "ID:y" or "ID:n". The organizers hear the answer.
func (h *vorhaben) answerHold(c *bot.Conv, arg string) error {
	id, answer, ok := splitArg(arg)
	if c.Profile == nil || !ok || (answer != "y" && answer != "n") {
		c.Refuse("error_stale")
		return nil
	}
	ctx := c.Context()
	if answer == "y" {
		v, err := h.deps.Store.Vorhaben(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			c.Refuse("error_stale")
			return nil
		}
		if err != nil {
			return err
		}
		if v.Holder != c.Profile.Ref {
			c.Say("vh_hold_not_you")
			return nil
		}
		return h.accept(c, id)
	}
	fresh, err := h.deps.Store.AnswerHolder(ctx, id, c.Profile.Ref, false, c.Now)
	if refused(c, err) {
		return nil
	}
	if err != nil {
		return err
	}
	c.Say("vh_hold_declined")
	if !fresh {
		return nil
	}
	v, err := h.deps.Store.Vorhaben(ctx, id)
	if err != nil {
		return err
	}
	return h.tellOrganizers(ctx, "vhd-"+id+"-"+derivedID(c, "decline"), kindVhDeclined, v, "")
}

// refused answers a change the store refused (not the holder, closed,
// held already) and reports whether it did; the error is then answered.
func refused(c *bot.Conv, err error) bool {
	switch {
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNotHolder):
		c.Say("vh_hold_not_you")
	case errors.Is(err, store.ErrClosed):
		c.Refuse("vh_closed")
	case errors.Is(err, store.ErrHeld):
		c.Refuse("vh_hold_already")
	default:
		return false
	}
	return true
}

// accept records that the person in c holds the Vorhaben, schedules the
// bot's asks, asks the people it concerns whether they want to hear what
// becomes of it, and tells the organizers.
func (h *vorhaben) accept(c *bot.Conv, id string) error {
	ctx := c.Context()
	fresh, err := h.deps.Store.AnswerHolder(ctx, id, c.Profile.Ref, true, c.Now)
	if refused(c, err) {
		return nil
	}
	if err != nil {
		return err
	}
	v, err := h.deps.Store.Vorhaben(ctx, id)
	if err != nil {
		return err
	}
	if v.Due.IsZero() {
		c.Say("vh_hold_thanks_nodue", "Title", v.Title)
	} else {
		c.Say("vh_hold_thanks", "Title", v.Title, "Due", h.date(c.L, v.Due))
	}
	c.Reply(bot.Message{Text: c.L.T("vh_status_anytime"), Buttons: statusButtons(c.L, v.ID)})
	if !fresh {
		return nil
	}
	if err := h.schedule(ctx, v, c.Now); err != nil {
		return err
	}
	if err := h.askFollowers(c, v); err != nil {
		return err
	}
	if v.Creator == c.Profile.Ref {
		return nil
	}
	return h.tellOrganizers(ctx, "vhac-"+id+"-"+derivedID(c, "accept"), kindVhAccepted, v, "")
}

// candidates are the people a Vorhaben concerns, by Ref: the authors of
// its opinions and those who agreed with them, those who said yes to its
// event, and the helpers interested in its need. The holder and the
// creator are not asked.
func (h *vorhaben) candidates(ctx context.Context, v store.Vorhaben) (map[string]string, error) {
	st := h.deps.Store
	out := map[string]string{}
	add := func(ref, rel string) {
		if _, ok := out[ref]; !ok && ref != "" && ref != v.Holder && ref != v.Creator {
			out[ref] = rel
		}
	}
	for _, id := range v.Opinions {
		o, err := st.Opinion(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted by its author
		}
		if err != nil {
			return nil, err
		}
		add(o.Ref, store.FollowAuthor)
		agreed, err := st.Agreed(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, r := range agreed {
			add(r, store.FollowAgreed)
		}
	}
	if v.Event != "" {
		users, err := st.Attendees(ctx, v.Event, store.RSVPYes)
		if err != nil {
			return nil, err
		}
		profiles, err := st.Profiles(ctx, users)
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			if p, ok := profiles[u]; ok {
				add(p.Ref, store.FollowAttended)
			}
		}
	}
	if v.Need != "" {
		m, err := st.Matches(ctx, v.Need)
		if err != nil {
			return nil, err
		}
		for ref, answer := range m {
			if answer == store.MatchInterested {
				add(ref, store.FollowHelper)
			}
		}
	}
	return out, nil
}

// askFollowers asks the people v concerns, each once, whether they want
// to hear what becomes of it.
func (h *vorhaben) askFollowers(c *bot.Conv, v store.Vorhaben) error {
	ctx := c.Context()
	cands, err := h.candidates(ctx, v)
	if err != nil {
		return err
	}
	asked, err := h.deps.Store.AskFollowers(ctx, v.ID, cands)
	if err != nil {
		return err
	}
	to, err := h.users(ctx, asked)
	if err != nil || len(to) == 0 {
		return nil
	}
	_, err = h.broadcasts.Start(ctx, scheduler.Broadcast{ID: "vha-" + v.ID + "-" + derivedID(c, "ask"), Kind: kindVhAsk, Event: v.ID}, to)
	return err
}

// answerFollow handles [Ja, gern] and [Nein, danke] under the question
// whether to follow, and the follow buttons of /vorhaben.
func (h *vorhaben) answerFollow(c *bot.Conv, arg string) error {
	id, answer, ok := splitArg(arg)
	if !ok || (answer != "y" && answer != "n") {
		c.Refuse("error_stale")
		return nil
	}
	if c.Profile == nil {
		c.Say("vh_follow_consent")
		return nil
	}
	value := store.FollowNo
	if answer == "y" {
		value = store.FollowYes
	}
	_, err := h.deps.Store.Follow(c.Context(), id, c.Profile.Ref, value)
	if errors.Is(err, store.ErrNotFound) {
		c.Refuse("error_stale")
		return nil
	}
	if err != nil {
		return err
	}
	if value == store.FollowYes {
		c.Say("vh_follow_yes")
	} else {
		c.Say("vh_follow_no")
	}
	return nil
}

// startStatus opens the status flow from one of the holder's buttons:
// "ID:STATUS".
func (h *vorhaben) startStatus(c *bot.Conv, arg string) error {
	id, status, ok := splitArg(arg)
	if c.Profile == nil || !ok || !slices.Contains(vorhabenStatuses, status) {
		c.Refuse("error_stale")
		return nil
	}
	v, err := h.deps.Store.Vorhaben(c.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c.Refuse("error_stale")
		return nil
	case err != nil:
		return err
	case v.Holder != c.Profile.Ref || v.HolderState != store.HolderAccepted:
		c.Say("vh_hold_not_you")
		return nil
	case !v.Open():
		c.Refuse("vh_closed")
		return nil
	}
	return c.StartFlow("vorhaben_status", "id", id, "status", status)
}

// statusFlow takes the holder's sentence on a status (required for
// "hängt" and "aufgegeben"), for "hängt" offers to ask the helpers whose
// offer fits, and records it; the followers hear of it.
func (h *vorhaben) statusFlow() *bot.Flow {
	cm := h.deps.Config.Community
	return &bot.Flow{
		Name:    "vorhaben_status",
		Start:   "note",
		Consent: true,
		Steps: map[bot.StepID]bot.Step{
			"note": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					status := c.Get("status")
					p := bot.Prompt{Text: c.L.T("vh_note_"+status, "Max", vhNoteMax), FreeText: true}
					if status == store.VorhabenDone || status == store.VorhabenRunning {
						p.Choices = []bot.Choice{{Label: c.L.S("vh_note_skip"), Value: valueSkip}}
					}
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					status := c.Get("status")
					optional := status == store.VorhabenDone || status == store.VorhabenRunning
					switch {
					case in.Choice == valueSkip && optional:
						c.Set("note", "")
					case in.Choice != "":
						return c.State.Step, nil
					default:
						if n := len([]rune(in.Text)); n > vhNoteMax {
							c.Say("voices_too_long", "Max", vhNoteMax, "Length", n)
							return c.State.Step, nil
						}
						c.Set("note", in.Text)
					}
					if status == store.VorhabenStuck && len(cm.HelpCategories) > 0 {
						return "help", nil
					}
					return bot.End, h.saveStatus(c, "")
				},
			},
			"help": {
				Prompt: func(c *bot.Conv) (bot.Prompt, error) {
					p := bot.Prompt{Text: c.L.T("vh_help_ask"), Choices: choices(c, cm.HelpCategories), Columns: 2}
					p.Choices = append(p.Choices, bot.Choice{Label: c.L.S("vh_help_none"), Value: valueNothing})
					return p, nil
				},
				Handle: func(c *bot.Conv, in bot.Input) (bot.StepID, error) {
					if in.Choice == valueNothing {
						return bot.End, h.saveStatus(c, "")
					}
					if _, ok := config.Find(cm.HelpCategories, in.Choice); !ok {
						return c.State.Step, nil
					}
					return bot.End, h.saveStatus(c, in.Choice)
				},
			},
		},
	}
}

// saveStatus records the holder's status; the followers hear of it and
// the bot's asks are rescheduled. With a help category, the helpers whose
// offer fits are asked, as for a need the holder posted.
func (h *vorhaben) saveStatus(c *bot.Conv, category string) error {
	ctx := c.Context()
	id, status, note := c.Get("id"), c.Get("status"), c.Get("note")
	v, changed, err := h.deps.Store.SetStatus(ctx, id, c.Profile.Ref, status, note, derivedID(c, "status"), c.Now)
	if refused(c, err) {
		return nil
	}
	if err != nil {
		return err
	}
	if changed {
		if err := h.schedule(ctx, v, c.Now); err != nil {
			return err
		}
		if err := h.wordBack(ctx, v); err != nil {
			return err
		}
	}
	c.Say("vh_status_saved", "Status", c.L.S("vh_status_"+status))
	if category == "" {
		return nil
	}
	district := v.District
	if district == "" {
		district = c.Profile.District
	}
	n := store.Need{ID: derivedID(c, "vhneed"), Ref: c.Profile.Ref, Title: v.Title, Text: note,
		Categories: []string{category}, District: district, When: c.L.S("vh_help_when"),
		Status: store.NeedOpen, Created: c.Now.UTC()}
	asked, err := h.vo.postNeed(c, n)
	if err != nil {
		return err
	}
	c.Say("vh_help_asked", "Count", asked)
	return nil
}

// wordBack tells every follower of v, once, its new status.
func (h *vorhaben) wordBack(ctx context.Context, v store.Vorhaben) error {
	followers, err := h.deps.Store.Followers(ctx, v.ID)
	if err != nil {
		return err
	}
	var refs []string
	for ref, f := range followers {
		if f.Answer == store.FollowYes {
			refs = append(refs, ref)
		}
	}
	to, err := h.users(ctx, refs)
	if err != nil {
		return err
	}
	b := scheduler.Broadcast{ID: "vhn-" + v.ID + "-" + seqArg(v.Seq), Kind: kindVhNews, Event: v.ID,
		Arg: v.Status + "\n" + v.Note}
	_, err = h.broadcasts.Start(ctx, b, to)
	return err
}

// users are the people behind refs, sorted; those who deleted their data
// are left out.
func (h *vorhaben) users(ctx context.Context, refs []string) ([]bot.User, error) {
	var out []bot.User
	for _, ref := range refs {
		u, _, err := h.deps.Store.PersonByRef(ctx, ref)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b bot.User) int { return strings.Compare(a.Key(), b.Key()) })
	return out, nil
}
