package flows

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// Limits of event fields.
const (
	maxTitle       = 120
	maxPlace       = 200
	maxDescription = 1000
	maxCapacity    = 100000
)

// Why an event is refused; the chat and the command line turn them into
// their own messages.
var (
	ErrTitleEmpty     = errors.New("title is empty")
	ErrTitleTooLong   = fmt.Errorf("title is longer than %d characters", maxTitle)
	ErrPlaceTooLong   = fmt.Errorf("place is longer than %d characters", maxPlace)
	ErrDescTooLong    = fmt.Errorf("description is longer than %d characters", maxDescription)
	ErrStartPast      = errors.New("start lies in the past")
	ErrEndBeforeStart = errors.New("end is not after start")
	ErrUnknownTheme   = errors.New("unknown theme")
	ErrUnknownArea    = errors.New("unknown district")
	ErrBadCapacity    = fmt.Errorf("capacity must be between 0 and %d", maxCapacity)
	ErrCancelled      = errors.New("event is cancelled")
)

// EventService creates, edits and cancels events and keeps their
// reminders and notices scheduled. The chat flows and the `heimatbot
// event` command share it.
type EventService struct {
	Config     *config.Config
	Store      *store.Store
	Jobs       *scheduler.Jobs
	Broadcasts *scheduler.Broadcasts
	Now        func() time.Time
}

// NewEventService wires the service from the flows' dependencies.
func NewEventService(d Deps) *EventService {
	now := d.Now
	if now == nil {
		now = time.Now
	}
	return &EventService{
		Config: d.Config, Store: d.Store, Now: now,
		Jobs:       scheduler.NewJobs(d.Store),
		Broadcasts: scheduler.NewBroadcasts(d.Store, nil, nil, scheduler.BroadcastOptions{Now: now}),
	}
}

// Validate reports the first problem of e.
func (s *EventService) Validate(e store.Event) error {
	cm := s.Config.Community
	switch {
	case strings.TrimSpace(e.Title) == "":
		return ErrTitleEmpty
	case utf8.RuneCountInString(e.Title) > maxTitle:
		return ErrTitleTooLong
	case utf8.RuneCountInString(e.Place) > maxPlace:
		return ErrPlaceTooLong
	case utf8.RuneCountInString(e.Description) > maxDescription:
		return ErrDescTooLong
	case !e.Start.After(s.Now()):
		return ErrStartPast
	case !e.End.IsZero() && !e.End.After(e.Start):
		return ErrEndBeforeStart
	case e.Capacity < 0 || e.Capacity > maxCapacity:
		return ErrBadCapacity
	}
	if e.Theme != "" {
		if _, ok := config.Find(cm.Themes, e.Theme); !ok {
			return fmt.Errorf("%w %q", ErrUnknownTheme, e.Theme)
		}
	}
	for _, d := range e.Districts {
		if _, ok := config.Find(cm.Districts, d); !ok {
			return fmt.Errorf("%w %q", ErrUnknownArea, d)
		}
	}
	return nil
}

// EventID derives an event's id from what created it (an update id), so a
// redelivered update creates no second event; empty seed gives a fresh id.
func EventID(seed string) string {
	if seed == "" {
		return newRef()[:10]
	}
	h := sha256.Sum256([]byte(seed))
	return hex.EncodeToString(h[:5])
}

// Create stores a new event and schedules its reminders. Creating the
// same event again returns store.ErrEventExists.
func (s *EventService) Create(ctx context.Context, e store.Event) error {
	if err := s.Validate(e); err != nil {
		return err
	}
	e.Created = s.Now().UTC()
	if err := s.Store.CreateEvent(ctx, e); err != nil {
		return err
	}
	return s.schedule(ctx, e)
}

