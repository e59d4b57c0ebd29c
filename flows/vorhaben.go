package flows

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// vorhaben holds the flows of Vorhaben: concrete next steps that someone
// holds, that the bot follows until they are done, and whose news reach
// the people who asked for them.
type vorhaben struct {
	deps Deps
	// vo gives the voices' localizer for other people and their way of
	// asking helpers.
	vo         *voices
	jobs       *scheduler.Jobs
	broadcasts *scheduler.Broadcasts
}

func newVorhaben(d Deps, vo *voices) *vorhaben {
	if d.Now == nil {
		d.Now = time.Now
	}
	now := d.Now
	return &vorhaben{deps: d, vo: vo, jobs: scheduler.NewJobs(d.Store),
		broadcasts: scheduler.NewBroadcasts(d.Store, nil, nil, scheduler.BroadcastOptions{Now: now})}
}

// The names of the Vorhaben's action buttons.
const (
	actionVhHold   = "vhh"   // ID:y|n, the person asked to hold answers
	actionVhStatus = "vhs"   // ID:STATUS, the holder reports
	actionVhFollow = "vhf"   // ID:y|n, follow or not
	actionVhNew    = "vhnew" // o:OPINION | e:EVENT | n:NEED, an organizer starts one
	actionVhAssign = "vhasg" // ID, an organizer asks someone (else) to hold it
)

func (h *vorhaben) set() Set {
	return Set{
		Flows: []*bot.Flow{h.listFlow(), h.newFlow(), h.statusFlow(), h.assignFlow()},
		Commands: []bot.Command{
			{Names: []string{"vorhaben", "plans"}, Flow: "vorhaben", Help: "vh_help_list"},
			{Names: []string{"vorhaben_neu", "new_plan"}, Flow: "vorhaben_new", Help: "vh_help_new"},
		},
		Actions: map[string]bot.Action{
			actionVhHold:   h.answerHold,
			actionVhStatus: h.startStatus,
			actionVhFollow: h.answerFollow,
			actionVhNew:    h.startNew,
			actionVhAssign: h.startAssign,
		},
		Menu: []MenuEntry{{Command: "vorhaben", Label: "vh_menu"}},
		Data: []PersonData{h},
	}
}

// statuses a holder reports, in the order of the buttons.
var vorhabenStatuses = []string{store.VorhabenDone, store.VorhabenRunning, store.VorhabenStuck, store.VorhabenDropped}

// The limits of a Vorhaben's texts, in characters.
const (
	vhTitleMin = 3
	vhTitleMax = 100
	vhTextMax  = 500
	vhNoteMax  = 300
)

// statusButtons are the holder's four answers.
func statusButtons(l *bot.Localizer, id string) [][]bot.Button {
	var row1, row2 []bot.Button
	for i, s := range vorhabenStatuses {
		b := bot.Button{Label: l.S("vh_button_" + s), Payload: bot.ActionPayload(actionVhStatus, id+":"+s)}
		if i < 2 {
			row1 = append(row1, b)
		} else {
			row2 = append(row2, b)
		}
	}
	return [][]bot.Button{row1, row2}
}

// date formats a day in the reader's language.
func (h *vorhaben) date(l *bot.Localizer, t time.Time) string {
	return t.In(h.deps.Config.Location()).Format(l.S("vh_date_format"))
}

// card shows a Vorhaben: title, what, next step, holder, due date,
// theme and district, status with its sentence.
func (h *vorhaben) card(l *bot.Localizer, v store.Vorhaben) bot.Text {
	cm := h.deps.Config.Community
	district := l.S("vh_whole_town")
	if v.District != "" {
		district = optionName(cm.Districts, v.District, l.Lang)
	}
	holder := l.S("vh_nobody")
	if v.HolderState == store.HolderAccepted && v.HolderName != "" {
		holder = "@" + v.HolderName
	} else if v.HolderState == store.HolderAccepted {
		holder = l.S("vh_someone")
	}
	due := l.S("vh_no_due")
	if !v.Due.IsZero() {
		due = h.date(l, v.Due)
	}
	return l.T("vh_card", "Title", v.Title, "What", v.What, "Next", v.Next, "Holder", holder, "Due", due,
		"Theme", optionName(cm.Themes, v.Theme, l.Lang), "District", district,
		"Status", l.S("vh_status_"+v.Status), "Note", v.Note, "News", h.date(l, v.News))
}

