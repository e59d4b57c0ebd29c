package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// An opinion reads back as written, short or long, with its next step,
// and survives a vote; its hash stays in Redis's compact encoding either
// way (a long text goes to a key of its own).
func TestOpinionsReadBackShortAndLong(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := b.New(t)
		ctx := context.Background()
		tests := []struct{ id, text, next string }{
			{"short", "Mehr Bänke am Markt.", ""},
			{"exactly", strings.Repeat("a", 56), ""}, // 64 bytes with its JSON
			{"one more", strings.Repeat("a", 57), ""},
			{"long", strings.Repeat("Der Jugendclub braucht Öffnungszeiten am Wochenende. ", 6), "Ein Treffen mit dem Verein."},
		}
		for _, tt := range tests {
			o := store.Opinion{ID: tt.id, Ref: "author", Theme: "jugend", District: "rieder", Text: tt.text, Next: tt.next, Created: t0}
			if ok, err := s.AddOpinion(ctx, o); err != nil || !ok {
				t.Fatalf("%s: add = %v, %v", tt.id, ok, err)
			}
			if _, err := s.DecideOpinion(ctx, tt.id, true, "tok-"+tt.id, t0); err != nil {
				t.Fatal(err)
			}
			vote(t, s, "voter", tt.id, store.Agree)
			got, err := s.Opinion(ctx, tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.text || got.Next != tt.next || got.Agree != 1 || got.Status != store.OpinionApproved {
				t.Errorf("%s: read back %+v", tt.id, got)
			}
			enc, err := s.Client().ObjectEncoding(ctx, s.Key("op", tt.id)).Result()
			if err != nil && strings.Contains(err.Error(), "unknown command") {
				continue // the embedded fallback server has no encodings
			}
			if err != nil || enc != "listpack" {
				t.Errorf("%s: opinion hash encoding %q, %v; want listpack", tt.id, enc, err)
			}
		}
	})
}
