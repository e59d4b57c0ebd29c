package flows

import (
	"context"
	"errors"
	"fmt"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/poster"
	"github.com/heimatbot/heimatbot/store"
)

// posterFile is the printable A4 poster of e for l's reader, nil when no
// link leads from paper to the bot (its name is not known).
func (k *events) posterFile(l *bot.Localizer, e store.Event) (*bot.File, error) {
	links := k.posterLinks(e.ID)
	if len(links) == 0 {
		return nil, nil
	}
	data, err := poster.PDF(poster.Sheet{
		Community: k.deps.Config.Community.Name, Title: e.Title, When: k.when(l, e), Place: e.Place,
		Description: e.Description, Call: l.S("poster_call"), Links: links,
	})
	if err != nil {
		return nil, fmt.Errorf("poster of %s: %w", e.ID, err)
	}
	return &bot.File{Name: "plakat-" + e.ID + ".pdf", ContentType: "application/pdf", Data: data}, nil
}

// posterLinks are the ways from a poster to event id, one QR code each:
// Telegram's deep link and WhatsApp's chat link with "start ev_ID" typed
// in, for those configured.
func (k *events) posterLinks(id string) []poster.Link {
	var links []poster.Link
	if link := k.shareLink(id); link != "" {
		links = append(links, poster.Link{Label: "Telegram", URL: link})
	}
	if n := k.deps.Config.WhatsApp.Number; n != "" {
		if link, err := poster.WhatsAppLink(n, "start "+deepLinkPrefix+id); err == nil {
			links = append(links, poster.Link{Label: "WhatsApp", URL: link})
		}
	}
	return links
}

// ErrNoPosterLink means a poster is wanted but no link can lead from it
// to the bot.
var ErrNoPosterLink = errors.New("the poster needs a way to the bot: set telegram.username (TELEGRAM_BOT_USERNAME) or TELEGRAM_TOKEN, or whatsapp.number")

// Poster is the printable A4 poster of the event in the community's first
// language.
func (c *EventCLI) Poster(ctx context.Context, id string) (*bot.File, error) {
	e, err := c.d.Store.Event(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("event poster %s: %w", id, err)
	}
	k := newEvents(c.d)
	f, err := k.posterFile(k.localizer("", bot.Address{}), e)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, ErrNoPosterLink
	}
	return f, nil
}
