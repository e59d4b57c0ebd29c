package scheduler_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// observation is one report of scheduled work.
type observation struct {
	job    string
	failed bool
}

// Every job a Runner takes is reported by its kind with its outcome: done,
// failed (tried again after its lease), or of a kind nobody handles.
func TestARunnerReportsEveryJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		var got []observation
		r := &scheduler.Runner{
			Jobs: scheduler.NewJobs(b.New(t)), Now: func() time.Time { return now },
			Handlers: map[string]scheduler.Handler{
				"remind":   func(context.Context, scheduler.Job) error { return nil },
				"feedback": func(context.Context, scheduler.Job) error { return errors.New("platform down") },
			},
			Observe: func(job string, err error) { got = append(got, observation{job, err != nil}) },
		}
		tests := []struct {
			job  scheduler.Job
			want observation
		}{
			{scheduler.Job{ID: "a", Kind: "remind"}, observation{"remind", false}},
			{scheduler.Job{ID: "b", Kind: "feedback"}, observation{"feedback", true}},
			{scheduler.Job{ID: "c", Kind: "gone"}, observation{"unknown", true}},
		}
		for i, tc := range tests {
			tc.job.Due = now.Add(time.Duration(i-len(tests)) * time.Second) // in this order
			if err := r.Jobs.Schedule(ctx, tc.job); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := r.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tests) {
			t.Fatalf("reported %v, want %d reports", got, len(tests))
		}
		for i, tc := range tests {
			if got[i] != tc.want {
				t.Errorf("job %s reported as %+v, want %+v", tc.job.ID, got[i], tc.want)
			}
		}
	})
}

// Every recipient a broadcast reaches is reported once as
// "broadcast:KIND"; only a message that could not be rendered or sent is
// a failure, a blocked or skipped person is not.
func TestBroadcastsReportEveryRecipient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		st := b.New(t)
		tests := []struct {
			who        string
			render     error
			skip       bool
			send       error
			wantFailed bool
		}{
			{who: "sent"},
			{who: "blocked", send: bot.ErrUnreachable},
			{who: "skipped", skip: true},
			{who: "unrendered", render: errors.New("profile unreadable"), wantFailed: true},
			{who: "unsent", send: errors.New("platform down"), wantFailed: true},
		}
		byWho := map[string]int{}
		var to []bot.User
		for i, tc := range tests {
			byWho[tc.who] = i
			to = append(to, bot.User{Platform: bot.Telegram, ID: tc.who})
		}
		render := func(ctx context.Context, bc scheduler.Broadcast, u bot.User) (bot.Message, bool, error) {
			tc := tests[byWho[u.ID]]
			m, _, _ := plainRender(ctx, bc, u)
			return m, !tc.skip, tc.render
		}
		send := senderFunc(func(_ context.Context, m bot.Message) error { return tests[byWho[m.To.Chat]].send })
		var got []observation
		bs := scheduler.NewBroadcasts(st, send, render, scheduler.BroadcastOptions{
			Rate:    -1,
			Observe: func(job string, err error) { got = append(got, observation{job, err != nil}) },
		})
		if _, err := bs.Start(ctx, scheduler.Broadcast{ID: "inv", Kind: "invite"}, to); err != nil {
			t.Fatal(err)
		}
		if err := bs.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tests) {
			t.Fatalf("reported %v, want one report per recipient", got)
		}
		for i, tc := range tests { // the todo list is sent in order
			if want := (observation{"broadcast:invite", tc.wantFailed}); got[i] != want {
				t.Errorf("%s reported as %+v, want %+v", tc.who, got[i], want)
			}
		}
	})
}
