package flows_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// Three processes on one Redis get the same updates at the same time, as
// behind a load balancer with redeliveries: each update is handled once,
// and each person's answers are taken one at a time.
func TestReplicasHandleEachUpdateOnce(t *testing.T) {
	first := flowtest.New(t)
	replicas := []*flowtest.Bot{first,
		flowtest.New(t, flowtest.WithCommunity(first.Config.Community.ID)),
		flowtest.New(t, flowtest.WithCommunity(first.Config.Community.ID)),
	}
	const people = 20
	var wg sync.WaitGroup
	for p := range people {
		u := bot.Update{
			ID: fmt.Sprintf("rep-%s-%d", first.Config.Community.ID, p), Text: "/start", Private: true,
			Chat: bot.Address{Platform: bot.Telegram, Chat: fmt.Sprint(p)},
			User: bot.User{Platform: bot.Telegram, ID: fmt.Sprint(p)},
		}
		for _, r := range replicas {
			wg.Go(func() {
				if err := r.Handler.Handle(context.Background(), u); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	greetings := 0
	for _, r := range replicas {
		greetings += len(r.Out.All())
	}
	if greetings != people {
		t.Fatalf("%d greetings sent for %d people", greetings, people)
	}
}
