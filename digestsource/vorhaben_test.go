package digestsource_test

import (
	"context"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// A Vorhaben comes with its status changes, its holder's handle (once
// accepted), how many follow it, and the word back that reached them.
func TestVorhabenComeWithChangesFollowersAndWordBack(t *testing.T) {
	ctx := context.Background()
	st := store.New(storetest.Client(t), storetest.Community(t), store.Options{})
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	v := store.Vorhaben{ID: "v1", Title: "Jugendraum", Theme: "jugend", Creator: "org", Holder: "h", HolderName: "anna", Created: at}
	if _, err := st.AddVorhaben(ctx, v); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AnswerHolder(ctx, "v1", "h", true, at); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SetStatus(ctx, "v1", "h", store.VorhabenStuck, "Räume", "t1", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AskFollowers(ctx, "v1", map[string]string{"a": store.FollowAuthor, "b": store.FollowAgreed}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Follow(ctx, "v1", "a", store.FollowYes); err != nil {
		t.Fatal(err)
	}
	// One word back, sent to one follower.
	bs := scheduler.NewBroadcasts(st, senderFunc(func(context.Context, bot.Message) error { return nil }),
		func(context.Context, scheduler.Broadcast, bot.User) (bot.Message, bool, error) {
			return bot.Message{}, true, nil
		},
		scheduler.BroadcastOptions{Rate: -1, Now: func() time.Time { return at.Add(2 * time.Hour) }})
	if _, err := bs.Start(ctx, scheduler.Broadcast{ID: "vhn-v1-1", Kind: store.VorhabenNewsKind, Event: "v1"}, []bot.User{{Platform: bot.Telegram, ID: "1"}}); err != nil {
		t.Fatal(err)
	}
	if err := bs.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := digestsource.New(st).DigestData(ctx, time.Time{}, at.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Vorhaben) != 1 {
		t.Fatalf("vorhaben %+v", d.Vorhaben)
	}
	got := d.Vorhaben[0]
	if got.Status != "stuck" || got.Note != "Räume" || got.Holder != "anna" || got.Followers != 1 ||
		len(got.Changes) != 1 || got.Changes[0].Status != "stuck" || !got.Stuck.Equal(at.Add(time.Hour)) {
		t.Errorf("vorhaben = %+v", got)
	}
	if len(d.WordBack) != 1 || d.WordBack[0].Reached != 1 {
		t.Errorf("word back = %+v", d.WordBack)
	}
}

type senderFunc func(context.Context, bot.Message) error

func (f senderFunc) Send(ctx context.Context, m bot.Message) error { return f(ctx, m) }
