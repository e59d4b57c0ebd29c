package flows

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/store"
)

// EventFields are the fields `heimatbot event create` and `event edit`
// set from a shell; a nil field stays as it is.
type EventFields struct {
	Title, Start, End, Place, Description, Theme, Districts *string
	Capacity                                                *int
}

// DefineFlags defines the fields' flags on fs.
func (f *EventFields) DefineFlags(fs *flag.FlagSet) {
	str := func(p **string, name, usage string) {
		fs.Func(name, usage, func(s string) error { *p = &s; return nil })
	}
	str(&f.Title, "title", "the event's `TITLE`")
	str(&f.Start, "start", "`START` in German, e.g. \"12.12. 18:30\" or \"morgen 19 Uhr\"")
	str(&f.End, "end", "`END`, e.g. \"20 Uhr\" or \"2 Stunden\" (default: no end)")
	str(&f.Place, "place", "the `PLACE`")
	str(&f.Description, "description", "a short `TEXT`")
	str(&f.Theme, "theme", "a theme `ID` of the configuration")
	str(&f.Districts, "districts", "district `IDS`, comma-separated; empty: all")
	fs.Func("capacity", "number of `SEATS`; 0: no limit", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil {
			return errors.New("want a number of seats, 0 for no limit")
		}
		f.Capacity = &n
		return nil
	})
}

// EventCLI creates, lists, edits and cancels events from a shell, for
// scripting; it writes each result as one line.
type EventCLI struct {
	d   Deps
	svc *EventService
}

// NewEventCLI works on the community of d.
func NewEventCLI(d Deps) *EventCLI { return &EventCLI{d: d, svc: NewEventService(d)} }

// List writes the upcoming events, one a line: id, start, title and the
// answers so far.
func (c *EventCLI) List(ctx context.Context, out io.Writer) error {
	list, err := c.d.Store.Events(ctx, c.svc.Now(), 0, 0)
	if err != nil {
		return err
	}
	loc := c.d.Config.Location()
	for _, e := range list {
		n, err := c.d.Store.RSVPCounts(ctx, e.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s\t%s\t%s\tyes %d, maybe %d, waiting %d\n", e.ID, datetext.Format(e.Start.In(loc)), e.Title,
			n[store.RSVPYes], n[store.RSVPMaybe], n[store.RSVPWaiting])
	}
	return nil
}

// Create stores a new event with its reminders and writes its id.
func (c *EventCLI) Create(ctx context.Context, f EventFields, out io.Writer) error {
	if f.Start == nil {
		return errors.New("event create: want --start")
	}
	e := store.Event{ID: EventID("")}
	if err := f.apply(c.d, c.svc.Now(), &e); err != nil {
		return err
	}
	if err := c.svc.Create(ctx, e); err != nil {
		return fmt.Errorf("event create: %w", err)
	}
	_, err := fmt.Fprintln(out, e.ID)
	return err
}

// Edit changes the fields f names; a new start reschedules the reminders
// and tells those who answered.
func (c *EventCLI) Edit(ctx context.Context, id string, f EventFields, out io.Writer) error {
	e, err := c.d.Store.Event(ctx, id)
	if err != nil {
		return fmt.Errorf("event edit %s: %w", id, err)
	}
	if err := f.apply(c.d, c.svc.Now(), &e); err != nil {
		return err
	}
	if err := c.svc.Edit(ctx, e); err != nil {
		return fmt.Errorf("event edit: %w", err)
	}
	_, err = fmt.Fprintln(out, "saved", e.ID)
	return err
}

// Cancel cancels the event and tells those who said yes or maybe.
func (c *EventCLI) Cancel(ctx context.Context, id string, out io.Writer) error {
	e, err := c.d.Store.Event(ctx, id)
	if err != nil {
		return fmt.Errorf("event cancel %s: %w", id, err)
	}
	if _, err := c.svc.Cancel(ctx, e.ID, ""); err != nil {
		return fmt.Errorf("event cancel: %w", err)
	}
	_, err = fmt.Fprintln(out, "cancelled", e.ID)
	return err
}

// apply sets the fields of e that f names.
func (f EventFields) apply(d Deps, now time.Time, e *store.Event) error {
	loc := d.Config.Location()
	if f.Start != nil {
		t, err := datetext.Parse(*f.Start, now, loc)
		if err != nil {
			return dateFlagError("start", *f.Start, loc, err)
		}
		if !e.End.IsZero() && f.End == nil {
			e.End = t.Add(e.End.Sub(e.Start)) // keep the length
		}
		e.Start = t
	}
	if f.End != nil {
		t, err := datetext.ParseEnd(*f.End, e.Start.In(loc))
		if err != nil {
			return dateFlagError("end", *f.End, loc, err)
		}
		e.End = t
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&e.Title, f.Title)
	set(&e.Place, f.Place)
	set(&e.Description, f.Description)
	set(&e.Theme, f.Theme)
	if f.Capacity != nil {
		e.Capacity = *f.Capacity
	}
	if f.Districts != nil {
		e.Districts = nil
		for _, s := range strings.Split(*f.Districts, ",") {
			if s = strings.TrimSpace(s); s != "" {
				e.Districts = append(e.Districts, s)
			}
		}
	}
	return nil
}

// dateFlagError says why the date of --flag, s, was not taken. An
// ambiguous date names its days as `event list` writes them, which --start
// and --end read, so the one meant can be copied.
func dateFlagError(flag, s string, loc *time.Location, err error) error {
	var amb *datetext.AmbiguousError
	if !errors.As(err, &amb) {
		return fmt.Errorf("event --%s: %w", flag, err)
	}
	days := make([]string, len(amb.Candidates))
	for i, t := range amb.Candidates {
		days[i] = datetext.Format(t.In(loc))
	}
	return fmt.Errorf("event --%s: %w: %q may mean %s; write the date", flag, datetext.ErrAmbiguous, s, strings.Join(days, " or "))
}
