package flows

import (
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
)

// vhListDone is how long a closed Vorhaben stays in /vorhaben.
const vhListDone = 30 * 24 * time.Hour

// listFlow (/vorhaben) lists the Vorhaben by theme, each with its
// district, status and last news. Everyone can follow one; its holder
// reports from here; organizers start new ones and find holders.
func (h *vorhaben) listFlow() *bot.Flow {
	return &bot.Flow{
		Name:  "vorhaben",
		Start: "list",
		Steps: map[bot.StepID]bot.Step{"list": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{}, h.list(c)
		}}},
	}
}

func (h *vorhaben) list(c *bot.Conv) error {
	ctx := c.Context()
	all, err := h.deps.Store.AllVorhaben(ctx)
	if err != nil {
		return err
	}
	var shown []store.Vorhaben
	for _, v := range all {
		if v.Open() || c.Now.Sub(v.News) < vhListDone {
			shown = append(shown, v)
		}
	}
	if len(shown) == 0 {
		c.Say("vh_list_empty")
	} else {
		c.Say("vh_list_title", "Count", len(shown))
	}
	cm := h.deps.Config.Community
	themes := append([]config.Option(nil), cm.Themes...)
	themes = append(themes, config.Option{}) // unknown themes last
	listed := map[string]bool{}
	for _, t := range themes {
		for _, v := range shown {
			_, known := config.Find(cm.Themes, v.Theme)
			if listed[v.ID] || (t.ID != "" && v.Theme != t.ID) || (t.ID == "" && known) {
				continue
			}
			listed[v.ID] = true
			m, err := h.listEntry(c, v)
			if err != nil {
				return err
			}
			c.Reply(m)
		}
	}
	if c.Organizer {
		c.Reply(bot.Message{Text: c.L.T("vh_list_organizer"), Buttons: [][]bot.Button{{
			{Label: c.L.S("vh_list_new"), Payload: bot.ActionPayload(actionVhNew, "")},
		}}})
	}
	return nil
}

// listEntry is one Vorhaben of the list with the buttons that fit the
// reader: report (its holder), follow or stop following, find a holder
// (organizers, while nobody holds it).
func (h *vorhaben) listEntry(c *bot.Conv, v store.Vorhaben) (bot.Message, error) {
	m := bot.Message{Text: h.card(c.L, v)}
	if c.Profile == nil {
		return m, nil
	}
	if v.Holder == c.Profile.Ref && v.HolderState == store.HolderAccepted && v.Open() {
		m.Buttons = statusButtons(c.L, v.ID)
		return m, nil
	}
	if c.Organizer && v.HolderState != store.HolderAccepted && v.Open() {
		m.Buttons = append(m.Buttons, []bot.Button{{Label: c.L.S("vh_list_assign"), Payload: bot.ActionPayload(actionVhAssign, v.ID)}})
	}
	f, ok, err := h.deps.Store.FollowerOf(c.Context(), v.ID, c.Profile.Ref)
	if err != nil {
		return m, err
	}
	if ok && f.Answer == store.FollowYes {
		m.Buttons = append(m.Buttons, []bot.Button{{Label: c.L.S("vh_list_unfollow"), Payload: bot.ActionPayload(actionVhFollow, v.ID+":n")}})
	} else if v.Open() {
		m.Buttons = append(m.Buttons, []bot.Button{{Label: c.L.S("vh_list_follow"), Payload: bot.ActionPayload(actionVhFollow, v.ID+":y")}})
	}
	return m, nil
}
