package telegram_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
)

func to(chat string) bot.Address { return bot.Address{Platform: bot.Telegram, Chat: chat} }

func TestUserTextIsEscapedAndFormattingKept(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	text := bot.Text{Blocks: []bot.Block{
		{Spans: []bot.Span{
			{Text: `Tom & Jerry <b>nicht fett</b> "zitiert" `},
			{Text: "fett", Style: bot.Bold},
			{Text: " und "},
			{Text: "<Seite>", Style: bot.Link, URL: `https://example.org/?a=1&b="2"`},
		}},
		{Item: true, Spans: []bot.Span{{Text: "kursiv", Style: bot.Italic}}},
	}}
	if err := p.ad.Send(context.Background(), bot.Message{To: to("801"), Text: text}); err != nil {
		t.Fatal(err)
	}
	m := w.last(801)
	want := "Tom & Jerry <b>nicht fett</b> \"zitiert\" fett und <Seite>\n\n• kursiv"
	if m.Text != want {
		t.Errorf("the person sees %q, want %q", m.Text, want)
	}
	kinds := map[string]telegramtest.Entity{}
	for _, e := range m.Entities {
		kinds[e.Type] = e
	}
	if kinds["bold"].Length != 4 || kinds["italic"].Length != 6 || kinds["text_link"].URL != `https://example.org/?a=1&b="2"` {
		t.Errorf("entities = %+v", m.Entities)
	}
	w.srv.AssertClean(t)
}

func TestLongTextsAreSplitAtParagraphs(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	para := func(word string, chars int) string {
		return strings.TrimSpace(strings.Repeat(word+" ", chars/(len(word)+1)))
	}
	p1, p2 := para("eins", 2000), para("zwei", 2000)
	p3 := para("drei", 5000) // longer than a message: split at spaces
	text := bot.Text{Blocks: []bot.Block{
		{Spans: []bot.Span{{Text: p1}}},
		{Spans: []bot.Span{{Text: p2}}},
		{Spans: []bot.Span{{Text: p3, Style: bot.Bold}}},
		{Spans: []bot.Span{{Text: "Ende & aus"}}},
	}}
	buttons := [][]bot.Button{{{Label: "Weiter", Payload: "s1:weiter"}}}
	if err := p.ad.Send(context.Background(), bot.Message{To: to("802"), Text: text, Buttons: buttons}); err != nil {
		t.Fatal(err)
	}
	msgs := w.srv.MessagesTo(802)
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3:\n%s", len(msgs), transcript(msgs))
	}
	if msgs[0].Text != p1+"\n\n"+p2 {
		t.Errorf("the first message is not the first two paragraphs")
	}
	var words []string
	for i, m := range msgs {
		if n := utf8.RuneCountInString(m.Text); n > 4096 {
			t.Errorf("message %d has %d characters", i, n)
		}
		if strings.HasSuffix(m.Text, " ") || strings.HasPrefix(m.Text, " ") {
			t.Errorf("message %d was cut inside a word or keeps the space", i)
		}
		if (m.ReplyMarkup != nil) != (i == len(msgs)-1) {
			t.Errorf("message %d: buttons belong under the last message only", i)
		}
		words = append(words, strings.Fields(m.Text)...)
	}
	if got, want := strings.Join(words, " "), strings.Join(strings.Fields(p1+" "+p2+" "+p3+" Ende & aus"), " "); got != want {
		t.Error("the split messages do not add up to the text")
	}
	if !strings.HasSuffix(msgs[2].Text, "Ende & aus") {
		t.Errorf("last message ends %q", msgs[2].Text[len(msgs[2].Text)-20:])
	}
	w.srv.AssertClean(t)
}

func TestLongButtonPayloadsTravelAsShortIDs(t *testing.T) {
	w := newWorld(t)
	var mu sync.Mutex
	var pressed []string
	p := w.start(func(h bot.Handler, _ context.CancelFunc) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, u bot.Update) error {
			mu.Lock()
			pressed = append(pressed, u.Button)
			mu.Unlock()
			u.Ack(ctx, bot.PressApplied) // as the engine does
			return nil
		})
	})
	long := bot.ActionPayload("rsvp", strings.Repeat("termin-2026-12-01-stadtgespraech-", 3))
	if len(long) <= 64 {
		t.Fatal("payload too short for the test")
	}
	msg := bot.Message{To: to("803"), Text: bot.PlainText("Kommst du?"), Buttons: [][]bot.Button{{
		{Label: "Ja", Payload: long}, {Label: "Nein", Payload: "a:rsvp:no"},
	}}}
	if err := p.ad.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	sent := w.last(803)
	data := mustData(t, sent, "Ja")
	if len(data) > 64 || data == long {
		t.Fatalf("callback_data %q is not a short id", data)
	}
	if mustData(t, sent, "Nein") != "a:rsvp:no" {
		t.Error("a short payload should travel as it is")
	}
	w.deliver(w.srv.CallbackQuery(803, 803, sent.ID, data))
	mu.Lock()
	got := append([]string(nil), pressed...)
	mu.Unlock()
	if len(got) != 1 || got[0] != long {
		t.Fatalf("the handler got %q, want the long payload", got)
	}
	if m := w.last(803); m.Text != "Kommst du?\n\n→ Ja" || m.ReplyMarkup != nil {
		t.Errorf("the prompt after the press: %q with markup %s", m.Text, m.ReplyMarkup)
	}
	if n := len(w.srv.Calls("answerCallbackQuery")); n != 1 {
		t.Errorf("%d callback answers, want 1", n)
	}
	w.srv.AssertClean(t)
}

func TestFilesGoAsDocumentOrPhoto(t *testing.T) {
	w := newWorld(t)
	p := w.start(nil)
	ctx := context.Background()
	ics := &bot.File{Name: "termin.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}
	png := &bot.File{Name: "karte.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n")}
	if err := p.ad.Send(ctx, bot.Message{To: to("804"), Text: bot.PlainText("Dein <Termin>"), File: ics}); err != nil {
		t.Fatal(err)
	}
	if err := p.ad.Send(ctx, bot.Message{To: to("804"), File: png}); err != nil {
		t.Fatal(err)
	}
	msgs := w.srv.MessagesTo(804)
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	if d := msgs[0]; d.Method != "sendDocument" || d.File == nil || d.File.Name != "termin.ics" || string(d.File.Data) != string(ics.Data) || d.Text != "Dein <Termin>" {
		t.Errorf("document = %+v", d)
	}
	if ph := msgs[1]; ph.Method != "sendPhoto" || ph.File == nil || string(ph.File.Data) != string(png.Data) {
		t.Errorf("photo = %+v", ph)
	}
	w.srv.AssertClean(t)
}
