package telegram_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

// The sender keeps Telegram's flood limits, modelled by the fake on the
// same virtual clock: no 429 however fast the bot wants to send.
func TestTheSenderKeepsTelegramsLimits(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	ctx := context.Background()
	start := w.clock.Now()
	send := func(chat string) {
		if err := p.ad.Send(ctx, bot.Message{To: to(chat), Text: bot.PlainText("Erinnerung")}); err != nil {
			t.Error(err)
		}
	}
	for range 10 {
		send("901")
	}
	if elapsed := w.clock.Now().Sub(start); elapsed < 7*time.Second {
		t.Errorf("10 messages to one person took %s, want at least 7s (burst 3, then 1/s)", elapsed)
	}
	for range 6 {
		send("-902")
	}
	// One after another: the virtual clock wakes concurrent sleepers in
	// no particular order, real time does.
	for i := range 60 {
		send(strconv.Itoa(1000 + i))
	}
	if elapsed := w.clock.Now().Sub(start); elapsed < 7*time.Second+9*time.Second+time.Second {
		t.Errorf("the messages to the group and to 60 people took too little: %s in all", elapsed)
	}
	if n := w.srv.Count429(); n != 0 {
		t.Errorf("the fake answered 429 %d times", n)
	}
	if s := p.ad.Stats(); s.Sent != 76 || s.Failed != 0 {
		t.Errorf("stats = %+v", s)
	}
	w.srv.AssertClean(t)
}
