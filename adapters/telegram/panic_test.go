package telegram_test

import (
	"context"
	"net/http"

	"testing"
	"unicode/utf16"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
)

// withEntity gives a group message one entity, measured as Telegram
// measures: in UTF-16 code units.
func withEntity(u telegramtest.Update, kind string, offset, length int) telegramtest.Update {
	u["message"].(map[string]any)["entities"] = []map[string]any{{"type": kind, "offset": offset, "length": length}}
	return u
}

// oddCommands are well-formed updates whose command entity does not fit
// its text: the first one killed the polling process after every restart.
func oddCommands(w *world, group, user int64) map[string]telegramtest.Update {
	return map[string]telegramtest.Update{
		"blank command":            withEntity(w.srv.GroupMessage(group, user, " ", "de"), "bot_command", 0, 1),
		"entity past the end":      withEntity(w.srv.GroupMessage(group, user, "/x", "de"), "bot_command", 0, 9),
		"half an emoji":            withEntity(w.srv.GroupMessage(group, user, "👍", "de"), "bot_command", 0, 1),
		"combining accent":         withEntity(w.srv.GroupMessage(group, user, "e\u0301/hilfe", "de"), "bot_command", 0, 2),
		"negative length":          withEntity(w.srv.GroupMessage(group, user, "/hilfe", "de"), "bot_command", 0, -3),
		"emoji inside the command": withEntity(w.srv.GroupMessage(group, user, "/h👍lfe", "de"), "bot_command", 0, 7),
	}
}

func TestAnOddCommandEntityIsHandledInPolling(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const group, user = -100777, 9200041
	for name, u := range oddCommands(w, group, user) {
		w.deliver(u) // confirmed, or deliver fails
		select {
		case <-p.done:
			t.Fatalf("%s: the process stopped: %v", name, p.err)
		default:
		}
	}
	before := len(w.srv.MessagesTo(group))
	w.deliver(w.srv.CommandMessage(group, user, "/hilfe@"+p.ad.Username(), "", "de"))
	if n := len(w.srv.MessagesTo(group)); n != before+1 {
		t.Fatalf("the next command of the chat got %d answers, want 1", n-before)
	}
	w.expect(group, "Das kannst du tun")
	if n := p.ad.Panics(); n != 0 {
		t.Errorf("%d panics: the odd entities should be read, not recovered from", n)
	}
	w.srv.AssertClean(t)
}

func TestAnOddCommandEntityIsHandledByWebhook(t *testing.T) {
	w := newWorld(t)
	url := startWebhook(t, w)
	ctx := context.Background()
	const group, user = -100778, 9200042
	for name, u := range oddCommands(w, group, user) {
		if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, u); err != nil || status != http.StatusOK {
			t.Errorf("%s: status %d, %v; want 200, or Telegram delivers it forever", name, status, err)
		}
	}
	cmd := w.srv.CommandMessage(group, user, "/hilfe", "", "de")
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, cmd); err != nil || status != http.StatusOK {
		t.Fatalf("the next command: status %d, %v", status, err)
	}
	w.expect(group, "Das kannst du tun")
	w.srv.AssertClean(t)
}

// The bot's name in a mention is found by UTF-16 offsets, after emoji
// and combining characters that count differently in bytes and runes.
func TestAMentionAfterEmojiIsFound(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const group, user = -100779, 9200043
	name := "@" + p.ad.Username()
	for i, prefix := range []string{"👋 ", "Gru\u0308ße ", "👨‍👩‍👧 "} {
		text := prefix + name + " /hilfe"
		offset := len(utf16Units(prefix))
		w.deliver(withEntity(w.srv.GroupMessage(group, user, text, "de"), "mention", offset, len(utf16Units(name))))
		if n := len(w.srv.MessagesTo(group)); n != i+1 {
			t.Fatalf("%q: the mention was not answered (%d messages)", text, n)
		}
	}
	w.srv.AssertClean(t)
}

// panicsOn is a handler with a bug: it panics on one text.
func panicsOn(text string) func(h bot.Handler, _ context.CancelFunc) bot.Handler {
	return func(h bot.Handler, _ context.CancelFunc) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, u bot.Update) error {
			if u.Text == text {
				panic("a bug in a handler")
			}
			return h.Handle(ctx, u)
		})
	}
}

func TestAPanicInPollingIsConfirmedAndTold(t *testing.T) {
	w := newWorld(t)
	p := w.start(panicsOn("Kaputt"))
	const chat = 9200044
	w.deliver(w.srv.TextMessage(chat, chat, "Kaputt", "de")) // confirmed, or deliver fails
	w.expect(chat, "technisches Problem")
	w.say(chat, "/hilfe")
	w.expect(chat, "Das kannst du tun")
	if n := len(w.srv.MessagesTo(chat)); n != 2 {
		t.Errorf("want the notice once and the help, got:\n%s", transcript(w.srv.MessagesTo(chat)))
	}
	if n := p.ad.Panics(); n != 1 {
		t.Errorf("%d panics counted, want 1", n)
	}
	w.srv.AssertClean(t)
}

func TestAPanicInTheWebhookIsConfirmedAndTold(t *testing.T) {
	w := newWorld(t)
	url := startWebhookWrapped(t, w, panicsOn("Kaputt"))
	ctx := context.Background()
	const chat = 9200045
	for range 2 { // Telegram might deliver it again all the same
		if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, w.srv.TextMessage(chat, chat, "Kaputt", "en")); err != nil || status != http.StatusOK {
			t.Fatalf("status %d, %v; want 200, or Telegram delivers it forever", status, err)
		}
	}
	w.expect(chat, "technical problem")
	if status, err := w.srv.PostWebhook(ctx, nil, url, webhookSecret, w.srv.CommandMessage(chat, chat, "/start", "", "de")); err != nil || status != http.StatusOK {
		t.Fatalf("the next update: status %d, %v", status, err)
	}
	w.expect(chat, "Bist du einverstanden?")
	w.srv.AssertClean(t)
}

func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }
