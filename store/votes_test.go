package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// approved adds an approved opinion of author on theme with n votes by
// other voters.
func approved(t *testing.T, s *store.Store, id, author, theme string, votes int) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.AddOpinion(ctx, store.Opinion{ID: id, Ref: author, Theme: theme, Text: "Meinung " + id, Created: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideOpinion(ctx, id, true, "tok-"+id, t0); err != nil {
		t.Fatal(err)
	}
	for i := range votes {
		vote(t, s, fmt.Sprintf("v%s-%d", id, i), id, store.Agree)
	}
}

func vote(t *testing.T, s *store.Store, voter, id string, v int8) {
	t.Helper()
	if err := s.CastVote(context.Background(), store.Vote{Statement: id, Voter: voter, Value: v, At: t0}); err != nil {
		t.Fatal(err)
	}
}

func next(s *store.Store, voter string, interests, others, skip []string) string {
	id, err := s.NextStatement(context.Background(), voter, interests, others, skip)
	if errors.Is(err, store.ErrNotFound) {
		return "none"
	}
	if err != nil {
		return err.Error()
	}
	return id
}

func TestNextStatementPicksTheLeastVotedWithinInterestsFirst(t *testing.T) {
	interests, others := []string{"jugend"}, []string{"kultur", "mobil"}
	tests := []struct {
		name     string
		answered []string
		skip     []string
		want     string
	}{
		{"least voted of the interests, never the own", nil, nil, "j1"},
		{"next in the interests", []string{"j1"}, nil, "j2"},
		{"skipped ones are left out", nil, []string{"j1"}, "j2"},
		{"then the least voted of the other themes", []string{"j1", "j2"}, nil, "k0"},
		{"then the next", []string{"j1", "j2", "k0"}, nil, "m3"},
		{"none left", []string{"j1", "j2", "k0", "m3"}, nil, "none"},
	}
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := b.New(t)
				approved(t, s, "j2", "a", "jugend", 2)
				approved(t, s, "j1", "a", "jugend", 1)
				approved(t, s, "k0", "a", "kultur", 0)
				approved(t, s, "m3", "a", "mobil", 3)
				approved(t, s, "own", "me", "jugend", 0) // least voted, but the voter's own
				for _, id := range tt.answered {
					vote(t, s, "me", id, store.Pass)
				}
				if got := next(s, "me", interests, others, tt.skip); got != tt.want {
					t.Fatalf("next = %s, want %s", got, tt.want)
				}
			})
		}
	})
}

func TestNextStatementWalksPastManyAnswered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		const n = 250
		for i := range n {
			id := fmt.Sprintf("s%03d", i)
			if _, err := s.AddOpinion(ctx, store.Opinion{ID: id, Ref: "a", Theme: "jugend", Text: "x", Created: t0}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DecideOpinion(ctx, id, true, "t", t0); err != nil {
				t.Fatal(err)
			}
		}
		// The voter answered the 180 least voted; the rest have more votes.
		for i := range n {
			id := fmt.Sprintf("s%03d", i)
			if i < 180 {
				vote(t, s, "me", id, store.Agree)
			} else {
				vote(t, s, "other", id, store.Agree)
				vote(t, s, "other2", id, store.Agree)
			}
		}
		if got := next(s, "me", []string{"jugend"}, nil, nil); got != "s180" {
			t.Fatalf("next = %s, want s180", got)
		}
	})
}

func TestVotesAreStoredOnceAndOnlyOnApprovedOpinions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		approved(t, s, "o1", "a", "jugend", 0)
		vote(t, s, "me", "o1", store.Disagree)
		vote(t, s, "me", "o1", store.Disagree) // redelivered
		o, err := s.Opinion(ctx, "o1")
		if err != nil || o.Disagree != 1 {
			t.Fatalf("opinion after a repeated vote = %+v, %v", o, err)
		}
		if _, err := s.AddOpinion(ctx, store.Opinion{ID: "p1", Ref: "a", Theme: "jugend", Text: "x", Created: t0}); err != nil {
			t.Fatal(err)
		}
		if err := s.CastVote(ctx, store.Vote{Statement: "p1", Voter: "me", Value: store.Agree, At: t0}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("vote on a pending opinion: err = %v, want ErrNotFound", err)
		}
		if err := s.CastVote(ctx, store.Vote{Statement: "nope", Voter: "me", Value: store.Agree, At: t0}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("vote on a missing opinion: err = %v, want ErrNotFound", err)
		}
		var n int
		if err := s.EachVote(ctx, func(v store.Vote) error { n++; return nil }); err != nil || n != 1 {
			t.Fatalf("EachVote saw %d votes (err %v), want 1", n, err)
		}
	})
}

func TestADecisionIsTakenOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		if _, err := s.AddOpinion(ctx, store.Opinion{ID: "o1", Ref: "a", Theme: "jugend", Text: "x", Created: t0}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideOpinion(ctx, "o1", false, "first", t0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideOpinion(ctx, "o1", false, "first", t0); err != nil {
			t.Fatalf("the same decision redelivered: %v", err)
		}
		o, err := s.DecideOpinion(ctx, "o1", true, "second", t0)
		if !errors.Is(err, store.ErrDecided) || o.Status != store.OpinionRejected {
			t.Fatalf("second decision: %+v, %v", o, err)
		}
		if _, err := s.DecideOpinion(ctx, "nope", true, "x", t0); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deciding a missing opinion: %v", err)
		}
	})
}

// BenchmarkEachVote reads a map of 100,000 votes (1,000 statements × 100
// voters): the digest reads 1,000,000 in about ten times this.
func BenchmarkEachVote(b *testing.B) {
	s := storetest.New(b)
	ctx := context.Background()
	rdb := s.Client()
	for i := range 1000 {
		id := fmt.Sprintf("s%04d", i)
		if _, err := s.AddOpinion(ctx, store.Opinion{ID: id, Ref: "a", Theme: "jugend", Text: "x", Created: t0}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.DecideOpinion(ctx, id, true, "t", t0); err != nil {
			b.Fatal(err)
		}
		fields := make([]any, 0, 200)
		for v := range 100 {
			fields = append(fields, fmt.Sprintf("voter%03d", v), "1|badeborn|verein|1764061200")
		}
		rdb.HSet(ctx, s.Key("votes", id), fields...)
	}
	b.Cleanup(func() {
		var keys []string
		it := rdb.Scan(ctx, 0, s.Key("*"), 1000).Iterator()
		for it.Next(ctx) {
			keys = append(keys, it.Val())
		}
		for len(keys) > 0 {
			n := min(len(keys), 500)
			rdb.Unlink(ctx, keys[:n]...)
			keys = keys[n:]
		}
	})
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := s.EachVote(ctx, func(store.Vote) error { n++; return nil }); err != nil || n != 100000 {
			b.Fatalf("read %d votes, %v", n, err)
		}
	}
}
