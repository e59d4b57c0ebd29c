package scheduler_test

import (
	"context"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// goneSender reports one chat as unreachable, as an adapter does for a
// person who blocked the bot or was deactivated.
type goneSender struct{ gone string }

func (g goneSender) Send(_ context.Context, m bot.Message) error {
	if m.To.Chat == g.gone {
		return bot.ErrUnreachable
	}
	return nil
}

// Whoever a broadcast finds unreachable, on any platform, is marked so in
// their profile, which keeps later broadcasts from them.
func TestABroadcastMarksTheUnreachable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		st := b.New(t)
		gone := bot.User{Platform: bot.Mattermost, ID: "deactivated"}
		here := bot.User{Platform: bot.Mattermost, ID: "active"}
		for _, u := range []bot.User{gone, here} {
			p := &bot.Profile{Ref: "ref-" + u.ID, Chat: bot.Address{Platform: u.Platform, Chat: u.ID}}
			if err := st.Commit(ctx, u, "", bot.Change{Profile: p, ProfileChanged: true}); err != nil {
				t.Fatal(err)
			}
		}
		bs := scheduler.NewBroadcasts(st, goneSender{gone: gone.ID}, plainRender, scheduler.BroadcastOptions{Rate: -1})
		if _, err := bs.Start(ctx, scheduler.Broadcast{ID: "inv", Kind: "invite"}, []bot.User{gone, here}); err != nil {
			t.Fatal(err)
		}
		if err := bs.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		bc, err := bs.Get(ctx, "inv")
		if err != nil || bc.Blocked != 1 || bc.Sent != 1 {
			t.Fatalf("broadcast %+v, %v; want one blocked, one sent", bc, err)
		}
		for u, want := range map[bot.User]bool{gone: true, here: false} {
			p, err := st.Profile(ctx, u)
			if err != nil || p.Unreachable != want {
				t.Errorf("%s: unreachable %v (%v), want %v", u.ID, p != nil && p.Unreachable, err, want)
			}
		}
	})
}
