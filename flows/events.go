package flows

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/calendar"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/poster"
	"github.com/heimatbot/heimatbot/store"
)

// events is the Stadtgespräche feature: /termine for everyone, /termin_neu
// and /einladen for organizers, RSVP and feedback buttons, and the deep
// link of posters.
type events struct {
	deps Deps
	svc  *EventService
	cat  *bot.Catalog
	// pageSize is how many events /termine shows at a time.
	pageSize int
	// opine records a sentence of feedback as an opinion on the event's
	// theme (the voices feature's record); nil leaves it feedback only.
	opine func(c *bot.Conv, o store.Opinion) (store.Opinion, error)
}

// deepLinkPrefix starts the /start payload of an event's share link.
const deepLinkPrefix = "ev_"

func newEvents(d Deps) *events {
	cat, _ := d.catalog() // loaded by the engine too: an error shows there
	return &events{deps: d, svc: NewEventService(d), cat: cat, pageSize: 3}
}

func (k *events) set() Set {
	return Set{
		Flows: []*bot.Flow{k.listFlow(), k.newFlow(), k.editFlow(), k.inviteFlow(), k.feedbackFlow()},
		Commands: []bot.Command{
			{Names: []string{"termine", "events"}, Flow: "events", Help: "help_events"},
			{Names: []string{"termin_neu", "new_event"}, Flow: "event_new", Help: "help_event_new"},
			{Names: []string{"einladen", "invite"}, Flow: "invite", Help: "help_invite"},
		},
		Actions: map[string]bot.Action{
			"rsvp":     personal(k.rsvpAction),
			"evmore":   k.moreAction,
			"fb":       personal(k.feedbackAction),
			"bccancel": k.cancelBroadcastAction,
			"evcancel": k.cancelEventAction,
			"evedit":   k.editAction,
		},
		Menu:        []MenuEntry{{Command: "termine", Label: "menu_events", Public: true}},
		Data:        []PersonData{eventData{k}},
		DeepLinks:   map[string]DeepLink{deepLinkPrefix: k.openLink},
		Suggestions: []Suggestion{k.suggestNext},
	}
}

// localizer is the lookup in a language other than the current person's,
// for notices to others, in their one-to-one chat to.
func (k *events) localizer(lang string, to bot.Address) *bot.Localizer {
	if lang == "" {
		lang = k.deps.Config.Community.Languages[0]
	}
	return k.cat.For(lang, to.Platform, true)
}

// soon says when an event starts, as a reminder does: "in 2 Stunden",
// "heute um 19:00 Uhr", "morgen um 19:00 Uhr", else its date.
func (k *events) soon(l *bot.Localizer, e store.Event) string {
	loc := k.deps.Config.Location()
	now, start := k.deps.Now().In(loc), e.Start.In(loc)
	d := start.Sub(now)
	day := func(t time.Time) time.Time { return DayStart(t, loc) }
	at := start.Format("15:04")
	switch {
	case d < 0:
		return k.when(l, e)
	case d < 55*time.Minute:
		return l.S("reminder_in_minutes", "N", max(1, int(d.Round(time.Minute)/time.Minute)))
	case d < 6*time.Hour:
		return l.S("reminder_in_hours", "N", int(d.Round(time.Hour)/time.Hour))
	case day(start).Equal(day(now)):
		return l.S("reminder_today", "Time", at)
	case day(start).Equal(day(now).AddDate(0, 0, 1)):
		return l.S("reminder_tomorrow", "Time", at)
	}
	return l.S("reminder_on", "Date", k.when(l, e))
}

