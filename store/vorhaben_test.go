package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestAVorhabenIsHeldFollowedAndHandedBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
		v := store.Vorhaben{ID: "v1", Title: "Jugendraum öffnen", Next: "Schlüssel klären", Theme: "jugend",
			District: "badeborn", Due: now.Add(14 * 24 * time.Hour), Opinions: []string{"op1"},
			Creator: "org", Holder: "holder", HolderName: "verein_anna", Created: now}
		if added, err := s.AddVorhaben(ctx, v); err != nil || !added {
			t.Fatalf("add: %v %v", added, err)
		}
		if added, _ := s.AddVorhaben(ctx, v); added {
			t.Fatal("the same Vorhaben was added twice")
		}
		// Before accepting, the holder cannot report.
		if _, _, err := s.SetStatus(ctx, "v1", "holder", store.VorhabenRunning, "", "t0", now); !errors.Is(err, store.ErrNotHolder) {
			t.Fatalf("status before accepting: %v", err)
		}
		if _, err := s.AnswerHolder(ctx, "v1", "someone", true, now); !errors.Is(err, store.ErrNotHolder) {
			t.Fatalf("a stranger accepted: %v", err)
		}
		if fresh, err := s.AnswerHolder(ctx, "v1", "holder", true, now); err != nil || !fresh {
			t.Fatalf("accept: %v %v", fresh, err)
		}
		if fresh, err := s.AnswerHolder(ctx, "v1", "holder", true, now); err != nil || fresh {
			t.Fatalf("second accept: %v %v", fresh, err)
		}
		got, changed, err := s.SetStatus(ctx, "v1", "holder", store.VorhabenStuck, "Räume", "t1", now.Add(time.Hour))
		if err != nil || !changed || got.Status != store.VorhabenStuck || got.Note != "Räume" || got.Seq != 1 || got.Stuck.IsZero() {
			t.Fatalf("stuck: %+v %v %v", got, changed, err)
		}
		if _, changed, _ := s.SetStatus(ctx, "v1", "holder", store.VorhabenStuck, "Räume", "t1", now.Add(time.Hour)); changed {
			t.Fatal("the same change counted twice")
		}
		asked, err := s.AskFollowers(ctx, "v1", map[string]string{"author": store.FollowAuthor, "voter": store.FollowAgreed})
		if err != nil || strings.Join(asked, ",") != "author,voter" {
			t.Fatalf("asked %v %v", asked, err)
		}
		asked, _ = s.AskFollowers(ctx, "v1", map[string]string{"author": store.FollowAuthor, "new": store.FollowAttended})
		if strings.Join(asked, ",") != "new" {
			t.Fatalf("asked again: %v", asked)
		}
		if prev, err := s.Follow(ctx, "v1", "author", store.FollowYes); err != nil || prev != store.FollowAsked {
			t.Fatalf("follow: %q %v", prev, err)
		}
		if _, err := s.Follow(ctx, "v1", "walkin", store.FollowYes); err != nil {
			t.Fatal(err)
		}
		f, _ := s.Followers(ctx, "v1")
		if f["author"].Answer != store.FollowYes || f["author"].Relation != store.FollowAuthor ||
			f["walkin"].Relation != store.FollowSelf || f["voter"].Answer != store.FollowAsked {
			t.Fatalf("followers %+v", f)
		}
		if _, err := s.Follow(ctx, "gone", "author", store.FollowYes); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("following a missing Vorhaben: %v", err)
		}

		mine, err := s.VorhabenOf(ctx, "holder")
		if err != nil || len(mine.Holds) != 1 {
			t.Fatalf("holder's data %+v %v", mine, err)
		}

		// The follower and the holder delete their data.
		if _, err := s.ForgetVorhaben(ctx, "author", now); err != nil {
			t.Fatal(err)
		}
		back, err := s.ForgetVorhaben(ctx, "holder", now)
		if err != nil || len(back) != 1 || back[0].ID != "v1" {
			t.Fatalf("handed back %+v %v", back, err)
		}
		if _, err := s.ForgetVorhaben(ctx, "org", now); err != nil {
			t.Fatal(err)
		}
		v2, _ := s.Vorhaben(ctx, "v1")
		if v2.Holder != "" || v2.HolderName != "" || v2.HolderState != "" || v2.Creator != "" {
			t.Fatalf("holder or creator left on the Vorhaben: %+v", v2)
		}
		f, _ = s.Followers(ctx, "v1")
		if _, ok := f["author"]; ok {
			t.Fatal("a deleted follower is still listed")
		}
		for _, ref := range []string{"author", "holder", "org"} {
			if n := s.Client().Exists(ctx, s.Key("mine", ref)).Val(); n != 0 {
				t.Fatalf("%s's index is left", ref)
			}
		}
		h, err := s.History(ctx, "v1")
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range h {
			kinds = append(kinds, e.Kind)
		}
		if strings.Join(kinds, ",") != "created,accepted,stuck,returned" {
			t.Fatalf("history %v", kinds)
		}
		// Handed back, it can be given to someone else.
		if err := s.AssignHolder(ctx, "v1", "other", "other", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AnswerHolder(ctx, "v1", "other", false, now); err != nil {
			t.Fatal(err)
		}
		if v3, _ := s.Vorhaben(ctx, "v1"); v3.Holder != "" {
			t.Fatalf("a declined holder stays: %+v", v3)
		}
	})
}
