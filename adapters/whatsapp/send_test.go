package whatsapp_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
	"github.com/heimatbot/heimatbot/bot"
)

// opened starts an adapter with a recorder and lets p write, so p's window
// is open.
func (w *world) opened(p string) (*whatsapp.Adapter, *recorder) {
	w.t.Helper()
	rec := &recorder{}
	ad, _ := w.startWith(rec)
	if status, err := w.srv.Text(context.Background(), p, "hallo"); err != nil || status != http.StatusOK {
		w.t.Fatalf("open the window: %d %v", status, err)
	}
	return ad, rec
}

func to(p string) bot.Address { return bot.Address{Platform: bot.WhatsApp, Chat: p} }

func TestChoicesFitMetasLimits(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000010"
	ad, _ := w.opened(p)
	ctx := context.Background()
	long := "Ich komme mit der ganzen Familie und bringe Kuchen mit"
	var twelve []bot.Button
	for i := range 12 {
		twelve = append(twelve, bot.Button{Label: "Möglichkeit " + string(rune('A'+i)), Payload: "x:" + string(rune('a'+i))})
	}
	for name, m := range map[string]bot.Message{
		"three short":  {Text: plain("Kommst du?"), Buttons: [][]bot.Button{{{Label: "Ja", Payload: "y"}, {Label: "Nein", Payload: "n"}}, {{Label: "Vielleicht", Payload: "m"}}}},
		"a long label": {Text: plain("Kommst du?"), Buttons: [][]bot.Button{{{Label: long, Payload: "y"}, {Label: "Nein", Payload: "n"}}}},
		"twelve":       {Text: plain("Wähle"), Buttons: [][]bot.Button{twelve}},
		"long body":    {Text: plain(strings.Repeat("Wort ", 400)), Buttons: [][]bot.Button{{{Label: "OK", Payload: "ok"}}}},
	} {
		w.srv.Forget(p)
		m.To = to(p)
		if err := ad.Send(ctx, m); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		sent := w.srv.To(p)
		var titles []string
		for _, s := range sent {
			titles = append(titles, s.Choices...)
		}
		switch name {
		case "three short":
			if len(sent) != 1 || sent[0].Body["interactive"].(map[string]any)["type"] != "button" || strings.Join(titles, ",") != "Ja,Nein,Vielleicht" {
				t.Errorf("%s: want three reply buttons, got %s", name, transcript(sent))
			}
		case "a long label":
			row := sent[0].Body["interactive"].(map[string]any)["action"].(map[string]any)["sections"].([]any)[0].(map[string]any)["rows"].([]any)[0].(map[string]any)
			if row["description"] != long || utf8.RuneCountInString(row["title"].(string)) > 24 || !strings.HasSuffix(row["title"].(string), "…") {
				t.Errorf("%s: a label too long for a button becomes a row with the whole label as description, got %v", name, row)
			}
		case "twelve":
			if len(sent) != 2 || len(sent[0].Choices) != 10 || len(sent[1].Choices) != 2 || sent[0].Shown != "Wähle" {
				t.Errorf("%s: want lists of 10 and 2 rows, got %s", name, transcript(sent))
			}
		case "long body":
			last := sent[len(sent)-1]
			if len(sent) != 2 || utf8.RuneCountInString(last.Shown) > 1024 || len(last.Choices) != 1 {
				t.Errorf("%s: the buttons go under a body of at most 1024 characters, got %d messages", name, len(sent))
			}
			if got := strings.Join(strings.Fields(sent[0].Shown+" "+last.Shown), " "); got != strings.TrimSpace(strings.Repeat("Wort ", 400)) {
				t.Errorf("%s: text lost when it was cut", name)
			}
		}
	}
	w.srv.AssertClean(t)
}

func TestLongTextIsSplitWithoutLoss(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000011"
	ad, _ := w.opened(p)
	var blocks []bot.Block
	for i := range 60 {
		blocks = append(blocks, bot.Block{Spans: []bot.Span{{Text: strings.Repeat(string(rune('a'+i%26)), 150)}}})
	}
	w.srv.Forget(p)
	if err := ad.Send(context.Background(), bot.Message{To: to(p), Text: bot.Text{Blocks: blocks}}); err != nil {
		t.Fatal(err)
	}
	sent := w.srv.To(p)
	var all []string
	for _, s := range sent {
		if n := utf8.RuneCountInString(s.Shown); n > 4096 {
			t.Errorf("a text of %d characters", n)
		}
		all = append(all, s.Shown)
	}
	if len(sent) < 3 || strings.Count(strings.Join(all, "\n\n"), "\n\n") != 59 {
		t.Errorf("%d messages; paragraphs were not kept whole", len(sent))
	}
	w.srv.AssertClean(t)
}

