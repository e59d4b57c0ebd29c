package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func newEvent(t *testing.T, s *store.Store, capacity int) store.Event {
	t.Helper()
	e := store.Event{ID: "e1", Title: "Stadtgespräch", Start: time.Date(2026, 12, 12, 18, 30, 0, 0, time.UTC), Capacity: capacity}
	if err := s.CreateEvent(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return e
}

func person(i int) bot.User { return bot.User{Platform: bot.Telegram, ID: fmt.Sprint(1000 + i)} }

func TestHundredConcurrentRSVPsForTwentySeats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		e := newEvent(t, s, 20)

		results := make([]store.RSVPResult, 100)
		var wg sync.WaitGroup
		for i := range 100 {
			wg.Go(func() {
				r, err := s.SetRSVP(ctx, e.ID, person(i), store.RSVPYes)
				if err != nil {
					t.Error(err)
				}
				results[i] = r
			})
		}
		wg.Wait()

		var confirmed, positions []int
		for i, r := range results {
			switch r.Status {
			case store.RSVPYes:
				confirmed = append(confirmed, i)
			case store.RSVPWaiting:
				positions = append(positions, r.Position)
			default:
				t.Fatalf("person %d got %q", i, r.Status)
			}
		}
		if len(confirmed) != 20 || len(positions) != 80 {
			t.Fatalf("confirmed %d, waiting %d; want 20 and 80", len(confirmed), len(positions))
		}
		slices.Sort(positions)
		for i, p := range positions {
			if p != i+1 {
				t.Fatalf("waiting positions %v are not 1..80 each once", positions)
			}
		}
		// The stored waiting list is in the order the answers arrived: the
		// person told "position 1" is first.
		waiting, err := s.Attendees(ctx, e.ID, store.RSVPWaiting)
		if err != nil {
			t.Fatal(err)
		}
		for pos, u := range waiting {
			var i int
			_, _ = fmt.Sscan(u.ID, &i)
			if results[i-1000].Position != pos+1 {
				t.Fatalf("waiting list place %d holds %s, who was told position %d", pos+1, u.ID, results[i-1000].Position)
			}
		}

		// One cancellation promotes exactly the first on the list.
		r, err := s.SetRSVP(ctx, e.ID, person(confirmed[0]), store.RSVPNo)
		if err != nil {
			t.Fatal(err)
		}
		if r.Promoted != waiting[0] {
			t.Fatalf("promoted %+v, want the first waiting %+v", r.Promoted, waiting[0])
		}
		yes, _ := s.Attendees(ctx, e.ID, store.RSVPYes)
		still, _ := s.Attendees(ctx, e.ID, store.RSVPWaiting)
		if len(yes) != 20 || len(still) != 79 {
			t.Fatalf("after one cancellation: %d confirmed, %d waiting; want 20 and 79", len(yes), len(still))
		}
		if got, _ := s.RSVPOf(ctx, e.ID, waiting[0]); got != store.RSVPYes {
			t.Fatalf("promoted person's answer is %q", got)
		}
	})
}

func TestRSVPIsASetNotAToggle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		e := newEvent(t, s, 1)
		tests := []struct {
			who    int
			answer store.RSVP
			want   store.RSVP
		}{
			{1, store.RSVPYes, store.RSVPYes},
			{1, store.RSVPYes, store.RSVPYes}, // again: unchanged, no second seat
			{2, store.RSVPYes, store.RSVPWaiting},
			{2, store.RSVPYes, store.RSVPWaiting},
			{1, store.RSVPMaybe, store.RSVPMaybe}, // frees the seat: 2 moves up
			{1, store.RSVPYes, store.RSVPWaiting},
			{3, store.RSVPNo, store.RSVPNo},
		}
		for i, tt := range tests {
			r, err := s.SetRSVP(ctx, e.ID, person(tt.who), tt.answer)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tt.want {
				t.Fatalf("step %d: person %d says %s: got %s, want %s", i, tt.who, tt.answer, r.Status, tt.want)
			}
		}
		if got, _ := s.RSVPOf(ctx, e.ID, person(2)); got != store.RSVPYes {
			t.Fatalf("person 2 = %q, want yes after the seat was freed", got)
		}
		if _, err := s.SetRSVP(ctx, "nosuch", person(1), store.RSVPYes); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("rsvp to a missing event: %v", err)
		}
	})
}

// Organizers see the yes-sayers in the order they answered, also after
// someone moved up from the waiting list.
func TestYesSayersComeInTheOrderTheyAnswered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		e := newEvent(t, s, 3)
		for _, who := range []int{7, 3, 9, 5} { // 5 waits
			if _, err := s.SetRSVP(ctx, e.ID, person(who), store.RSVPYes); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SetRSVP(ctx, e.ID, person(3), store.RSVPNo); err != nil {
			t.Fatal(err)
		}
		yes, err := s.Attendees(ctx, e.ID, store.RSVPYes)
		if err != nil {
			t.Fatal(err)
		}
		want := []bot.User{person(7), person(9), person(5)}
		if !slices.Equal(yes, want) {
			t.Fatalf("yes-sayers %v, want %v", yes, want)
		}
		if n, _ := s.RSVPCounts(ctx, e.ID); n[store.RSVPYes] != 3 || n[store.RSVPNo] != 1 {
			t.Fatalf("counts %v", n)
		}
	})
}
