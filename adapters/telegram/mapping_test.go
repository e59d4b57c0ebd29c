package telegram_test

import (
	"strings"
	"testing"
)

func TestContentTheBotDoesNotReadGetsAHintInPrivate(t *testing.T) {
	w := newWorld(t)
	w.start(nil)
	const chat = 701
	for name, u := range map[string]func() map[string]any{
		"sticker": func() map[string]any { return w.srv.Sticker(chat, chat) },
		"photo":   func() map[string]any { return w.srv.Photo(chat, chat, "Schaut mal") },
		"edit":    func() map[string]any { return w.srv.EditedMessage(chat, chat, 1, "korrigiert") },
	} {
		before := len(w.srv.MessagesTo(chat))
		w.deliver(u())
		msgs := w.srv.MessagesTo(chat)
		if len(msgs) != before+1 || !strings.Contains(msgs[len(msgs)-1].Text, "kann ich leider nicht lesen") {
			t.Errorf("%s: want one hint, got:\n%s", name, transcript(msgs[before:]))
		}
	}
	w.srv.AssertClean(t)
}

func TestGroupsOnlyCountWhatIsMeantForTheBot(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	const group, user = -100, 702
	name := p.ad.Username()
	ignored := []map[string]any{
		w.srv.GroupMessage(group, user, "Hallo zusammen", "de"),
		w.srv.CommandMessage(group, user, "/hilfe@other_bot", "", "de"),
		w.srv.Sticker(group, user),
		w.srv.Photo(group, user, ""),
		w.srv.NewChatMembers(group, user, user),
		w.srv.ChannelPost(-1_000_000_000_777, "Neuigkeiten"),
	}
	for _, u := range ignored {
		w.deliver(u)
	}
	if msgs := w.srv.MessagesTo(group); len(msgs) != 0 {
		t.Fatalf("the bot answered what was not meant for it:\n%s", transcript(msgs))
	}
	w.deliver(w.srv.CommandMessage(group, user, "/hilfe@"+name, "", "de"))
	w.expect(group, "Das kannst du tun")
	w.deliver(w.srv.CommandMessage(group, user, "/hilfe", "", "de"))
	if n := len(w.srv.MessagesTo(group)); n != 2 {
		t.Errorf("want an answer to /hilfe@%s and to /hilfe, got %d messages", name, n)
	}
	mention := w.srv.GroupMessage(group, user, "@"+name+" /hilfe", "de")
	mention["message"].(map[string]any)["entities"] = []map[string]any{{"type": "mention", "offset": 0, "length": len(name) + 1}}
	w.deliver(mention)
	if n := len(w.srv.MessagesTo(group)); n != 3 {
		t.Errorf("a mention was not answered: %d messages", n)
	}
	reply := w.srv.GroupMessage(group, user, "/profil", "de")
	last := w.last(group)
	reply["message"].(map[string]any)["reply_to_message"] = map[string]any{
		"message_id": last.ID, "date": last.Date.Unix(),
		"chat": map[string]any{"id": group, "type": "group", "title": "Test group"},
		"from": map[string]any{"id": 123456789, "is_bot": true, "first_name": "Heimatbot Test", "username": name},
	}
	w.deliver(reply)
	if n := len(w.srv.MessagesTo(group)); n < 4 {
		t.Errorf("a reply to the bot was not answered: %d messages", n)
	}
	w.srv.AssertClean(t)
}
