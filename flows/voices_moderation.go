package flows

import (
	"errors"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
)

// moderationFlow (/moderation) shows the oldest opinion waiting for an
// organizer; its buttons decide it and show the next.
func (v *voices) moderationFlow() *bot.Flow {
	return &bot.Flow{
		Name:      "moderation",
		Start:     "show",
		Organizer: true,
		Steps: map[bot.StepID]bot.Step{"show": {Prompt: func(c *bot.Conv) (bot.Prompt, error) {
			return bot.Prompt{}, v.showPending(c, "")
		}}},
	}
}

// showPending replies with the next pending opinion after the one with
// id after, or says that none waits.
func (v *voices) showPending(c *bot.Conv, after string) error {
	ctx := c.Context()
	o, err := v.deps.Store.NextPending(ctx, after)
	if errors.Is(err, store.ErrNotFound) {
		if after == "" {
			c.Say("voices_mod_empty")
		} else {
			c.Say("voices_mod_no_more")
		}
		return nil
	}
	if err != nil {
		return err
	}
	n, err := v.deps.Store.PendingCount(ctx)
	if err != nil {
		return err
	}
	c.Say("voices_mod_waiting", "Count", int(n))
	c.Reply(v.moderationCard(c.L, o, true))
	return nil
}

// moderate handles [Freigeben] and [Ablehnen]: "ID:y" or "ID:n", with
// ":p" when pressed in the pager. Only the first decision counts; a second
// organizer hears that it was decided already.
func (v *voices) moderate(c *bot.Conv, arg string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	parts := strings.Split(arg, ":")
	if len(parts) < 2 || (parts[1] != "y" && parts[1] != "n") {
		c.Refuse("error_stale")
		return nil
	}
	id, approve, pager := parts[0], parts[1] == "y", len(parts) > 2 && parts[2] == "p"
	o, err := v.deps.Store.DecideOpinion(c.Context(), id, approve, derivedID(c, "decision"), c.Now)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c.Refuse("voices_mod_gone")
		return nil
	case errors.Is(err, store.ErrDecided):
		c.Refuse("voices_mod_already", "Status", c.L.S("voices_status_"+o.Status))
		return nil
	case err != nil:
		return err
	}
	if approve {
		c.Say("voices_mod_approved")
		if o.Next != "" {
			c.Reply(vorhabenOffer(c.L, o))
		}
	} else {
		c.Say("voices_mod_rejected")
	}
	if v.deps.Config.Voices.NotifyAuthor {
		if err := v.tellAuthor(c, o); err != nil {
			return err
		}
	}
	if pager {
		return v.showPending(c, id)
	}
	return nil
}

// moderateNext shows the opinion after the one an organizer put off.
func (v *voices) moderateNext(c *bot.Conv, id string) error {
	if !c.Organizer {
		c.Refuse("error_organizers_only")
		return nil
	}
	return v.showPending(c, id)
}

// tellAuthor tells the author, in their language, how their opinion was
// decided. An author who deleted their data is not told.
func (v *voices) tellAuthor(c *bot.Conv, o store.Opinion) error {
	_, p, err := v.deps.Store.PersonByRef(c.Context(), o.Ref)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	l, err := v.localizer(p.Lang, p.Chat, true)
	if err != nil {
		return err
	}
	c.Notify(bot.Message{To: p.Chat, Text: l.T("voices_author_"+o.Status, "Text", excerpt(o.Text, 80)),
		Kind: kindDecided, Vars: map[string]string{"title": excerpt(o.Text, 60), "status": l.S("voices_status_" + o.Status)}})
	return nil
}

// excerpt shortens s to at most n characters.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