// localizer is the texts for someone else's chat, in their language.
func (h *vorhaben) localizer(lang string, to bot.Address, private bool) (*bot.Localizer, error) {
	return h.vo.localizer(lang, to, private)
}

// splitArg reads an action's "ID:VALUE".
func splitArg(arg string) (id, value string, ok bool) {
	id, value, ok = strings.Cut(arg, ":")
	return id, value, ok && id != "" && value != ""
}

// parseDue reads a due date: a day ("12.12.", "Freitag") or a day with a
// time; a day alone means its end. It must lie ahead.
func (h *vorhaben) parseDue(s string, now time.Time) (time.Time, error) {
	loc := h.deps.Config.Location()
	t, err := datetext.Parse(s, now, loc)
	if errors.Is(err, datetext.ErrMissingTime) {
		t, err = datetext.Parse(s+" 23:59", now, loc)
	}
	return t, err
}

// schedule (re)schedules the Vorhaben's asks: for a status before the due
// date, after a silence, and the organizers' word when it stays stuck.
// A closed Vorhaben has none.
func (h *vorhaben) schedule(ctx context.Context, v store.Vorhaben, now time.Time) error {
	cfg := h.deps.Config.Vorhaben
	if !v.Open() {
		for _, kind := range []string{kindVhDue, kindVhSilent, kindVhRaise} {
			if err := h.jobs.Unschedule(ctx, vhJobID(kind, v.ID)); err != nil {
				return err
			}
		}
		return nil
	}
	if v.HolderState == store.HolderAccepted && !v.Due.IsZero() && v.News.Before(v.Due.Add(-cfg.AskBefore)) {
		due := v.Due.Add(-cfg.AskBefore)
		if due.Before(now) {
			due = now
		}
		if err := h.jobs.Schedule(ctx, scheduler.Job{ID: vhJobID(kindVhDue, v.ID), Kind: kindVhDue, Event: v.ID, Due: due}); err != nil {
			return err
		}
	}
	if err := h.jobs.Schedule(ctx, scheduler.Job{ID: vhJobID(kindVhSilent, v.ID), Kind: kindVhSilent, Event: v.ID,
		Due: v.News.Add(cfg.Silence)}); err != nil {
		return err
	}
	if v.Status == store.VorhabenStuck {
		return h.jobs.Schedule(ctx, scheduler.Job{ID: vhJobID(kindVhRaise, v.ID), Kind: kindVhRaise, Event: v.ID,
			Arg: seqArg(v.Seq), Due: v.Stuck.Add(cfg.Raise)})
	}
	return nil
}

// organizerUsers are the organizer chats as broadcast recipients: a
// private chat's id is its person's, a channel is reached by its own id.
func (h *vorhaben) organizerUsers() []bot.User {
	var out []bot.User
	for _, a := range h.vo.organizerChats() {
		out = append(out, bot.User{Platform: a.Platform, ID: a.Chat})
	}
	slices.SortFunc(out, func(a, b bot.User) int { return strings.Compare(a.Key(), b.Key()) })
	return out
}

// tellOrganizers starts a notice to the organizers, once per id.
func (h *vorhaben) tellOrganizers(ctx context.Context, id, kind string, v store.Vorhaben, arg string) error {
	_, err := h.broadcasts.Start(ctx, scheduler.Broadcast{ID: id, Kind: kind, Event: v.ID, Arg: arg}, h.organizerUsers())
	return err
}