func TestUserTextCannotFormat(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000012"
	ad, _ := w.opened(p)
	w.srv.Forget(p)
	text := bot.Text{Blocks: []bot.Block{{Spans: []bot.Span{
		{Text: "Meinung: ", Style: bot.Bold},
		{Text: "*alle* _sofort_ ~weg~ ```code``` a_b"},
	}}}}
	if err := ad.Send(context.Background(), bot.Message{To: to(p), Text: text}); err != nil {
		t.Fatal(err)
	}
	shown := w.last(p).Shown
	got := whatsapptest.Formatted(shown)
	if len(got) != 1 || got[0].Marker != "*" || got[0].Text != "Meinung:" {
		t.Errorf("WhatsApp shows %+v formatted in %q; want only the bot's bold label", got, shown)
	}
	for _, word := range []string{"alle", "sofort", "weg", "code"} {
		if !strings.Contains(shown, word) {
			t.Errorf("%q lost from %q", word, shown)
		}
	}
	w.srv.AssertClean(t)
}

func TestFilesGoThroughTheMediaUpload(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000013"
	ad, _ := w.opened(p)
	w.srv.Forget(p)
	ctx := context.Background()
	ics := &bot.File{Name: "termin.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}
	png := &bot.File{Name: "chart.png", ContentType: "image/png", Data: []byte("\x89PNG fake")}
	if err := ad.Send(ctx, bot.Message{To: to(p), Text: plain("Dein Termin"), File: ics,
		Buttons: [][]bot.Button{{{Label: "Ich komme", Payload: "r:y"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := ad.Send(ctx, bot.Message{To: to(p), Text: plain("Die Woche"), File: png}); err != nil {
		t.Fatal(err)
	}
	sent := w.srv.To(p)
	var types []string
	for _, s := range sent {
		types = append(types, s.Type)
	}
	if strings.Join(types, ",") != "document,interactive,image" {
		t.Fatalf("sent %v, want the .ics, the card with its button under it, the chart", types)
	}
	doc := sent[0].Body["document"].(map[string]any)
	if doc["filename"] != "termin.ics" {
		t.Errorf("document %v", doc)
	}
	if sent[2].Shown != "Die Woche" {
		t.Errorf("the chart's caption is %q", sent[2].Shown)
	}

	// A ZIP (the CSV export) WhatsApp does not take: the person hears so,
	// with the text that came with it.
	w.srv.Forget(p)
	zip := &bot.File{Name: "heimatbot-export.zip", ContentType: "application/zip", Data: []byte("PK\x03\x04")}
	if err := ad.Send(ctx, bot.Message{To: to(p), Text: plain("Der Export"), File: zip}); err != nil {
		t.Fatal(err)
	}
	sent = w.srv.To(p)
	if len(sent) != 2 || sent[0].Shown != "Der Export" || !strings.Contains(sent[1].Shown, "„heimatbot-export.zip“ kann ich über WhatsApp nicht schicken") {
		t.Errorf("for a ZIP the person got %+v", sent)
	}
	w.srv.AssertClean(t)
}

func TestOutsideTheWindowTheTemplateOfTheKindGoes(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000014"
	ad, rec := w.opened(p)
	w.clock.Advance(25 * time.Hour)
	w.srv.Forget(p)
	ctx := context.Background()
	invite := bot.Message{To: to(p), Kind: "invite", Text: plain("Einladung zum Stadtgespräch …"),
		Vars:    map[string]string{"title": "Stadtgespräch Jugend", "when": "Fr 12.12., 18:30"},
		Buttons: [][]bot.Button{{{Label: "Ich komme", Payload: "rsvp:ev1:yes"}, {Label: "Vielleicht", Payload: "rsvp:ev1:maybe"}, {Label: "Kann nicht", Payload: "rsvp:ev1:no"}}}}
	if err := ad.Send(ctx, invite); err != nil {
		t.Fatal(err)
	}
	m := w.last(p)
	if m.Template() != "heimatbot_einladung" || m.Shown != "Hallo! Du bist eingeladen: Stadtgespräch Jugend, Fr 12.12., 18:30. Kommst du?" {
		t.Errorf("sent %q (%s)", m.Shown, m.Template())
	}
	// Meta counts what it charges for.
	if n := ad.Stats().Templates["invite"]; n != 1 {
		t.Errorf("%d invite templates counted", n)
	}
	// The person answers with the template's button: the core sees the
	// button it stands for, and the window is open again.
	w.press(p, "Vielleicht")
	ups := rec.updates()
	if last := ups[len(ups)-1]; last.Button != "rsvp:ev1:maybe" {
		t.Errorf("the quick reply came in as %+v", last)
	}
	if err := ad.Send(ctx, bot.Message{To: to(p), Text: plain("Danke!")}); err != nil {
		t.Errorf("after the answer the window is open: %v", err)
	}

	// A message without a template once the window closed again: not
	// sent, and said so.
	w.clock.Advance(25 * time.Hour)
	before := len(w.srv.Sent())
	err := ad.Send(ctx, bot.Message{To: to(p), Kind: "feedback", Text: plain("Wie war's?")})
	if !errors.Is(err, whatsapp.ErrWindowClosed) || !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("a message without template outside the window: %v", err)
	}
	if len(w.srv.Sent()) != before {
		t.Errorf("a free-form message went out after the window closed")
	}
	w.srv.AssertClean(t)
}

func TestARefusedTemplateIsCountedNotRetried(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000015"
	w.opened(p)
	w.clock.Advance(25 * time.Hour)
	mux := http.NewServeMux()
	opt := w.options(mux)
	opt.Templates = map[string]whatsapp.Template{"invite": {Name: "not_approved", Languages: map[string]string{"de": "de"}, Params: []string{"title"}}}
	bad, err := whatsapp.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	err = bad.Send(context.Background(), bot.Message{To: to(p), Kind: "invite", Vars: map[string]string{"title": "x"}})
	var ae *whatsapp.APIError
	if !errors.As(err, &ae) || ae.Code != whatsapp.CodeTemplateMissing {
		t.Fatalf("err = %v, want 132001", err)
	}
	if s := bad.Stats(); s.TemplatesRefused["invite"] != 1 || s.Retried != 0 {
		t.Errorf("stats %+v: a refused template is counted and not retried", s)
	}
	if n := w.srv.Errors(whatsapptest.CodeTemplateMissing); n != 1 {
		t.Errorf("Meta was asked %d times", n)
	}
}

func TestThrottlingIsWaitedOutAndRetried(t *testing.T) {
	w := newWorld(t, whatsapptest.WithThroughput(1), whatsapptest.WithPairRate(0, 0))
	const p = "4915100000016"
	w.opened(p)
	mux := http.NewServeMux()
	opt := w.options(mux)
	opt.Pace = whatsapp.Pace{PerSecond: 1000, Burst: 1000} // pace switched off: the fake throttles
	opt.Sleep = func(ctx context.Context, d time.Duration) error { time.Sleep(d); return ctx.Err() }
	fast, err := whatsapp.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, s := range []string{"eins", "zwei"} {
		if err := fast.Send(ctx, bot.Message{To: to(p), Text: plain(s)}); err != nil {
			t.Fatal(err)
		}
	}
	if fast.Stats().RateLimited < 1 || w.srv.Errors(whatsapptest.CodeThroughput) < 1 {
		t.Errorf("no 130429 met: %+v", fast.Stats())
	}
	if got := w.srv.To(p); len(got) != 2 || got[1].Shown != "zwei" {
		t.Errorf("after the wait the message went: %s", transcript(got))
	}
}

// A button whose payload is longer than a list row's id may be (200
// bytes) goes out under a short id, and its press comes back as the
// whole payload; so does a reply button's.
func TestLongPayloadsComeBackWhole(t *testing.T) {
	w := newWorld(t)
	const p = "4915100000011"
	ad, rec := w.opened(p)
	ctx := context.Background()
	long := bot.ActionPayload("vhnew", "o:"+strings.Repeat("a", 300))
	for name, bs := range map[string][]bot.Button{
		"list":    {{Label: "Eins", Payload: "1"}, {Label: "Zwei", Payload: "2"}, {Label: "Drei", Payload: "3"}, {Label: "Lang", Payload: long}},
		"buttons": {{Label: "Eins", Payload: "1"}, {Label: "Lang", Payload: long}},
	} {
		w.srv.Forget(p)
		if err := ad.Send(ctx, bot.Message{To: to(p), Text: plain("Wähle"), Buttons: [][]bot.Button{bs}}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		before := len(rec.updates())
		w.press(p, "Lang")
		ups := rec.updates()
		if len(ups) != before+1 || ups[len(ups)-1].Button != long {
			t.Errorf("%s: the press came back as %+v, want the whole payload", name, ups[before:])
		}
	}
	w.srv.AssertClean(t)
}
