package telegram_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/bot"
)

// A process that stops after handling an update but before confirming it:
// the next process gets the update again and handles it once.
func TestAnUpdateHandledBeforeACrashIsHandledOnce(t *testing.T) {
	w := newWorld(t)
	const chat = 501
	crashed := w.start(func(h bot.Handler, stop context.CancelFunc) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, u bot.Update) error {
			err := h.Handle(ctx, u)
			stop() // the process dies before it confirms
			return err
		})
	})
	w.srv.PushUpdate(w.srv.CommandMessage(chat, chat, "/start", "", "de"))
	<-crashed.done
	if len(w.srv.MessagesTo(chat)) != 1 {
		t.Fatalf("the first process should have greeted once:\n%s", transcript(w.srv.MessagesTo(chat)))
	}
	if w.srv.Pending() != 1 {
		t.Fatalf("the update was confirmed before the crash")
	}

	w.start(nil) // the restarted process on the same Redis
	w.waitConfirmed()
	w.press(chat, "Einverstanden")
	msgs := w.srv.MessagesTo(chat)
	greetings := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, "Bist du einverstanden?") {
			greetings++
		}
	}
	if greetings != 1 {
		t.Errorf("greeted %d times, want once:\n%s", greetings, transcript(msgs))
	}
	w.expect(chat, "In welchem Ortsteil")
	w.srv.AssertClean(t)
}

// An update confirmed by one process is not handled again by the next.
func TestARestartContinuesAfterTheLastConfirmedUpdate(t *testing.T) {
	w := newWorld(t)
	const chat = 502
	first := w.start(nil)
	w.say(chat, "/start")
	first.stop()

	w.start(nil)
	w.say(chat, "/hilfe")
	msgs := w.srv.MessagesTo(chat)
	greetings := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, "Bist du einverstanden?") {
			greetings++
		}
	}
	// /hilfe answers beside the open question, which is asked again.
	if greetings != 2 || !strings.Contains(msgs[1].Text, "Das kannst du tun") {
		t.Errorf("the restarted process handled /start again or missed /hilfe:\n%s", transcript(msgs))
	}
	w.srv.AssertClean(t)
}

func TestTooManyRequestsIsWaitedOut(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const chat = 503
	w.srv.FailNext("sendMessage", 1, http.StatusTooManyRequests, 7)
	w.say(chat, "/start")
	w.expect(chat, "Bist du einverstanden?")
	if n := len(w.srv.MessagesTo(chat)); n != 1 {
		t.Errorf("%d messages, want the greeting once", n)
	}
	waited := false
	for _, d := range w.clock.Slept() {
		if d == 7*time.Second {
			waited = true
		}
	}
	if !waited {
		t.Errorf("the sender did not wait retry_after (7s); it slept %v", w.clock.Slept())
	}
	if s := p.ad.Stats(); s.RateLimited != 1 || s.Failed != 0 {
		t.Errorf("stats = %+v", s)
	}
	w.srv.AssertClean(t)
}

func TestServerErrorsAreRetried(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const chat = 504
	w.srv.FailNext("sendMessage", 2, http.StatusBadGateway, 0)
	w.say(chat, "/start")
	w.expect(chat, "Bist du einverstanden?")
	if s := p.ad.Stats(); s.Retried != 2 || s.Failed != 0 || s.Sent != 1 {
		t.Errorf("stats = %+v", s)
	}
}

func TestABlockedPersonIsUnreachableAndNoFailure(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const chat = 505
	w.say(chat, "/start")
	w.press(chat, "Einverstanden")
	w.srv.BlockChat(chat)
	w.say(chat, "/hilfe")

	user := bot.User{Platform: bot.Telegram, ID: "505"}
	prof, err := w.store.Profile(context.Background(), user)
	if err != nil {
		t.Fatal(err)
	}
	if !prof.Unreachable {
		t.Error("the person who blocked the bot is not marked unreachable")
	}
	if s := p.ad.Stats(); s.Unreachable == 0 || s.Failed != 0 {
		t.Errorf("stats = %+v, want unreachable and no failure", s)
	}

	err = p.ad.Send(context.Background(), bot.Message{To: bot.Address{Platform: bot.Telegram, Chat: "505"}, Text: bot.PlainText("hallo")})
	var ae *telegram.APIError
	if !errors.Is(err, bot.ErrUnreachable) || !errors.As(err, &ae) || ae.Code != http.StatusForbidden {
		t.Errorf("Send to a blocked chat: err = %v, want ErrUnreachable as a 403 APIError", err)
	}
	w.srv.AssertClean(t)
}

func TestNetworkErrorsDoNotShowTheToken(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	w.srv.Close()
	err := p.ad.Send(context.Background(), bot.Message{To: bot.Address{Platform: bot.Telegram, Chat: "1"}, Text: bot.PlainText("hallo")})
	if err == nil {
		t.Fatal("sending to a closed server succeeded")
	}
	if strings.Contains(err.Error(), w.srv.Token()) {
		t.Errorf("the error shows the token: %v", err)
	}
	if p.ad.Stats().Failed != 1 {
		t.Errorf("stats = %+v", p.ad.Stats())
	}
}
