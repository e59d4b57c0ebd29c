package flows

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// promotionNotice is the notice to a person promoted from a waiting list
// outside their own conversation: when someone else's data was deleted or
// the event got more seats.
func promotionNotice(p store.Promotion) scheduler.Broadcast {
	return scheduler.Broadcast{ID: "promo-" + p.Event + "-" + EventID(p.User.Key()), Kind: kindPromoted, Event: p.Event}
}

// Worker sends what the events feature schedules: reminders, feedback
// requests, invitations and notices. Every bot process may run one; they
// share the work through Redis.
type Worker struct {
	Runner     *scheduler.Runner
	Broadcasts *scheduler.Broadcasts
	k          *events
	vh         *vorhabenWork
	log        *slog.Logger
}

// NewWorker wires the events' jobs and broadcasts to out, which must
// return bot.ErrUnreachable for a person who blocked the bot and should
// honour the platform's rate limits (retry_after) itself. opt.Observe,
// when set, hears of the jobs (remind, feedback) as well as of the
// broadcasts' messages.
func NewWorker(d Deps, out bot.Sender, log *slog.Logger, opt scheduler.BroadcastOptions) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	k := newEvents(d)
	if opt.Now == nil {
		opt.Now = k.svc.Now
	}
	if opt.Log == nil {
		opt.Log = log
	}
	w := &Worker{k: k, vh: newVorhabenWork(d, k.svc.Now), log: log}
	w.Broadcasts = scheduler.NewBroadcasts(d.Store, out, w.render, opt)
	w.Runner = &scheduler.Runner{
		Jobs: k.svc.Jobs, Now: k.svc.Now, Log: log,
		Handlers: map[string]scheduler.Handler{kindRemind: w.remind, kindFeedback: w.feedback},
		Observe:  opt.Observe,
	}
	maps.Copy(w.Runner.Handlers, w.vh.handlers())
	return w
}

// Run runs jobs and sends broadcasts until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Runner.Run(ctx)
	}()
	err := w.Broadcasts.Run(ctx)
	<-done
	return err
}

// RunDue runs the jobs due now and sends every broadcast there is to send,
// for tests and one-shot use.
func (w *Worker) RunDue(ctx context.Context) error {
	if _, err := w.Runner.RunDue(ctx); err != nil {
		return err
	}
	return w.Broadcasts.Drain(ctx)
}

// pending reads the event of a job; ok is false when the event is gone
// or cancelled, so the job has nothing to do.
func (w *Worker) pending(ctx context.Context, j scheduler.Job) (store.Event, bool, error) {
	e, err := w.k.deps.Store.Event(ctx, j.Event)
	if errors.Is(err, store.ErrNotFound) {
		return e, false, nil
	}
	if err != nil {
		return e, false, err
	}
	return e, !e.Cancelled, nil
}

// remind starts the reminder broadcast to yes and maybe, unless the event
// has started meanwhile (the bot was down), which is logged.
func (w *Worker) remind(ctx context.Context, j scheduler.Job) error {
	e, ok, err := w.pending(ctx, j)
	if !ok {
		return err
	}
	if !w.k.svc.Now().Before(e.Start) {
		w.log.Info("reminder skipped: the event has started", "event", e.ID, "offset", j.Arg, "due", j.Due)
		return nil
	}
	to, err := w.k.deps.Store.Attendees(ctx, e.ID, store.RSVPYes, store.RSVPMaybe)
	if err != nil {
		return err
	}
	// The id names the event's time, so a reminder rescheduled to a new time
	// is a new broadcast, and the same one claimed again is not.
	id := "rem-" + e.ID + "-" + j.Arg + "-" + EventID(e.Start.UTC().String())
	_, err = w.Broadcasts.Start(ctx, scheduler.Broadcast{ID: id, Kind: kindRemind, Event: e.ID, Arg: j.Arg}, to)
	return err
}

// feedback asks those who said yes how it was.
func (w *Worker) feedback(ctx context.Context, j scheduler.Job) error {
	e, ok, err := w.pending(ctx, j)
	if !ok {
		return err
	}
	to, err := w.k.deps.Store.Attendees(ctx, e.ID, store.RSVPYes)
	if err != nil {
		return err
	}
	if _, err = w.Broadcasts.Start(ctx, scheduler.Broadcast{ID: "fb-" + e.ID, Kind: kindFeedback, Event: e.ID}, to); err != nil {
		return err
	}
	return w.vh.askNextStep(ctx, e)
}

// render builds one recipient's message, in their language, at the moment
// it is sent: someone who deleted their data, turned invitations off or
// changed their answer meanwhile is skipped.
func (w *Worker) render(ctx context.Context, b scheduler.Broadcast, to bot.User) (bot.Message, bool, error) {
	if strings.HasPrefix(b.Kind, "vh-") {
		return w.vh.render(ctx, b, to)
	}
	p, err := w.k.userProfile(ctx, to)
	if err != nil || p == nil || p.Unreachable {
		// Someone who blocked the bot gets nothing until they write again.
		return bot.Message{}, false, err
	}
	e, err := w.k.deps.Store.Event(ctx, b.Event)
	if errors.Is(err, store.ErrNotFound) {
		return bot.Message{}, false, nil
	}
	if err != nil {
		return bot.Message{}, false, err
	}
	// Cancellations go out whatever the answer; invitations only to
	// those who have not answered, so nobody who said yes is asked again.
	answer := store.RSVPNone
	if b.Kind != kindCancel {
		if answer, err = w.k.deps.Store.RSVPOf(ctx, e.ID, to); err != nil {
			return bot.Message{}, false, err
		}
	}
	l := w.k.localizer(p.Lang, p.Chat)
	var m bot.Message
	switch b.Kind {
	case kindInvite:
		if p.NoInvitations || e.Cancelled || answer != store.RSVPNone {
			return m, false, nil
		}
		if m, err = w.k.eventMessage(l, e, "invite_intro"); err != nil {
			return m, false, err
		}
	case kindRemind:
		if e.Cancelled || !slices.Contains([]store.RSVP{store.RSVPYes, store.RSVPMaybe}, answer) {
			return m, false, nil
		}
		intro := l.T("reminder_intro_"+string(answer), "When", w.k.soon(l, e))
		m = bot.Message{Text: intro.Append(w.k.card(l, e)), Buttons: rsvpButtons(l, e.ID)}
	case kindCancel:
		m = bot.Message{Text: l.T("event_cancelled_notice", "Title", e.Title, "When", w.k.when(l, e))}
	case kindFeedback:
		if answer != store.RSVPYes {
			return m, false, nil
		}
		m = bot.Message{Text: l.T("feedback_ask", "Title", e.Title), Buttons: feedbackButtons(e.ID)}
	case kindMoved:
		if e.Cancelled || answer == store.RSVPNo || answer == store.RSVPNone {
			return m, false, nil
		}
		if m, err = w.k.movedNotice(l, e); err != nil {
			return m, false, err
		}
	case kindPromoted:
		if answer != store.RSVPYes {
			return m, false, nil
		}
		m = bot.Message{Text: l.T("rsvp_promoted", "Title", e.Title, "When", w.k.when(l, e))}
	default:
		return m, false, errors.New("unknown broadcast kind " + b.Kind)
	}
	m.To = p.Chat
	// Sent by the bot itself: a platform with a 24-hour window sends it
	// as the template of its kind once the window has closed.
	m.Kind = b.Kind
	m.Vars = map[string]string{"title": e.Title, "when": w.k.when(l, e)}
	return m, true, nil
}
