package flows

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/store"
)

// EventCommand runs `heimatbot event create|list|edit|cancel` for
// scripting: args are the words after "event", out gets the result.
//
//	event create --title T --start "12.12. 18:30" [--end "20 Uhr"] [--place P]
//	             [--description D] [--theme ID] [--districts a,b] [--capacity N]
//	event list
//	event edit ID [the same flags; only those given change]
//	event cancel ID
func EventCommand(ctx context.Context, d Deps, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("event: want create, list, edit or cancel")
	}
	svc := NewEventService(d)
	switch args[0] {
	case "list":
		list, err := d.Store.Events(ctx, svc.Now(), 0, 0)
		if err != nil {
			return err
		}
		loc := d.Config.Location()
		for _, e := range list {
			n, err := d.Store.RSVPCounts(ctx, e.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "%s\t%s\t%s\tyes %d, maybe %d, waiting %d\n", e.ID, datetext.Format(e.Start.In(loc)), e.Title,
				n[store.RSVPYes], n[store.RSVPMaybe], n[store.RSVPWaiting])
		}
		return nil
	case "create":
		e := store.Event{ID: EventID("")}
		if err := eventFlags(d, svc.Now(), &e, args[1:]); err != nil {
			return err
		}
		if err := svc.Create(ctx, e); err != nil {
			return fmt.Errorf("event create: %w", err)
		}
		fmt.Fprintln(out, e.ID)
		return nil
	case "edit", "cancel":
		if len(args) < 2 {
			return fmt.Errorf("event %s: want an event id", args[0])
		}
		e, err := d.Store.Event(ctx, args[1])
		if err != nil {
			return fmt.Errorf("event %s %s: %w", args[0], args[1], err)
		}
		if args[0] == "cancel" {
			if _, err := svc.Cancel(ctx, e.ID, ""); err != nil {
				return fmt.Errorf("event cancel: %w", err)
			}
			fmt.Fprintln(out, "cancelled", e.ID)
			return nil
		}
		if err := eventFlags(d, svc.Now(), &e, args[2:]); err != nil {
			return err
		}
		if err := svc.Edit(ctx, e); err != nil {
			return fmt.Errorf("event edit: %w", err)
		}
		fmt.Fprintln(out, "saved", e.ID)
		return nil
	}
	return fmt.Errorf("event: unknown subcommand %q", args[0])
}

// eventFlags sets the fields of e that args name.
func eventFlags(d Deps, now time.Time, e *store.Event, args []string) error {
	fs := flag.NewFlagSet("event", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	title := fs.String("title", e.Title, "title")
	start := fs.String("start", "", `start, e.g. "12.12. 18:30"`)
	end := fs.String("end", "", `end, e.g. "20 Uhr" or "2 Stunden"`)
	place := fs.String("place", e.Place, "place")
	desc := fs.String("description", e.Description, "description")
	theme := fs.String("theme", e.Theme, "theme id")
	districts := fs.String("districts", strings.Join(e.Districts, ","), "district ids, comma-separated; empty: all")
	capacity := fs.Int("capacity", e.Capacity, "seats; 0: no limit")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("event: %w", err)
	}
	loc := d.Config.Location()
	if *start != "" {
		t, err := datetext.Parse(*start, now, loc)
		if err != nil {
			return fmt.Errorf("event --start: %w", err)
		}
		if !e.End.IsZero() && *end == "" {
			e.End = t.Add(e.End.Sub(e.Start)) // keep the length
		}
		e.Start = t
	}
	if *end != "" {
		t, err := datetext.ParseEnd(*end, e.Start.In(loc))
		if err != nil {
			return fmt.Errorf("event --end: %w", err)
		}
		e.End = t
	}
	e.Title, e.Place, e.Description, e.Theme, e.Capacity = *title, *place, *desc, *theme, *capacity
	e.Districts = nil
	for _, s := range strings.Split(*districts, ",") {
		if s = strings.TrimSpace(s); s != "" {
			e.Districts = append(e.Districts, s)
		}
	}
	return nil
}
