package flows_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/datetext"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
)

// eventCommand runs `heimatbot event` on b's community: it parses args
// as cmd/heimatbot does (the subcommand, an id for edit and cancel, then
// the flags) and returns what the command wrote.
func eventCommand(b *eventBot) func(args ...string) (string, error) {
	ctx := context.Background()
	cli := flows.NewEventCLI(flows.Deps{Config: b.Config, Store: b.Store, Now: b.Clock.Now})
	return func(args ...string) (string, error) {
		var out bytes.Buffer
		var f flows.EventFields
		fs := flag.NewFlagSet("event", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f.DefineFlags(fs)
		var id string
		rest := args[1:]
		if args[0] == "edit" || args[0] == "cancel" {
			id, rest = rest[0], rest[1:]
		}
		if err := fs.Parse(rest); err != nil {
			return "", err
		}
		var err error
		switch args[0] {
		case "create":
			err = cli.Create(ctx, f, &out)
		case "list":
			err = cli.List(ctx, &out)
		case "edit":
			err = cli.Edit(ctx, id, f, &out)
		case "cancel":
			err = cli.Cancel(ctx, id, &out)
		}
		return strings.TrimSpace(out.String()), err
	}
}

func TestEventCommand(t *testing.T) {
	b := newEventBot(t)
	ctx := context.Background()
	run := eventCommand(b)
	id, err := run("create", "--title", "Stadtgespräch Schule", "--start", "12.12. 18:30", "--end", "2 Stunden",
		"--place", "Aula", "--theme", "schule", "--districts", "badeborn", "--capacity", "30")
	if err != nil {
		t.Fatal(err)
	}
	e, err := b.Store.Event(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Stadtgespräch Schule" || e.Capacity != 30 || e.End.Sub(e.Start).Hours() != 2 || e.Districts[0] != "badeborn" {
		t.Fatalf("created %+v", e)
	}
	if out, _ := run("list"); !strings.Contains(out, id) || !strings.Contains(out, "Sa., 12.12.2026, 18:30 Uhr") {
		t.Fatalf("list: %q", out)
	}
	if _, err := run("edit", id, "--start", "13.12. 19:00"); err != nil {
		t.Fatal(err)
	}
	e, _ = b.Store.Event(ctx, id)
	if datetext.Format(e.Start.In(b.Config.Location())) != "So., 13.12.2026, 19:00 Uhr" || e.End.Sub(e.Start).Hours() != 2 || e.Sequence != 1 ||
		e.Title != "Stadtgespräch Schule" || e.Place != "Aula" || e.Capacity != 30 || len(e.Districts) != 1 {
		t.Fatalf("edited %+v", e)
	}
	tests := []struct {
		args []string
		want error
	}{
		{[]string{"create", "--title", "X", "--start", "01.01.2020 10:00"}, datetext.ErrPast},
		{[]string{"create", "--title", "X", "--start", "bald"}, datetext.ErrUnparseable},
		{[]string{"create", "--title", strings.Repeat("x", 121), "--start", "12.12. 18:30"}, flows.ErrTitleTooLong},
		{[]string{"create", "--title", "X", "--start", "12.12. 18:30", "--theme", "nosuch"}, flows.ErrUnknownTheme},
		{[]string{"edit", "nosuch"}, store.ErrNotFound},
		{[]string{"create", "--start", "12.12. 18:30"}, flows.ErrTitleEmpty},
	}
	for _, tt := range tests {
		if _, err := run(tt.args...); !errors.Is(err, tt.want) {
			t.Errorf("%v: err %v, want %v", tt.args, err, tt.want)
		}
	}
	if _, err := run("cancel", id); err != nil {
		t.Fatal(err)
	}
	if out, _ := run("list"); out != "" {
		t.Fatalf("list after cancel: %q", out)
	}
}

// The clock of flowtest is Wednesday, 25.11.2026: "nächsten Freitag" may
// mean the day after tomorrow or Friday of next week. The command names
// both, in the form it reads, and changes nothing.
func TestEventCommandRefusesAnAmbiguousDate(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		early, late string
	}{
		{"start of a new event", []string{"create", "--title", "X", "--start", "nächsten Freitag 19 Uhr"},
			"Fr., 27.11.2026, 19:00 Uhr", "Fr., 04.12.2026, 19:00 Uhr"},
		{"end of a new event", []string{"create", "--title", "X", "--start", "morgen 9 Uhr", "--end", "bis nächsten Samstag 12 Uhr"},
			"Sa., 28.11.2026, 12:00 Uhr", "Sa., 05.12.2026, 12:00 Uhr"},
		{"new start of an event", []string{"edit", "amb", "--start", "nächsten Freitag 19 Uhr"},
			"Fr., 27.11.2026, 19:00 Uhr", "Fr., 04.12.2026, 19:00 Uhr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newEventBot(t)
			ctx := context.Background()
			before := b.event(t, "amb", berlin(t, b, "12.12.2026 18:30"), 0)
			out, err := eventCommand(b)(tt.args...)
			if !errors.Is(err, datetext.ErrAmbiguous) {
				t.Fatalf("err %v, want one wrapping datetext.ErrAmbiguous", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.early+" or "+tt.late) || !strings.Contains(msg, "write the date") {
				t.Errorf("error %q does not name %s and %s", msg, tt.early, tt.late)
			}
			if out != "" {
				t.Errorf("wrote %q", out)
			}
			list, err := b.Store.Events(ctx, b.Clock.Now(), 0, 0)
			if err != nil || len(list) != 1 {
				t.Fatalf("events %+v, %v; want only the one there was", list, err)
			}
			if after, _ := b.Store.Event(ctx, before.ID); !after.Start.Equal(before.Start) || after.Sequence != before.Sequence {
				t.Errorf("the event changed: %+v, was %+v", after, before)
			}
		})
	}
}
