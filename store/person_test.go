package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// A person who did everything the bot offers (answered an event and rated
// it, wrote an opinion and voted, offered help, posted a need, answered a
// match) finds all of it in their data, and after the forgetting that
// /loeschen does nothing of it is left: every multi-key write and read on
// the way, on each backend.
func TestEverythingAPersonLeftIsFoundAndForgotten(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.New(t)
		rdb := s.Client()
		u, ref := personID("whole"+s.Community()), "ref"+s.Community()
		other := personID("other" + s.Community())
		if err := s.Commit(ctx, u, "c1", bot.Change{Profile: &bot.Profile{Ref: ref, District: "rieder"}, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
		if got, p, err := s.PersonByRef(ctx, ref); err != nil || got != u || p.District != "rieder" {
			t.Fatalf("person by ref = %v %+v %v", got, p, err)
		}

		// An event with one seat: the person takes it, another waits.
		e := store.Event{ID: "ev1", Title: "Stadtgespräch Jugend", Start: t0.Add(48 * time.Hour), Capacity: 1}
		if err := s.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		for _, who := range []bot.User{u, other} {
			if _, err := s.SetRSVP(ctx, e.ID, who, store.RSVPYes); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetFeedback(ctx, e.ID, u, store.Feedback{Ref: ref, Stars: 4, Text: "Gut", At: t0}); err != nil {
			t.Fatal(err)
		}

		// An opinion, approved, and a vote on someone else's.
		if _, err := s.AddOpinion(ctx, store.Opinion{ID: "opwhole", Ref: ref, Theme: "jugend", Text: "Mehr Bänke.", Created: t0}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PendingCount(ctx); err != nil || n != 1 {
			t.Fatalf("pending = %d, %v", n, err)
		}
		if o, err := s.NextPending(ctx, ""); err != nil || o.ID != "opwhole" {
			t.Fatalf("next pending = %+v, %v", o, err)
		}
		if _, err := s.DecideOpinion(ctx, "opwhole", true, "tok", t0); err != nil {
			t.Fatal(err)
		}
		approved(t, s, "theirs", "someone", "jugend", 1)
		vote(t, s, ref, "theirs", store.Disagree)
		vote(t, s, "someone", "opwhole", store.Agree) // in someone's index now

		// An offer, a need of their own and a match to someone else's.
		if err := s.SaveOffer(ctx, store.Offer{Ref: ref, Categories: []string{"handwerk"}, Districts: []string{"rieder"}, Time: "once"}); err != nil {
			t.Fatal(err)
		}
		own := store.Need{ID: "n-own", Ref: ref, Title: "Zelt", Categories: []string{"raeume"}, District: "rieder", Created: t0}
		if ok, err := s.AddNeed(ctx, own, []string{"h9"}); err != nil || !ok {
			t.Fatalf("add own need: %v %v", ok, err)
		}
		theirs := store.Need{ID: "n-theirs", Ref: "someone", Title: "Regal", Categories: []string{"handwerk"}, District: "rieder", Created: t0}
		if _, err := s.AddNeed(ctx, theirs, nil); err != nil {
			t.Fatal(err)
		}
		if ask, err := s.AddMatch(ctx, theirs.ID, ref); err != nil || !ask {
			t.Fatalf("add match: %v %v", ask, err)
		}
		if _, err := s.AnswerMatch(ctx, theirs.ID, ref, store.MatchInterested); err != nil {
			t.Fatal(err)
		}

		// All of it is in the person's data.
		events, err := s.PersonEvents(ctx, u, ref)
		if err != nil || len(events) != 1 || events[0].RSVP != store.RSVPYes || events[0].Feedback == nil || events[0].Feedback.Stars != 4 {
			t.Fatalf("person's events = %+v, %v", events, err)
		}
		if ops, err := s.OpinionsBy(ctx, ref); err != nil || len(ops) != 1 || ops[0].Text != "Mehr Bänke." {
			t.Fatalf("opinions by = %+v, %v", ops, err)
		}
		if votes, err := s.VotesBy(ctx, ref); err != nil || len(votes) != 1 || votes[0].Statement != "theirs" {
			t.Fatalf("votes by = %+v, %v", votes, err)
		}
		if needs, err := s.NeedsBy(ctx, ref); err != nil || len(needs) != 1 || needs[0].Title != "Zelt" {
			t.Fatalf("needs by = %+v, %v", needs, err)
		}
		if m, err := s.MatchesOf(ctx, ref); err != nil || m[theirs.ID] != store.MatchInterested {
			t.Fatalf("matches of = %v, %v", m, err)
		}
		if open, err := s.OpenNeeds(ctx); err != nil || len(open) != 2 {
			t.Fatalf("open needs = %+v, %v", open, err)
		}
		// And in what the digest and the export read of everyone.
		if people, err := s.People(ctx); err != nil || people[u.Key()] != ref {
			t.Fatalf("people = %v, %v", people, err)
		}
		if ps, err := s.Profiles(ctx, []bot.User{u, other}); err != nil || ps[u] == nil || ps[u].Ref != ref || ps[other] != nil {
			t.Fatalf("profiles = %v, %v", ps, err)
		}
		if evs, err := s.Events(ctx, t0, 0, 10); err != nil || len(evs) != 1 || evs[0].Title != e.Title {
			t.Fatalf("events = %+v, %v", evs, err)
		}
		if fb, err := s.EventFeedback(ctx, e.ID); err != nil || len(fb) != 1 || fb[0].Text != "Gut" {
			t.Fatalf("feedback = %+v, %v", fb, err)
		}
		if ops, err := s.ApprovedOpinions(ctx); err != nil || len(ops) != 2 {
			t.Fatalf("approved opinions = %+v, %v", ops, err)
		}
		if offers, err := s.Offers(ctx); err != nil || len(offers) != 1 || offers[0].Ref != ref {
			t.Fatalf("offers = %+v, %v", offers, err)
		}
		if needs, matches, err := s.Needs(ctx); err != nil || len(needs) != 2 || len(matches) != 2 {
			t.Fatalf("needs = %+v %v, %v", needs, matches, err)
		}

		// Forgotten: the freed seat goes to the one waiting.
		promoted, err := s.ForgetPersonEvents(ctx, u, ref)
		if err != nil || len(promoted) != 1 || promoted[0].User != other {
			t.Fatalf("promoted = %+v, %v; want %v", promoted, err, other)
		}
		if err := s.ForgetVoices(ctx, ref); err != nil {
			t.Fatal(err)
		}
		if err := s.ForgetHelping(ctx, ref); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(ctx, u, "c2", bot.Change{Erase: true}); err != nil {
			t.Fatal(err)
		}
		// Nor does the id of their opinion stay in the index of whoever
		// voted on it.
		for _, needle := range []string{u.ID, ref, "opwhole"} {
			if keys := storetest.Traces(t, rdb, needle); len(keys) > 0 {
				t.Fatalf("%q still in %v", needle, keys)
			}
		}
		// What others did stays.
		if o, err := s.Opinion(ctx, "theirs"); err != nil || o.Agree != 1 {
			t.Fatalf("the other opinion after the forgetting: %+v, %v", o, err)
		}
		if m, err := s.Matches(ctx, theirs.ID); err != nil || len(m) != 0 {
			t.Fatalf("matches of the other need = %v, %v", m, err)
		}
	})
}

// Raising an event's capacity moves the waiting list up in the order the
// answers came.
func TestMoreSeatsGoToTheWaitingInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.New(t)
		e := newEvent(t, s, 1)
		for _, who := range []int{4, 2, 8, 6} {
			if _, err := s.SetRSVP(ctx, e.ID, person(who), store.RSVPYes); err != nil {
				t.Fatal(err)
			}
		}
		e.Capacity = 3
		if err := s.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		moved, err := s.FillSeats(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []bot.User{person(2), person(8)}; !slices.Equal(moved, want) {
			t.Fatalf("moved up %v, want %v", moved, want)
		}
		if got, err := s.Event(ctx, e.ID); err != nil || got.Capacity != 3 {
			t.Fatalf("event = %+v, %v", got, err)
		}
		if waiting, _ := s.Attendees(ctx, e.ID, store.RSVPWaiting); !slices.Equal(waiting, []bot.User{person(6)}) {
			t.Fatalf("still waiting %v", waiting)
		}
	})
}

// Someone who blocked the bot is marked so in their profile, and nobody
// without a profile gets one.
func TestMarkUnreachable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.New(t)
		u, stranger := personID("blocked"+s.Community()), personID("stranger"+s.Community())
		if err := s.Commit(ctx, u, "", bot.Change{Profile: &bot.Profile{Ref: "r", Lang: "de"}, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
		for _, who := range []bot.User{u, u, stranger} {
			if err := s.MarkUnreachable(ctx, who); err != nil {
				t.Fatal(err)
			}
		}
		if p, err := s.Profile(ctx, u); err != nil || !p.Unreachable || p.Lang != "de" {
			t.Fatalf("profile = %+v, %v", p, err)
		}
		if p, err := s.Profile(ctx, stranger); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a stranger got a profile: %+v, %v", p, err)
		}
	})
}
