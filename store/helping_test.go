package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestOffersMatchNeedsByCategoryAndDistrict(t *testing.T) {
	offer := store.Offer{Categories: []string{"handwerk", "fahrdienste"}, Districts: []string{"badeborn", "rieder"}, Time: "once"}
	tests := []struct {
		name     string
		cats     []string
		district string
		match    bool
	}{
		{"shares a category and the district", []string{"handwerk"}, "badeborn", true},
		{"shares one of several categories", []string{"raeume", "fahrdienste"}, "rieder", true},
		{"differs in the category", []string{"jugendarbeit"}, "badeborn", false},
		{"differs in the district", []string{"handwerk"}, "opperode", false},
		{"differs in both", []string{"raeume"}, "opperode", false},
	}
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := b.New(t)
				o := offer
				o.Ref = "helper"
				if err := s.SaveOffer(context.Background(), o); err != nil {
					t.Fatal(err)
				}
				refs, err := s.MatchingOffers(context.Background(), tt.cats, tt.district)
				if err != nil {
					t.Fatal(err)
				}
				if got := slices.Contains(refs, "helper"); got != tt.match {
					t.Fatalf("matched = %v, want %v", got, tt.match)
				}
				if got := o.Fits(store.Need{Categories: tt.cats, District: tt.district}); got != tt.match {
					t.Fatalf("Fits = %v, want %v", got, tt.match)
				}
			})
		}
	})
}

func TestAChangedOrWithdrawnOfferLeavesTheIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		o := store.Offer{Ref: "h", Categories: []string{"handwerk"}, Districts: []string{"badeborn"}, Time: "once"}
		if err := s.SaveOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
		o.Categories = []string{"raeume"}
		if err := s.SaveOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
		if refs, _ := s.MatchingOffers(ctx, []string{"handwerk"}, "badeborn"); len(refs) != 0 {
			t.Fatalf("the old category still matches: %v", refs)
		}
		if refs, _ := s.MatchingOffers(ctx, []string{"raeume"}, "badeborn"); len(refs) != 1 {
			t.Fatalf("the new category does not match: %v", refs)
		}
		if err := s.WithdrawOffer(ctx, "h"); err != nil {
			t.Fatal(err)
		}
		if refs, _ := s.MatchingOffers(ctx, []string{"raeume"}, "badeborn"); len(refs) != 0 {
			t.Fatalf("a withdrawn offer matches: %v", refs)
		}
		if _, err := s.Offer(ctx, "h"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("withdrawn offer still there: %v", err)
		}
	})
}

func TestMatchAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		n := store.Need{ID: "n1", Ref: "author", Title: "Regal", Categories: []string{"handwerk"}, District: "badeborn", Created: t0}
		if ok, err := s.AddNeed(ctx, n, []string{"h1", "h2"}); err != nil || !ok {
			t.Fatalf("add need: %v %v", ok, err)
		}
		if ok, _ := s.AddNeed(ctx, n, nil); ok {
			t.Fatal("a redelivered need was added twice")
		}
		if prev, err := s.AnswerMatch(ctx, "n1", "h1", store.MatchInterested); err != nil || prev != store.MatchOffered {
			t.Fatalf("answer: %q %v", prev, err)
		}
		if prev, _ := s.AnswerMatch(ctx, "n1", "h1", store.MatchInterested); prev != store.MatchInterested {
			t.Fatalf("repeated answer: prev %q", prev)
		}
		if _, err := s.AnswerMatch(ctx, "n1", "stranger", store.MatchInterested); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("an unmatched helper answered: %v", err)
		}
		if err := s.CloseNeed(ctx, "n1", "someone else"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("someone else closed the need: %v", err)
		}
		if err := s.CloseNeed(ctx, "n1", "author"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AnswerMatch(ctx, "n1", "h2", store.MatchInterested); !errors.Is(err, store.ErrNeedFilled) {
			t.Fatalf("answer to a filled need: %v", err)
		}
	})
}

// An offer reads back as saved, with a short or a long text, beside the
// person's votes in the same index, and goes without touching them; the
// index stays in Redis's compact encoding (a long text is kept apart).
func TestOffersReadBackBesideVotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		approved(t, s, "st", "author", "jugend", 0)
		long := strings.Repeat("Ich fahre gern ältere Leute zum Arzt. ", 5)
		for _, text := range []string{"", "Ich packe gern mit an.", long, "Wieder kurz."} {
			vote(t, s, "helper", "st", store.Agree)
			o := store.Offer{Ref: "helper", Categories: []string{"fahrdienste", "handwerk"}, Districts: []string{"rieder"},
				Time: "month", Text: text, ShowName: true, Updated: t0}
			if err := s.SaveOffer(ctx, o); err != nil {
				t.Fatal(err)
			}
			got, err := s.Offer(ctx, "helper")
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != text || !slices.Equal(got.Categories, o.Categories) || !slices.Equal(got.Districts, o.Districts) ||
				got.Time != "month" || !got.ShowName || !got.Updated.Equal(t0) {
				t.Fatalf("offer with text %q read back as %+v", text, got)
			}
			enc, err := s.Client().ObjectEncoding(ctx, s.Key("mine", "helper")).Result()
			if err != nil && strings.Contains(err.Error(), "unknown command") {
				continue // the embedded fallback server has no encodings
			}
			if err != nil || enc != "listpack" {
				t.Fatalf("text %q: the person's index is %s, want listpack", text, enc)
			}
		}
		if err := s.WithdrawOffer(ctx, "helper"); err != nil {
			t.Fatal(err)
		}
		if votes, err := s.VotesBy(ctx, "helper"); err != nil || len(votes) != 1 {
			t.Fatalf("votes after withdrawing the offer: %v, %v", votes, err)
		}
		if n, _ := s.Client().Exists(ctx, s.Key("offer", "helper", "text")).Result(); n != 0 {
			t.Fatal("the long text outlived the offer")
		}
	})
}
