package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest/digesttest"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// recorder is a Sender that can refuse one chat.
type recorder struct {
	mu     sync.Mutex
	sent   []bot.Message
	refuse string
	// files refuses every file, as WhatsApp refuses all but a template
	// once a window has closed.
	files bool
}

func (r *recorder) Send(ctx context.Context, m bot.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m.To.Chat == r.refuse || r.refuse == "*" || r.files && m.File != nil {
		return bot.ErrUnreachable
	}
	r.sent = append(r.sent, m)
	return nil
}

func TestDigestJobSendsTextAndChartToEveryOrganizer(t *testing.T) {
	cfg := config.Default()
	cfg.Organizers.Telegram = []string{"111", "@anna", "222"}
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	to := flows.OrganizerChats(cfg, nil)
	if len(to) != 2 || to[0] != (bot.Address{Platform: bot.Telegram, Chat: "111"}) {
		t.Fatalf("organizer chats = %v", to)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	src := digesttest.BusyWeek()
	out := &recorder{refuse: "111"}
	job := digestJob(cfg.Schedule.Digest, src, cfg, cat, out, to, log)
	if job.Name != "digest" || job.Spec != "0 8 * * 1" {
		t.Errorf("job %s on %q", job.Name, job.Spec)
	}
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, cfg.Location())
	if err := job.Run(context.Background(), at); err != nil {
		t.Fatalf("one unreachable organizer failed the run: %v", err)
	}
	if len(out.sent) != 2 || out.sent[0].To.Chat != "222" || !strings.Contains(out.sent[0].Text.Plain(), "Wochenbild Ballenstedt: 16.11.2026 bis 22.11.2026") || !out.sent[1].File.IsImage() {
		t.Errorf("sent %+v", out.sent)
	}
	// On a platform with a 24-hour window the digest goes, once the window
	// closed, as the template of its kind: it says which, with what it
	// takes (config.WhatsAppKinds).
	if m := out.sent[0]; m.Kind != "digest" || m.Vars["title"] != "Ballenstedt" || m.Vars["when"] != "16.11.2026 – 22.11.2026" {
		t.Errorf("the digest says kind %q with %v", m.Kind, m.Vars)
	}
	if midnight := time.Date(2026, 11, 23, 0, 0, 0, 0, cfg.Location()); !src.Asked[0][1].Equal(midnight) {
		t.Errorf("digest ends at %v, want the start of the scheduled day %v", src.Asked[0][1], midnight)
	}
	if text := out.sent[0].Text.Plain(); !strings.Contains(text, "Zeitraum davor (09.11.2026 bis 15.11.2026)") {
		t.Errorf("the previous period is not the week before, without a shared day:\n%s", text)
	}
	// Only the chart cannot follow: the organizers have the digest, and
	// the run is not tried again (which would send it twice).
	out.refuse, out.files = "", true
	if err := job.Run(context.Background(), at); err != nil {
		t.Errorf("the text reached everyone, the chart nobody: err = %v", err)
	}
	out.refuse = "*"
	if err := job.Run(context.Background(), at); !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("nobody reached: err = %v", err)
	}
}

// Three processes with the digest on one Redis: the Monday digest goes
// out once.
func TestScheduledDigestGoesOutOncePerWeek(t *testing.T) {
	cfg := config.Default()
	cfg.Community.ID = storetest.Community(t)
	cfg.Organizers.Telegram = []string{"111"}
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	out := &recorder{}
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, cfg.Location()) // a Sunday
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	var crons []interface{ Tick(context.Context) }
	for range 3 {
		a, err := New(cfg, storetest.Client(t), slog.New(slog.DiscardHandler), clock)
		if err != nil {
			t.Fatal(err)
		}
		a.senders[bot.Telegram] = out
		job := digestJob(cfg.Schedule.Digest, digesttest.BusyWeek(), cfg, cat, a.senders, flows.OrganizerChats(cfg, nil), a.log)
		c, err := schedulerFor(a, job)
		if err != nil {
			t.Fatal(err)
		}
		crons = append(crons, c)
	}
	for _, c := range crons {
		c.Tick(context.Background()) // first start: nothing was missed
	}
	mu.Lock()
	now = time.Date(2026, 11, 23, 8, 0, 30, 0, cfg.Location()) // Monday 08:00:30
	mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range crons {
		wg.Go(func() { c.Tick(context.Background()) })
	}
	wg.Wait()
	if len(out.sent) != 2 { // text and chart, once
		t.Fatalf("sent %d messages, want the digest once (2 messages)", len(out.sent))
	}
}
