package flows

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// The kinds of the Vorhaben's jobs and broadcasts; every one starts with
// "vh-", which is how the worker finds their renderer.
const (
	kindVhDue       = "vh-due"               // job: ask the holder before the due date
	kindVhSilent    = "vh-silent"            // job: ask the holder after a silence
	kindVhRaise     = "vh-raise"             // job: tell the organizers it stays stuck or unanswered
	kindVhAsk       = "vh-ask"               // broadcast: do you want to hear what becomes of it?
	kindVhNews      = store.VorhabenNewsKind // broadcast: a new status, to the followers
	kindVhStatusAsk = "vh-status"            // broadcast: the holder is asked for a status
	kindVhRaised    = "vh-raised"            // broadcast: the organizers hear it is stuck or silent
	kindVhAccepted  = "vh-accepted"          // broadcast: the organizers hear who holds it
	kindVhDeclined  = "vh-declined"          // broadcast: the organizers hear the holder declined
	kindVhBack      = "vh-back"              // broadcast: the holder left; it is the organizers' again
	kindVhEvent     = "vh-event"             // broadcast: after an event, the organizers are asked for its next step
)

func vhJobID(kind, id string) string { return kind + ":" + id }

func seqArg(seq int) string { return strconv.Itoa(seq) }

// Why a Vorhaben is raised to the organizers.
const (
	raiseStuck      = "stuck"
	raiseUnanswered = "unanswered"
	raiseUnheld     = "unheld"
)

// vorhabenWork does the Vorhaben's jobs and renders their messages.
type vorhabenWork struct {
	h   *vorhaben
	now func() time.Time
}

func newVorhabenWork(d Deps, now func() time.Time) *vorhabenWork {
	return &vorhabenWork{h: newVorhaben(d, newVoices(d)), now: now}
}

func (w *vorhabenWork) handlers() map[string]scheduler.Handler {
	return map[string]scheduler.Handler{kindVhDue: w.due, kindVhSilent: w.silent, kindVhRaise: w.raise}
}

// open reads a job's Vorhaben; ok is false when it is gone or closed.
func (w *vorhabenWork) open(ctx context.Context, j scheduler.Job) (store.Vorhaben, bool, error) {
	v, err := w.h.deps.Store.Vorhaben(ctx, j.Event)
	if errors.Is(err, store.ErrNotFound) {
		return v, false, nil
	}
	return v, err == nil && v.Open(), err
}

// askHolder asks the holder of v for a status, once per id, and has the
// organizers told when no answer comes.
func (w *vorhabenWork) askHolder(ctx context.Context, v store.Vorhaben, id string) error {
	u, _, err := w.h.deps.Store.PersonByRef(ctx, v.Holder)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	b := scheduler.Broadcast{ID: id, Kind: kindVhStatusAsk, Event: v.ID}
	if _, err := w.h.broadcasts.Start(ctx, b, []bot.User{u}); err != nil {
		return err
	}
	if v.Status == store.VorhabenStuck {
		return nil // its raise is scheduled already
	}
	return w.h.jobs.Schedule(ctx, scheduler.Job{ID: vhJobID(kindVhRaise, v.ID), Kind: kindVhRaise, Event: v.ID,
		Arg: seqArg(v.Seq), Due: w.now().Add(w.h.deps.Config.Vorhaben.Raise)})
}

// due asks the holder for a status before the due date, unless they
// reported since the ask was due.
func (w *vorhabenWork) due(ctx context.Context, j scheduler.Job) error {
	v, ok, err := w.open(ctx, j)
	if !ok || v.HolderState != store.HolderAccepted {
		return err
	}
	if v.Due.IsZero() || v.News.After(v.Due.Add(-w.h.deps.Config.Vorhaben.AskBefore)) {
		return nil
	}
	return w.askHolder(ctx, v, "vhq-"+v.ID+"-due-"+strconv.FormatInt(v.Due.Unix(), 10))
}

// silent asks the holder again when a Vorhaben had no news for the
// configured silence, and tells the organizers of one nobody holds. It
// comes back after each silence until there is news.
func (w *vorhabenWork) silent(ctx context.Context, j scheduler.Job) error {
	v, ok, err := w.open(ctx, j)
	if !ok {
		return err
	}
	silence, now := w.h.deps.Config.Vorhaben.Silence, w.now()
	next := scheduler.Job{ID: j.ID, Kind: kindVhSilent, Event: v.ID, Due: v.News.Add(silence)}
	if now.Before(next.Due) {
		return w.h.jobs.Schedule(ctx, next) // there was news meanwhile
	}
	period := strconv.FormatInt(int64(now.Sub(v.News)/silence), 10)
	since := strconv.FormatInt(v.News.Unix(), 10)
	if v.HolderState == store.HolderAccepted {
		err = w.askHolder(ctx, v, "vhq-"+v.ID+"-s-"+since+"-"+period)
	} else {
		err = w.tellRaised(ctx, v, raiseUnheld, since+"-"+period)
	}
	if err != nil {
		return err
	}
	next.Due = now.Add(silence)
	return w.h.jobs.Schedule(ctx, next)
}

