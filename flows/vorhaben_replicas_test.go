package flows_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// plainVorhaben walks the organizer through /vorhaben_neu without an
// opinion: a title, due in two weeks, held by holder (a handle).
func plainVorhaben(t *testing.T, org *flowtest.Chat, title, holder string) {
	t.Helper()
	org.Send("/vorhaben_neu")
	org.Press("Ohne Vorlage")
	org.Send(title)
	org.Press("Überspringen")
	org.Press("Überspringen")
	org.Press("Jugend")
	org.Press("Badeborn")
	org.Press("in 2 Wochen")
	org.Expect("Wer soll es halten?")
	org.Send("@" + holder)
	org.Expect("So sieht das Vorhaben aus", title)
	org.Press("Anlegen")
	org.Expect("Angelegt")
}

// The status ask before the due date and the ask after a silence go out
// exactly once: two replicas run the due jobs at the same time, one
// process dies right after claiming a job and a restarted one takes it
// over, on the single server and on the Cluster. A holder who does not
// answer is raised to the organizers, once.
func TestVorhabenAsksGoOutOnceAcrossReplicasAndARestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, be storetest.Backend) {
		b := flowtest.New(t, flowtest.WithRedis(be.Client(t)), flowtest.WithCommunity(be.Community(t)),
			flowtest.WithConfig(func(c *config.Config) { c.Organizers.Telegram = []string{organizerID} }))
		org, holder := b.Chat(bot.Telegram, organizerID), b.Chat(bot.Telegram, "701")
		onboard(t, org)
		onboard(t, holder)
		accepted := b.Clock.Now()
		plainVorhaben(t, org, "Bank am Dorfteich reparieren", "user701")
		received(t, b, holder)
		holder.Press("Übernehmen")
		holder.Expect("Du hältst jetzt")

		process := func() *flows.Worker {
			st := store.New(be.Client(t), b.Config.Community.ID, store.Options{})
			return flows.NewWorker(flows.Deps{Config: b.Config, Store: st, Now: b.Clock.Now}, b.Out, nil,
				scheduler.BroadcastOptions{Rate: -1})
		}
		replicas := []*flows.Worker{process(), process()}
		runAll := func() {
			var wg sync.WaitGroup
			for _, w := range replicas {
				wg.Go(func() {
					for range 3 {
						if err := w.RunDue(context.Background()); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
		}
		asks := func() int {
			return strings.Count(flowtest.Dump(b.Out.To(holder.Addr)), "Wie steht es um „Bank am Dorfteich reparieren“?")
		}

		// Two days before the due date (end of the day in two weeks).
		loc := b.Config.Location()
		y, m, d := accepted.In(loc).Date()
		due := time.Date(y, m, d+14, 23, 59, 0, 0, loc)
		b.Clock.Set(due.Add(-48*time.Hour - time.Minute))
		runAll()
		if n := asks(); n != 0 {
			t.Fatalf("%d asks before their time", n)
		}
		b.Clock.Set(due.Add(-48 * time.Hour))
		// A process claims the due job and dies before running it.
		if _, err := scheduler.NewJobs(b.Store).Claim(context.Background(), b.Clock.Now(), time.Minute, 10); err != nil {
			t.Fatal(err)
		}
		runAll()
		if n := asks(); n != 0 {
			t.Fatalf("%d asks while the dead process's claim ran", n)
		}
		// Its claim runs out; a restarted process and the replicas take over.
		b.Clock.Advance(2 * time.Minute)
		replicas = append(replicas, process())
		runAll()
		if n := asks(); n != 1 {
			t.Fatalf("%d asks before the due date, want 1", n)
		}

		// No answer, no news: after the silence (14 days after accepting)
		// the holder is asked again, once.
		b.Clock.Set(accepted.Add(b.Config.Vorhaben.Silence))
		runAll()
		replicas = []*flows.Worker{process(), process()} // both restarted
		runAll()
		if n := asks(); n != 2 {
			t.Fatalf("%d asks after the silence, want 2", n)
		}
		// Still no answer: the organizers hear of it a week later, once.
		b.Clock.Advance(b.Config.Vorhaben.Raise + time.Hour)
		runAll()
		runAll()
		got := flowtest.Dump(b.Out.To(org.Addr))
		if n := strings.Count(got, "auf meine Frage nach dem Stand kam keine Antwort"); n != 1 {
			t.Fatalf("the organizers heard %d times of the silence, want 1:\n%s", n, got)
		}
		if n := asks(); n != 2 {
			t.Fatalf("%d asks, want still 2", n)
		}
	})
}
