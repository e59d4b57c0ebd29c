package telegram_test

import (
	"strings"
	"testing"
)

// A press on an outdated question changes nothing that is shown: the old
// message keeps its text and buttons, and the person is told why.
func TestAStalePressLeavesTheMessageAsItWas(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	const chat = 4801
	w.say(chat, "/start")
	old := w.last(chat)
	w.say(chat, "/start") // the same question again: the first is outdated
	data := mustData(t, old, "Einverstanden")
	w.deliver(w.srv.CallbackQuery(chat, chat, old.ID, data))
	w.expect(chat, "nicht mehr aktuell")
	for _, m := range w.srv.MessagesTo(chat) {
		if m.ID == old.ID && (m.Text != old.Text || string(m.ReplyMarkup) != string(old.ReplyMarkup) || !m.EditDate.IsZero()) {
			t.Errorf("the outdated question was changed:\nbefore %q %s\nafter  %q %s", old.Text, old.ReplyMarkup, m.Text, m.ReplyMarkup)
		}
	}
	if n := len(w.srv.Calls("answerCallbackQuery")); n != 1 {
		t.Errorf("%d callback queries answered, want the stale one too", n)
	}
	w.srv.AssertClean(t)
}

// A multiple choice is one message that shows what is chosen: each tap
// edits it, un-ticking takes the tick away, and no "→ ✓ …" is left behind.
func TestAMultipleChoiceChangesInPlace(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	const chat = 4802
	w.say(chat, "/start")
	w.press(chat, "Einverstanden")
	w.say(chat, "/mitmachen")
	for !strings.Contains(w.last(chat).Text, "Wobei kannst du helfen?") {
		// Whatever the onboarding still asks first is answered with its
		// first button.
		b := w.last(chat).Buttons()
		if len(b) == 0 {
			t.Fatalf("no way to /mitmachen:\n%s", transcript(w.srv.MessagesTo(chat)))
		}
		w.press(chat, b[0].Text)
	}
	question := w.last(chat)
	sent := len(w.srv.MessagesTo(chat))
	w.press(chat, "Handwerk")
	w.press(chat, "Räume")
	w.press(chat, "✓ Handwerk")
	msgs := w.srv.MessagesTo(chat)
	if len(msgs) != sent {
		t.Fatalf("the taps sent %d new messages, want the question edited in place:\n%s", len(msgs)-sent, transcript(msgs[sent-1:]))
	}
	now := msgs[len(msgs)-1]
	if now.ID != question.ID || !strings.Contains(strings.Join(labels(now), "|"), "✓ Räume") || strings.Contains(strings.Join(labels(now), "|"), "✓ Handwerk") {
		t.Errorf("the question shows %v, want Räume ticked and Handwerk not", labels(now))
	}
	for _, m := range msgs {
		if strings.Contains(m.Text, "→ ✓") || strings.Contains(m.Text, "→ Handwerk") {
			t.Errorf("a tap left its label behind: %q", m.Text)
		}
	}
	w.press(chat, "Fertig")
	w.expect(chat, "Beschreib in einem Satz")
	w.srv.AssertClean(t)
}
