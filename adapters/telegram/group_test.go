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

// A question the bot asks one person in a group is theirs: another
// member's press changes nothing (no answer, no edit) and tells only that
// member so, in the note above their chat; the owner's press works.
func TestGroupButtonsBelongToThePersonAsked(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	const group, anna, bruno = -100882, 9300061, 9300062
	w.deliver(w.srv.CommandMessage(group, anna, "/sprache", "", "de"))
	w.expect(group, "[English]")
	messages, edits := len(w.srv.MessagesTo(group)), len(w.srv.Calls("editMessageText"))+len(w.srv.Calls("editMessageReplyMarkup"))

	u, ok := w.srv.Press(group, bruno, "English")
	if !ok {
		t.Fatal("no button English")
	}
	w.deliver(u)
	if n, e := len(w.srv.MessagesTo(group)), len(w.srv.Calls("editMessageText"))+len(w.srv.Calls("editMessageReplyMarkup")); n != messages || e != edits {
		t.Errorf("another member's press: %d new messages, %d edits:\n%s", n-messages, e-edits, transcript(w.srv.MessagesTo(group)))
	}
	answers := w.srv.Calls("answerCallbackQuery")
	if len(answers) == 0 || !strings.Contains(answers[len(answers)-1].Params["text"], "gehört zu einer anderen Person") {
		t.Errorf("another member's press was answered without saying why: %+v", answers)
	}

	u, _ = w.srv.Press(group, anna, "English")
	w.deliver(u)
	if n := len(w.srv.MessagesTo(group)); n == messages {
		t.Errorf("the owner's press was not answered:\n%s", transcript(w.srv.MessagesTo(group)))
	}
	t.Logf("group:\n%s", transcript(w.srv.MessagesTo(group)))
	w.srv.AssertClean(t)
}

// The note on someone else's button speaks as the bot does to whoever
// pressed it: in a community that speaks Einfache Sprache by default, in
// plain German to someone the bot does not know yet.
func TestTheNoteOnSomeoneElsesButtonSpeaksTheCommunitysLanguage(t *testing.T) {
	w := newWorld(t)
	w.cfg.Community.Languages = []string{"de-x-einfach", "de", "en"}
	w.start(nil)
	const group, anna, bruno = -100884, 9300081, 9300082
	w.deliver(w.srv.CommandMessage(group, anna, "/sprache", "", "de"))
	w.expect(group, "[English]")
	u, ok := w.srv.Press(group, bruno, "English")
	if !ok {
		t.Fatal("no button English")
	}
	w.deliver(u)
	answers := w.srv.Calls("answerCallbackQuery")
	if len(answers) == 0 || !strings.Contains(answers[len(answers)-1].Params["text"], "Dieser Knopf ist für eine andere Person.") {
		t.Errorf("the note reads %+v; want it in Einfache Sprache", answers)
	}
	w.srv.AssertClean(t)
}