// raise tells the organizers of a Vorhaben that stayed stuck, or whose
// holder did not answer, since the job was scheduled (no status since).
func (w *vorhabenWork) raise(ctx context.Context, j scheduler.Job) error {
	v, ok, err := w.open(ctx, j)
	if !ok || seqArg(v.Seq) != j.Arg {
		return err
	}
	reason := raiseUnanswered
	switch {
	case v.Status == store.VorhabenStuck:
		reason = raiseStuck
	case v.HolderState != store.HolderAccepted:
		reason = raiseUnheld
	}
	return w.tellRaised(ctx, v, reason, strconv.FormatInt(j.Due.Unix(), 10))
}

func (w *vorhabenWork) tellRaised(ctx context.Context, v store.Vorhaben, reason, when string) error {
	if err := w.h.tellOrganizers(ctx, "vhr-"+v.ID+"-"+reason+"-"+when, kindVhRaised, v, reason); err != nil {
		return err
	}
	return w.h.deps.Store.MarkRaised(ctx, v.ID, w.now())
}

// render builds one recipient's message of a Vorhaben's broadcast, at the
// moment it is sent: someone who deleted their data, answered already or
// no longer follows is skipped.
func (w *vorhabenWork) render(ctx context.Context, b scheduler.Broadcast, to bot.User) (bot.Message, bool, error) {
	st := w.h.deps.Store
	if b.Kind == kindVhEvent {
		return w.nextStepQuestion(ctx, b, to)
	}
	v, err := st.Vorhaben(ctx, b.Event)
	if errors.Is(err, store.ErrNotFound) {
		return bot.Message{}, false, nil
	}
	if err != nil {
		return bot.Message{}, false, err
	}
	switch b.Kind {
	case kindVhRaised, kindVhAccepted, kindVhDeclined, kindVhBack:
		return w.organizerNotice(b, v, to)
	}
	p, err := st.Profile(ctx, to)
	if err != nil || p == nil || p.Unreachable {
		return bot.Message{}, false, err
	}
	l, err := w.h.localizer(p.Lang, p.Chat, true)
	if err != nil {
		return bot.Message{}, false, err
	}
	m := bot.Message{To: p.Chat}
	switch b.Kind {
	case kindVhStatusAsk:
		if v.Holder != p.Ref || v.HolderState != store.HolderAccepted || !v.Open() {
			return m, false, nil
		}
		m.Text = l.T("vh_ask_status", "Title", v.Title).Append(w.h.card(l, v))
		m.Buttons = statusButtons(l, v.ID)
	case kindVhAsk:
		f, ok, err := st.FollowerOf(ctx, v.ID, p.Ref)
		if err != nil || !ok || f.Answer != store.FollowAsked || !v.Open() {
			return m, false, err
		}
		intro, err := w.relation(ctx, l, v, f, "vh_ask_follow_")
		if err != nil {
			return m, false, err
		}
		m.Text = intro.Append(w.h.card(l, v)).Append(l.T("vh_ask_follow"))
		m.Buttons = [][]bot.Button{{
			{Label: l.S("vh_follow_button_yes"), Payload: bot.ActionPayload(actionVhFollow, v.ID+":y")},
			{Label: l.S("vh_follow_button_no"), Payload: bot.ActionPayload(actionVhFollow, v.ID+":n")},
		}}
	case kindVhNews:
		f, ok, err := st.FollowerOf(ctx, v.ID, p.Ref)
		if err != nil || !ok || f.Answer != store.FollowYes {
			return m, false, err
		}
		status, note, _ := strings.Cut(b.Arg, "\n")
		intro, err := w.relation(ctx, l, v, f, "vh_news_")
		if err != nil {
			return m, false, err
		}
		m.Text = intro.Append(l.T("vh_news_status", "Status", l.S("vh_status_"+status), "Note", note))
		if status == store.VorhabenStuck {
			m.Text = m.Text.Append(l.T("vh_news_stuck_help"))
		}
		m.Vars = map[string]string{"status": l.S("vh_status_" + status)}
	default:
		return m, false, errors.New("unknown broadcast kind " + b.Kind)
	}
	// Sent by the bot itself: a platform with a 24-hour window sends it
	// as the template of its kind once the window has closed.
	m.Kind = b.Kind
	if m.Vars == nil {
		m.Vars = map[string]string{}
	}
	m.Vars["title"] = v.Title
	return m, true, nil
}