// Edit saves a changed event. A new time reschedules its reminders; the
// calendar sequence goes up so calendars replace their copy; seats added
// go to the waiting list, whose people are told.
func (s *EventService) Edit(ctx context.Context, e store.Event) error {
	old, err := s.Store.Event(ctx, e.ID)
	if err != nil {
		return err
	}
	if old.Cancelled {
		return ErrCancelled
	}
	if err := s.Validate(e); err != nil {
		return err
	}
	e.Created, e.Sequence = old.Created, old.Sequence+1
	if err := s.Store.SaveEvent(ctx, e); err != nil {
		return err
	}
	if err := s.schedule(ctx, e); err != nil {
		return err
	}
	// More seats (or none limited): the waiting list moves up and is told.
	moved, err := s.Store.FillSeats(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, u := range moved {
		p := store.Promotion{Event: e.ID, User: u}
		if _, err := s.Broadcasts.Start(ctx, promotionNotice(p), []bot.User{u}); err != nil {
			return err
		}
	}
	return nil
}

// Cancel cancels an event, removes its reminders and tells everyone who
// said yes or maybe (or waits for a seat). seed makes the notice
// idempotent (an update id).
func (s *EventService) Cancel(ctx context.Context, id, seed string) (store.Event, error) {
	e, err := s.Store.Event(ctx, id)
	if err != nil {
		return e, err
	}
	if !e.Cancelled {
		e.Cancelled = true
		e.Sequence++
		if err := s.Store.SaveEvent(ctx, e); err != nil {
			return e, err
		}
	}
	for _, j := range s.jobIDs(e) {
		if err := s.Jobs.Unschedule(ctx, j); err != nil {
			return e, err
		}
	}
	to, err := s.Store.Attendees(ctx, id, store.RSVPYes, store.RSVPMaybe, store.RSVPWaiting)
	if err != nil {
		return e, err
	}
	_, err = s.Broadcasts.Start(ctx, scheduler.Broadcast{ID: "cancel-" + id, Kind: kindCancel, Event: id}, to)
	return e, err
}

// The kinds of jobs and broadcasts of the events feature.
const (
	kindInvite   = "invite"
	kindRemind   = "remind"
	kindCancel   = "cancel"
	kindFeedback = "feedback"
	kindPromoted = "promoted"
	kindMoved    = "moved"
)

func (s *EventService) jobIDs(e store.Event) []string {
	ids := []string{"feedback:" + e.ID}
	for _, off := range s.Config.Events.Reminders {
		ids = append(ids, "remind:"+e.ID+":"+off.String())
	}
	return ids
}

// schedule (re)schedules the reminders and the feedback request of e.
// A reminder whose time has passed is not scheduled.
func (s *EventService) schedule(ctx context.Context, e store.Event) error {
	loc := s.Config.Location()
	now := s.Now()
	for _, off := range s.Config.Events.Reminders {
		j := scheduler.Job{ID: "remind:" + e.ID + ":" + off.String(), Kind: kindRemind, Event: e.ID, Arg: off.String(),
			Due: ReminderTime(e.Start, off, loc)}
		var err error
		if j.Due.After(now) {
			err = s.Jobs.Schedule(ctx, j)
		} else {
			err = s.Jobs.Unschedule(ctx, j.ID)
		}
		if err != nil {
			return err
		}
	}
	return s.Jobs.Schedule(ctx, scheduler.Job{ID: "feedback:" + e.ID, Kind: kindFeedback, Event: e.ID,
		Due: FeedbackTime(e, loc)})
}

// ReminderTime is when a reminder offset before start falls due. Whole
// days are counted on the calendar of loc, so a reminder "24h" before an
// event at 19:00 comes at 19:00 the day before also across a change of
// the clocks (then 23 or 25 hours before); the rest of the offset is
// real time ("2h" is two hours before).
func ReminderTime(start time.Time, offset time.Duration, loc *time.Location) time.Time {
	days := int(offset / (24 * time.Hour))
	rest := offset % (24 * time.Hour)
	local := start.In(loc)
	if days > 0 {
		y, m, d := local.Date()
		local = time.Date(y, m, d-days, local.Hour(), local.Minute(), local.Second(), 0, loc)
	}
	return local.Add(-rest)
}

// FeedbackTime is when "Wie war's?" is asked: at 10:00 on the day after the
// event ends.
func FeedbackTime(e store.Event, loc *time.Location) time.Time {
	end := e.End
	if end.IsZero() {
		end = e.Start
	}
	y, m, d := end.In(loc).Date()
	return time.Date(y, m, d+1, 10, 0, 0, 0, loc)
}

// Recipients are the consenting residents an invitation reaches: all, or
// those of a district, or those interested in a theme; never those who
// turned invitations off.
func (s *EventService) Recipients(ctx context.Context, district, theme string) ([]bot.User, error) {
	all, err := s.Store.People(ctx)
	if err != nil {
		return nil, err
	}
	people := make([]bot.User, 0, len(all))
	for _, k := range slices.Sorted(maps.Keys(all)) {
		people = append(people, store.UserFromKey(k))
	}
	profiles, err := s.Store.Profiles(ctx, people)
	if err != nil {
		return nil, err
	}
	var out []bot.User
	for _, u := range people {
		p, ok := profiles[u]
		if !ok {
			continue // deleted meanwhile
		}
		if p.NoInvitations || (district != "" && p.District != district) ||
			(theme != "" && !slices.Contains(p.Interests, theme)) {
			continue
		}
		out = append(out, u)
	}
	return out, nil
}
