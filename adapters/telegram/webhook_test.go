package telegram_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram"
	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
)

const webhookSecret = "s3cret-Token_1"

// startWebhook runs a process in webhook mode behind an HTTP server and
// returns the URL Telegram would post to.
func startWebhook(t *testing.T, w *world) string {
	t.Helper()
	return startWebhookWrapped(t, w, nil)
}

// startWebhookWrapped is startWebhook with the handler wrapped as in
// world.start.
func startWebhookWrapped(t *testing.T, w *world, wrap func(h bot.Handler, stop context.CancelFunc) bot.Handler) string {
	t.Helper()
	mux := http.NewServeMux()
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	w.start(wrap, func(o *telegram.Options) {
		o.WebhookURL = "https://bot.example.org/telegram/webhook"
		o.WebhookSecret = webhookSecret
		o.Mux = mux
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if wh, ok := w.srv.Webhook(); ok {
			if wh.SecretToken != webhookSecret || wh.URL != "https://bot.example.org/telegram/webhook" {
				t.Fatalf("webhook registered as %+v", wh)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the bot did not register its webhook")
		}
		time.Sleep(time.Millisecond)
	}
	return hs.URL + "/telegram/webhook"
}

func TestWebhookRefusesAWrongOrMissingSecret(t *testing.T) {
	w := newWorld(t)
	url := startWebhook(t, w)
	ctx := context.Background()
	const chat = 601
	u := w.srv.CommandMessage(chat, chat, "/start", "", "de")
	for secret, want := range map[string]int{"": http.StatusUnauthorized, "wrong": http.StatusForbidden, webhookSecret + "x": http.StatusForbidden} {
		status, err := w.srv.PostWebhook(ctx, nil, url, secret, u)
		if err != nil || status != want {
			t.Errorf("secret %q: status %d, %v; want %d", secret, status, err, want)
		}
	}
	if msgs := w.srv.MessagesTo(chat); len(msgs) != 0 {
		t.Errorf("a refused update was answered:\n%s", transcript(msgs))
	}
	keys, err := w.store.PersonKeys(ctx, bot.User{Platform: bot.Telegram, ID: "601"})
	if err != nil || len(keys) != 0 {
		t.Errorf("a refused update left keys %v (%v)", keys, err)
	}
	w.srv.AssertClean(t)
}

func TestWebhookHandlesARedeliveredUpdateOnce(t *testing.T) {
	w := newWorld(t)
	url := startWebhook(t, w)
	ctx := context.Background()
	const chat = 602
	u := w.srv.CommandMessage(chat, chat, "/start", "", "de")
	for range 2 {
		status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, u)
		if err != nil || status != http.StatusOK {
			t.Fatalf("status %d, %v", status, err)
		}
	}
	msgs := w.srv.MessagesTo(chat)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Bist du einverstanden?") {
		t.Fatalf("want the greeting once:\n%s", transcript(msgs))
	}
	press := w.srv.CallbackQuery(chat, chat, msgs[0].ID, mustData(t, msgs[0], "Einverstanden"))
	for range 2 {
		if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, press); err != nil || status != http.StatusOK {
			t.Fatalf("press: status %d, %v", status, err)
		}
	}
	w.expect(chat, "In welchem Ortsteil")
	if msgs := w.srv.MessagesTo(chat); len(msgs) != 2 {
		t.Errorf("want the greeting and one answer to the press:\n%s", transcript(msgs))
	}
	if n := len(w.srv.Calls("answerCallbackQuery")); n != 1 {
		t.Errorf("the press was answered %d times; Telegram takes one answer", n)
	}
	w.srv.AssertClean(t)
}

// A press whose reply could not be sent is answered all the same: its
// redelivery is recognised as handled and not acknowledged again.
func TestWebhookAnswersAPressWhoseReplyFailed(t *testing.T) {
	w := newWorld(t)
	url := startWebhook(t, w)
	ctx := context.Background()
	const chat = 603
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, w.srv.CommandMessage(chat, chat, "/start", "", "de")); err != nil || status != http.StatusOK {
		t.Fatalf("/start: status %d, %v", status, err)
	}
	press, ok := w.srv.Press(chat, chat, "Einverstanden")
	if !ok {
		t.Fatal("no consent button")
	}
	w.srv.FailNextInChat(chat, "sendMessage", 1, http.StatusBadRequest, 0) // not retried
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, press); err != nil || status != http.StatusInternalServerError {
		t.Fatalf("press with a failing reply: status %d, %v; want 500", status, err)
	}
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, press); err != nil || status != http.StatusOK {
		t.Fatalf("redelivered press: status %d, %v", status, err)
	}
	w.expect(chat, "In welchem Ortsteil")
	answered := 0
	for _, c := range w.srv.Calls("answerCallbackQuery") {
		if c.OK() {
			answered++
		}
	}
	if answered != 1 {
		t.Errorf("the press was answered %d times, want once", answered)
	}
	w.srv.AssertClean(t)
}

func mustData(t *testing.T, m telegramtest.Message, label string) string {
	t.Helper()
	data, ok := m.Button(label)
	if !ok {
		t.Fatalf("no button %q under %q", label, m.Text)
	}
	return data
}

// Someone else's button in a group is answered on the webhook's reply,
// with the note why it changes nothing, in the presser's language.
func TestWebhookTellsAPresserTheButtonIsSomeoneElses(t *testing.T) {
	w := newWorld(t)
	url := startWebhook(t, w)
	ctx := context.Background()
	const group, anna, bruno = -100883, 9300071, 9300072
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, w.srv.CommandMessage(group, anna, "/sprache", "", "de")); err != nil || status != http.StatusOK {
		t.Fatalf("/sprache: status %d, %v", status, err)
	}
	w.expect(group, "[English]")
	press, ok := w.srv.Press(group, bruno, "English")
	if !ok {
		t.Fatal("no button English")
	}
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, press); err != nil || status != http.StatusOK {
		t.Fatalf("press: status %d, %v", status, err)
	}
	answers := w.srv.Calls("answerCallbackQuery")
	if len(answers) != 1 || !strings.Contains(answers[0].Params["text"], "gehört zu einer anderen Person") {
		t.Errorf("answers = %+v; want one that says the button is someone else's", answers)
	}
	w.srv.AssertClean(t)
}