// when writes an event's time for l's reader: "Sa., 12.12.2026, 18:30 Uhr
// – 20:00 Uhr", "Sat, 12 Dec 2026, 18:30–20:00", in Einfache Sprache
// written out (whenSpoken).
func (k *events) when(l *bot.Localizer, e store.Event) string {
	loc := k.deps.Config.Location()
	start := e.Start.In(loc)
	if l.Lang == PlainLanguage {
		return whenSpoken(start, e.End.In(loc), k.deps.Now())
	}
	english := strings.HasPrefix(l.Lang, "en")
	s := datetext.Format(start)
	if english {
		s = datetext.FormatEnglish(start)
	}
	if e.End.IsZero() {
		return s
	}
	end := e.End.In(loc)
	switch {
	case english && sameDay(start, end):
		return s + "–" + end.Format("15:04")
	case english:
		return s + " – " + datetext.FormatEnglish(end)
	case sameDay(start, end):
		return s + " – " + datetext.FormatTime(end)
	default:
		return s + " – " + datetext.Format(end)
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// card is the text of an event: title, time, place, theme, description.
func (k *events) card(l *bot.Localizer, e store.Event) bot.Text {
	cm := k.deps.Config.Community
	theme := ""
	if o, ok := config.Find(cm.Themes, e.Theme); ok {
		theme = o.Name.In(l.Lang)
	}
	var areas []string
	for _, d := range e.Districts {
		if o, ok := config.Find(cm.Districts, d); ok {
			areas = append(areas, o.Name.In(l.Lang))
		}
	}
	return l.T("event_card", "Title", e.Title, "When", k.when(l, e), "Place", e.Place,
		"Theme", theme, "Description", e.Description, "Districts", strings.Join(areas, ", "),
		"Capacity", e.Capacity)
}

// rsvpButtons are the answer buttons under an event.
func rsvpButtons(l *bot.Localizer, id string) [][]bot.Button {
	return [][]bot.Button{{
		{Label: l.S("rsvp_yes"), Payload: bot.ActionPayload("rsvp", id+":y")},
		{Label: l.S("rsvp_maybe"), Payload: bot.ActionPayload("rsvp", id+":m")},
		{Label: l.S("rsvp_no"), Payload: bot.ActionPayload("rsvp", id+":n")},
	}}
}

// shareLink is the Telegram deep link that opens the event, or "" when the
// bot's username is not configured.
func (k *events) shareLink(id string) string {
	name := k.deps.Config.Telegram.Username
	if name == "" {
		return ""
	}
	link, err := poster.DeepLink(name, deepLinkPrefix+id)
	if err != nil {
		return ""
	}
	return link
}

// ics is the calendar file of an event.
func (k *events) ics(e store.Event) (*bot.File, error) {
	b, err := calendar.Marshal(calendar.Event{
		UID: calendar.UID(e.ID, k.deps.Config.Community.ID), Title: e.Title, Description: e.Description,
		Location: e.Place, URL: k.shareLink(e.ID), Start: e.Start, End: e.End,
		Sequence: e.Sequence, Cancelled: e.Cancelled,
	}, k.svc.Now())
	if err != nil {
		return nil, fmt.Errorf("calendar file of %s: %w", e.ID, err)
	}
	return &bot.File{Name: "termin-" + e.ID + ".ics", ContentType: calendar.ContentType, Data: b}, nil
}

// eventMessage is an event with its answer buttons and calendar file.
func (k *events) eventMessage(l *bot.Localizer, e store.Event, intro string) (bot.Message, error) {
	f, err := k.ics(e)
	if err != nil {
		return bot.Message{}, err
	}
	t := k.card(l, e)
	if intro != "" {
		t = l.T(intro).Append(t)
	}
	return bot.Message{Text: t, Buttons: rsvpButtons(l, e.ID), File: f}, nil
}

// liveEvent reads an event a button refers to; ok is false (and the person
// told) when it is gone, cancelled or over.
func (k *events) liveEvent(c *bot.Conv, id string) (store.Event, bool, error) {
	e, err := k.deps.Store.Event(c.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		c.Refuse("event_gone")
		return e, false, nil
	}
	if err != nil {
		return e, false, err
	}
	if e.Cancelled {
		c.Refuse("event_cancelled_already", "Title", e.Title)
		return e, false, nil
	}
	if !e.Start.After(c.Now) {
		c.Refuse("event_over", "Title", e.Title)
		return e, false, nil
	}
	return e, true, nil
}

// userProfile reads another person's profile, nil when they have none.
func (k *events) userProfile(ctx context.Context, u bot.User) (*bot.Profile, error) {
	p, err := k.deps.Store.Profile(ctx, u)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return p, err
}
