package telegram_test

import (
	"strings"
	"testing"
)

// Asked in a group, the bot answers what is personal (here the person's
// events with their own RSVPs) in the person's private chat, with a short
// pointer in the group. Someone the bot may not write to yet is asked in
// the group to start the bot privately first.
func TestPersonalAnswersInAGroupGoToThePrivateChat(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const group, anna, bruno = -100881, 9300051, 9300052
	w.say(anna, "/start") // Anna started the bot: it may write to her
	privately := len(w.srv.MessagesTo(anna))

	w.deliver(w.srv.CommandMessage(group, anna, "/termine@"+p.ad.Username(), "", "de"))
	w.expect(group, "Ich habe dir eine Direktnachricht geschickt.")
	if got := w.srv.MessagesTo(anna)[privately:]; len(got) == 0 || !strings.Contains(transcript(got), "Termine") {
		t.Errorf("the private chat got:\n%s", transcript(got))
	}
	if n := len(w.srv.MessagesTo(group)); n != 1 {
		t.Errorf("the group got %d messages, want the pointer alone:\n%s", n, transcript(w.srv.MessagesTo(group)))
	}

	w.srv.BlockChat(bruno) // Bruno never started the bot
	w.deliver(w.srv.CommandMessage(group, bruno, "/termine", "", "de"))
	w.expect(group, "Schreib mir zuerst privat /start")
	if n := len(w.srv.MessagesTo(bruno)); n != 0 {
		t.Errorf("Bruno's private chat got %d messages", n)
	}
	w.srv.AssertClean(t)
}
