package whatsapp_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/proctest"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/scheduler/schedulertest"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// inviteRender renders an invitation as the event worker does: sent by
// the bot itself, so outside the window it goes as the invite template.
func inviteRender(_ context.Context, b scheduler.Broadcast, to bot.User) (bot.Message, bool, error) {
	return bot.Message{
		To: bot.Address{Platform: to.Platform, Chat: to.ID}, Text: bot.PlainText("Du bist eingeladen."),
		Kind: "invite", Vars: map[string]string{"title": "Stadtgespräch", "when": "Dienstag, 19 Uhr"},
		Buttons: [][]bot.Button{{{Label: "Ich komme", Payload: "y"}, {Label: "Vielleicht", Payload: "m"}, {Label: "Kann nicht", Payload: "n"}}},
	}, true, nil
}

// runKillChild is the sending process: a WhatsApp adapter and the
// broadcast, as a replica runs them, until the broadcast is done or the
// parent kills it.
func runKillChild(t *testing.T) {
	rdb, err := store.Open(store.Addr{URL: os.Getenv("REDIS_URL")})
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(rdb, os.Getenv("HB_COMMUNITY"), store.Options{})
	ad, err := whatsapp.New(whatsapp.Options{
		Token: os.Getenv("HB_TOKEN"), AppSecret: os.Getenv("HB_SECRET"), VerifyToken: "verify-me",
		PhoneNumberID: os.Getenv("HB_PHONE"), APIURL: os.Getenv("HB_API"), Mux: http.NewServeMux(),
		Store: st, Templates: adapterTemplates(), Lang: "de",
	})
	if err != nil {
		t.Fatal(err)
	}
	bs := scheduler.NewBroadcasts(st, ad, inviteRender, scheduler.BroadcastOptions{Lease: 300 * time.Millisecond, Rate: -1})
	schedulertest.Finish(t, bs, os.Getenv("HB_BROADCAST"))
}

// TestWhatsAppBroadcastKilledMidway kills the process sending invitations
// over WhatsApp (SIGKILL, not a goroutine) while a message is in flight,
// starts another, and checks with the strict fake that every resident got
// exactly one invitation, as a template (their windows are closed), and
// that the fake saw no violation.
func TestWhatsAppBroadcastKilledMidway(t *testing.T) {
	if proctest.IsChild() {
		runKillChild(t)
		return
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	w := newWorld(t)
	ctx := context.Background()
	const n, killAt = 200, 100
	var recipients []bot.User
	for i := range n {
		recipients = append(recipients, bot.User{Platform: bot.WhatsApp, ID: fmt.Sprint(4915200000000 + i)})
	}
	bs := scheduler.NewBroadcasts(w.store, nil, inviteRender, scheduler.BroadcastOptions{})
	if _, err := bs.Start(ctx, scheduler.Broadcast{ID: "wakill", Kind: "invite"}, recipients); err != nil {
		t.Fatal(err)
	}

	// Between the process and the fake: the message after killAt
	// accepted ones is held and never delivered; the process dies with it
	// in flight.
	target, err := url.Parse(w.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) { pr.SetURL(target) }}
	stalled := make(chan struct{})
	var once sync.Once
	front := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/messages") && len(w.srv.Sent()) >= killAt {
			stall := false
			once.Do(func() { stall = true })
			if stall {
				_, _ = io.Copy(io.Discard, r.Body)
				close(stalled)
				<-r.Context().Done() // never reaches the fake
				return
			}
		}
		proxy.ServeHTTP(rw, r)
	}))
	defer front.Close()

	child := func() *exec.Cmd {
		cmd := proctest.Command("TestWhatsAppBroadcastKilledMidway", "REDIS_URL="+storetest.URL(t),
			"HB_COMMUNITY="+w.store.Community(), "HB_API="+front.URL, "HB_BROADCAST=wakill",
			"HB_TOKEN="+w.srv.Token(), "HB_SECRET="+w.srv.AppSecret(), "HB_PHONE="+w.srv.PhoneNumberID())
		cmd.Stdout = io.Discard
		return cmd
	}
	proctest.KillWhen(t, child(), stalled, 60*time.Second)
	if got := len(w.srv.Sent()); got != killAt {
		t.Fatalf("%d messages delivered before the kill, want %d", got, killAt)
	}
	proctest.Finish(t, child(), 120*time.Second)

	for _, u := range recipients {
		got := w.srv.To(u.ID)
		if len(got) != 1 || got[0].Type != "template" {
			t.Errorf("resident %s got %d messages (%v), want one invitation template", u.ID, len(got), got)
		}
	}
	if b, _ := bs.Get(ctx, "wakill"); b.Status != scheduler.StatusDone || b.Sent != n {
		t.Errorf("at the end: %+v; want done, %d sent", b, n)
	}
	w.srv.AssertClean(t)
}
