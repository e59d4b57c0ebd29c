package scheduler_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/proctest"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/scheduler/schedulertest"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// httpSender posts each message to a fake platform, as an adapter would.
type httpSender struct{ url string }

func (h httpSender) Send(ctx context.Context, m bot.Message) error {
	body := strings.NewReader(`{"to":"` + m.To.Chat + `"}`)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, body)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fake platform: %s", resp.Status)
	}
	return nil
}

func plainRender(_ context.Context, b scheduler.Broadcast, to bot.User) (bot.Message, bool, error) {
	return bot.Message{To: bot.Address{Platform: to.Platform, Chat: to.ID}, Text: bot.PlainText(b.Kind)}, true, nil
}

// runChild is the sending process: it sends the broadcast until it is
// done (or until the parent kills it).
func runChild(t *testing.T) {
	rdb, err := store.Open(store.Addr{URL: os.Getenv("REDIS_URL")})
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(rdb, os.Getenv("HB_COMMUNITY"), store.Options{})
	bs := scheduler.NewBroadcasts(st, httpSender{os.Getenv("HB_FAKE_URL")}, plainRender,
		scheduler.BroadcastOptions{Lease: 300 * time.Millisecond, Rate: -1})
	schedulertest.Finish(t, bs, os.Getenv("HB_BROADCAST"))
}

// TestBroadcastKilledMidwayAndRestarted kills the sending process (not a
// goroutine) with SIGKILL while its 501st message is in flight, restarts
// it, and checks that every one of 1,000 residents got exactly one copy.
//
// The fake platform stalls the 501st request without delivering it, so the
// kill lands in the one window a crash can hit: a recipient claimed but not
// confirmed. The restarted process claims that recipient again once the
// lease ends and sends. Had the platform delivered the stalled message
// before the kill, that one person would get a second copy; this is the
// documented one-in-flight window of Broadcasts.
func TestBroadcastKilledMidwayAndRestarted(t *testing.T) {
	if proctest.IsChild() {
		runChild(t)
		return
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	st := storetest.New(t)
	ctx := context.Background()
	const n, killAt = 1000, 500
	var recipients []bot.User
	for i := range n {
		recipients = append(recipients, bot.User{Platform: bot.Telegram, ID: fmt.Sprint(100000 + i)})
	}
	bs := scheduler.NewBroadcasts(st, nil, plainRender, scheduler.BroadcastOptions{})
	if _, err := bs.Start(ctx, scheduler.Broadcast{ID: "kill", Kind: "invite"}, recipients); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	got := map[string]int{}
	stalled := make(chan struct{})
	var stallOnce sync.Once
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m struct{ To string }
		_ = json.NewDecoder(r.Body).Decode(&m)
		mu.Lock()
		total := 0
		for _, c := range got {
			total += c
		}
		stall := false
		if total == killAt {
			stallOnce.Do(func() { stall = true })
		}
		if !stall {
			got[m.To]++
		}
		mu.Unlock()
		if stall {
			close(stalled)
			<-r.Context().Done() // the sender dies; nothing is delivered
			return
		}
	}))
	defer fake.Close()

	child := func() *exec.Cmd {
		cmd := proctest.Command("TestBroadcastKilledMidwayAndRestarted", "REDIS_URL="+storetest.URL(t),
			"HB_COMMUNITY="+st.Community(), "HB_FAKE_URL="+fake.URL, "HB_BROADCAST=kill")
		cmd.Stdout = os.Stderr
		return cmd
	}
	proctest.KillWhen(t, child(), stalled, 60*time.Second)

	b, err := bs.Get(ctx, "kill")
	if err != nil {
		t.Fatal(err)
	}
	if b.Status != scheduler.StatusRunning || b.Sent != killAt || b.Remaining != n-killAt {
		t.Fatalf("after the kill: %+v; want running, %d sent, %d remaining", b, killAt, n-killAt)
	}
	proctest.Finish(t, child(), 120*time.Second)

	mu.Lock()
	defer mu.Unlock()
	for _, u := range recipients {
		if c := got[u.ID]; c != 1 {
			t.Errorf("resident %s got %d invitations", u.ID, c)
		}
	}
	b, _ = bs.Get(ctx, "kill")
	// The send in hand at the kill is retried; on a loaded machine a lease
	// may also run out and its send be retried. Either way each resident
	// got exactly one invitation (checked above).
	if b.Status != scheduler.StatusDone || b.Sent != n || b.Remaining != 0 || b.Retried < 1 {
		t.Fatalf("at the end: %+v; want done, %d sent, at least 1 retried", b, n)
	}
}
