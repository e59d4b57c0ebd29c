package mattermost

import (
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/bot"
)

// Paths of the callbacks below the actions URL.
const (
	actionsPath = "/mattermost/actions"
	commandPath = "/mattermost/command"
)

// buttonAttachment turns the buttons of m into interactive buttons. Each
// carries its payload signed for the channel, the person (in a direct
// channel, and in another channel the one the message is for) and an
// expiry.
func (a *Adapter) buttonAttachment(ch *model.Channel, m bot.Message) *model.MessageAttachment {
	att := &model.MessageAttachment{}
	expires := a.now().Add(a.cfg.ButtonTTL)
	user := a.dmPartner(ch)
	if user == "" {
		user = m.For
	}
	n := 0
	for _, row := range m.Buttons {
		for _, b := range row {
			n++
			ctx := a.sign.context(button{
				Payload: b.Payload, Label: b.Label, Channel: ch.Id,
				User: user, Thread: m.Thread, Expires: expires,
			})
			att.Actions = append(att.Actions, &model.PostAction{
				Id:   "b" + strconv.Itoa(n),
				Type: model.PostActionTypeButton,
				Name: b.Label,
				Integration: &model.PostActionIntegration{
					URL:     a.cfg.ActionsURL + actionsPath,
					Context: ctx,
				},
			})
		}
	}
	return att
}