// relation is the opening that says why a person hears of v: their own
// opinion, one they agreed with, the event they came to, or the Vorhaben
// itself. An opinion deleted meanwhile is not quoted.
func (w *vorhabenWork) relation(ctx context.Context, l *bot.Localizer, v store.Vorhaben, f store.Follower, prefix string) (bot.Text, error) {
	st := w.h.deps.Store
	switch f.Relation {
	case store.FollowAuthor, store.FollowAgreed:
		for _, id := range v.Opinions {
			o, err := st.Opinion(ctx, id)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return bot.Text{}, err
			}
			if f.Relation == store.FollowAgreed || o.Ref == f.Ref {
				return l.T(prefix+f.Relation, "Text", excerpt(o.Text, 80), "Title", v.Title), nil
			}
		}
	case store.FollowAttended:
		if e, err := st.Event(ctx, v.Event); err == nil {
			return l.T(prefix+f.Relation, "Event", e.Title, "Title", v.Title), nil
		}
	case store.FollowHelper:
		if n, err := st.Need(ctx, v.Need); err == nil {
			return l.T(prefix+f.Relation, "Need", n.Title, "Title", v.Title), nil
		}
	}
	return l.T(prefix+"other", "Title", v.Title), nil
}

// organizerNotice is a notice to an organizer chat, in the community's
// language; where nobody holds the Vorhaben it offers to ask someone.
func (w *vorhabenWork) organizerNotice(b scheduler.Broadcast, v store.Vorhaben, to bot.User) (bot.Message, bool, error) {
	m := bot.Message{To: bot.Address{Platform: to.Platform, Chat: to.ID}}
	l, err := w.h.localizer("", m.To, false)
	if err != nil {
		return bot.Message{}, false, err
	}
	days := int(w.now().Sub(v.News).Hours() / 24)
	switch b.Kind {
	case kindVhAccepted:
		if v.HolderState != store.HolderAccepted {
			return m, false, nil // left meanwhile; the organizers hear that instead
		}
		m.Text = l.T("vh_org_accepted", "Title", v.Title, "Name", v.HolderName)
	case kindVhDeclined:
		m.Text = l.T("vh_org_declined", "Title", v.Title)
	case kindVhBack:
		m.Text = l.T("vh_org_back", "Title", v.Title)
	case kindVhRaised:
		if !v.Open() {
			return m, false, nil
		}
		switch b.Arg {
		case raiseStuck:
			m.Text = l.T("vh_org_raised_stuck", "Title", v.Title, "Note", v.Note,
				"Count", int(w.now().Sub(v.Stuck).Hours()/24))
		case raiseUnheld:
			m.Text = l.T("vh_org_raised_unheld", "Title", v.Title, "Count", days)
		default:
			m.Text = l.T("vh_org_raised_silent", "Title", v.Title, "Count", days)
		}
	}
	if v.Open() && v.HolderState != store.HolderAccepted {
		m.Buttons = [][]bot.Button{{{Label: l.S("vh_list_assign"), Payload: bot.ActionPayload(actionVhAssign, v.ID)}}}
	}
	return m, true, nil
}

// askNextStep asks the organizers, after an event, what its next step is.
func (w *vorhabenWork) askNextStep(ctx context.Context, e store.Event) error {
	_, err := w.h.broadcasts.Start(ctx, scheduler.Broadcast{ID: "vhe-" + e.ID, Kind: kindVhEvent, Event: e.ID}, w.h.organizerUsers())
	return err
}

// nextStepQuestion is "Was ist der nächste Schritt?" after an event, with
// a button that starts a Vorhaben from it.
func (w *vorhabenWork) nextStepQuestion(ctx context.Context, b scheduler.Broadcast, to bot.User) (bot.Message, bool, error) {
	e, err := w.h.deps.Store.Event(ctx, b.Event)
	if errors.Is(err, store.ErrNotFound) || (err == nil && e.Cancelled) {
		return bot.Message{}, false, nil
	}
	if err != nil {
		return bot.Message{}, false, err
	}
	m := bot.Message{To: bot.Address{Platform: to.Platform, Chat: to.ID}}
	l, err := w.h.localizer("", m.To, false)
	if err != nil {
		return m, false, err
	}
	m.Text = l.T("vh_event_next", "Event", e.Title)
	m.Buttons = [][]bot.Button{{{Label: l.S("vh_offer_create"), Payload: bot.ActionPayload(actionVhNew, "e:"+e.ID)}}}
	return m, true, nil
}
