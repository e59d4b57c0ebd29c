package whatsapptest_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
)

const person = "4915112345678"

// open makes person write, so their window is open.
func open(t *testing.T, srv *whatsapptest.Server) {
	t.Helper()
	if _, err := srv.Text(bg, person, "Hallo"); err != nil {
		t.Fatal(err)
	}
}

func TestMetasOwnExamplesPassTheDescription(t *testing.T) {
	spec, err := whatsapptest.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	// The examples of what a bot sends; the description's README lists
	// the ones that contradict its own schema.
	for _, name := range []string{"Send Text Message", "Send Reply Button", "Send List Message", "Send Image Message by ID", "Send Document Message by ID"} {
		raw, ok := spec.MessageExamples[name]
		if !ok {
			t.Errorf("no example %q", name)
			continue
		}
		var v any
		_ = json.Unmarshal(raw, &v)
		if errs := spec.Validate("Message", v); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
	}
}

func TestRefusesWhatTheDescriptionForbids(t *testing.T) {
	srv := whatsapptest.New()
	defer srv.Close()
	newReceiver(t, srv)
	open(t, srv)
	unknown := text(person, "hi")
	unknown["text"].(map[string]any)["colour"] = "red"
	tooLongRow := list(person, "Wähle", map[string]any{"id": "a", "title": strings.Repeat("x", 25)})
	tooLongDesc := list(person, "Wähle", map[string]any{"id": "a", "title": "x", "description": strings.Repeat("d", 73)})
	for name, msg := range map[string]any{
		"unknown field":            unknown,
		"button title of 21":       buttons(person, "Wähle", strings.Repeat("x", 21)),
		"four reply buttons":       buttons(person, "Wähle", "a", "b", "c", "d"),
		"row title of 25":          tooLongRow,
		"row description of 73":    tooLongDesc,
		"interactive body of 1025": buttons(person, strings.Repeat("x", 1025), "a"),
		"no recipient":             map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "type": "text", "text": map[string]any{"body": "x"}},
	} {
		if a := send(t, srv, srv.Token(), msg); a.Status != http.StatusBadRequest || a.Code != whatsapptest.CodeInvalidParameter {
			t.Errorf("%s: answered %+v, want 400 with code 100", name, a)
		}
	}
	if n := len(srv.Violations()); n != 7 {
		t.Errorf("%d violations recorded, want 7: %v", n, srv.Violations())
	}
}

func TestRefusesWhatMetaEnforcesBeyondTheDescription(t *testing.T) {
	srv := whatsapptest.New()
	defer srv.Close()
	newReceiver(t, srv)
	open(t, srv)
	var rows []map[string]any
	for i := range 11 {
		rows = append(rows, map[string]any{"id": string(rune('a' + i)), "title": "Zeile" + string(rune('a'+i))})
	}
	for name, msg := range map[string]any{
		"text of 4097":      text(person, strings.Repeat("x", 4097)),
		"empty text":        text(person, " "),
		"same title twice":  buttons(person, "Wähle", "Ja", "Ja"),
		"eleven rows":       list(person, "Wähle", rows...),
		"same row id twice": list(person, "Wähle", map[string]any{"id": "a", "title": "x"}, map[string]any{"id": "a", "title": "y"}),
		"no phone number":   text("+49 151", "x"),
	} {
		if a := send(t, srv, srv.Token(), msg); a.Status != http.StatusBadRequest || a.Code != whatsapptest.CodeInvalidParameter {
			t.Errorf("%s: answered %+v, want 400 with code 100", name, a)
		}
	}
	if a := send(t, srv, srv.Token(), text(person, strings.Repeat("x", 4096))); a.Status != http.StatusOK {
		t.Errorf("a text of 4096 characters was refused: %+v", a)
	}
}

func TestRefusesAWrongToken(t *testing.T) {
	srv := whatsapptest.New()
	defer srv.Close()
	if a := send(t, srv, "wrong", text(person, "x")); a.Status != http.StatusUnauthorized || a.Code != whatsapptest.CodeAuth {
		t.Errorf("answered %+v, want 401 with code 190", a)
	}
}

func TestOutsideTheWindowAMessageIsAcceptedThenReportedFailed(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	srv := whatsapptest.New(whatsapptest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	rcv := newReceiver(t, srv)
	open(t, srv) // webhook 1
	if a := send(t, srv, srv.Token(), text(person, "within")); a.Status != http.StatusOK {
		t.Fatalf("within the window: %+v", a)
	}
	now = now.Add(24*time.Hour + time.Second)
	a := send(t, srv, srv.Token(), text(person, "too late"))
	if a.Status != http.StatusOK || a.ID == "" {
		t.Fatalf("Meta accepts first and reports later; answered %+v", a)
	}
	got := rcv.wait(2)
	if len(got) != 2 || !strings.Contains(string(got[1]), `"code":131047`) || !strings.Contains(string(got[1]), a.ID) {
		t.Fatalf("no failed status with 131047 for %s: %s", a.ID, got)
	}
	var status any
	_ = json.Unmarshal(got[1], &status)
	spec, _ := whatsapptest.LoadSpec()
	if errs := spec.Validate("WebhookPayload", status); len(errs) > 0 {
		t.Errorf("the status webhook does not match the description: %v", errs)
	}
	if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0], "outside the 24-hour window") {
		t.Errorf("violations = %v", v)
	}
	if n := len(srv.To(person)); n != 1 {
		t.Errorf("%d messages reached the person, want only the one within the window", n)
	}
}

func TestTemplates(t *testing.T) {
	srv := whatsapptest.New(whatsapptest.WithTemplate(whatsapptest.TemplateDef{
		Name: "einladung", Language: "de", Body: "Einladung: {{1}} am {{2}}.", Buttons: []string{"Ich komme"},
	}))
	defer srv.Close()
	newReceiver(t, srv)
	// No window needed for a template.
	if a := send(t, srv, srv.Token(), template(person, "einladung", "de", "Stadtgespräch", "Freitag")); a.Status != http.StatusOK {
		t.Fatalf("a valid template was refused: %+v", a)
	}
	if m := srv.To(person); len(m) != 1 || m[0].Shown != "Einladung: Stadtgespräch am Freitag." {
		t.Errorf("shown: %+v", m)
	}
	for name, c := range map[string]struct {
		msg  any
		code int
	}{
		"unknown name":       {template(person, "gibtsnicht", "de", "a", "b"), whatsapptest.CodeTemplateMissing},
		"unknown language":   {template(person, "einladung", "fr", "a", "b"), whatsapptest.CodeTemplateMissing},
		"one parameter less": {template(person, "einladung", "de", "a"), whatsapptest.CodeTemplateParams},
		"a new line":         {template(person, "einladung", "de", "a\nb", "c"), whatsapptest.CodeTemplateParams},
		"five spaces":        {template(person, "einladung", "de", "a     b", "c"), whatsapptest.CodeTemplateParams},
	} {
		if a := send(t, srv, srv.Token(), c.msg); a.Status != http.StatusBadRequest || a.Code != c.code {
			t.Errorf("%s: answered %+v, want code %d", name, a, c.code)
		}
	}
}

func TestThroughputLimit(t *testing.T) {
	srv := whatsapptest.New(whatsapptest.WithThroughput(10), whatsapptest.WithPairRate(0, 0))
	defer srv.Close()
	newReceiver(t, srv)
	for i := range 10 {
		n := "49151000000" + string(rune('0'+i))
		_, _ = srv.Text(bg, n, "hi")
		if a := send(t, srv, srv.Token(), text(n, "x")); a.Status != http.StatusOK {
			t.Fatalf("send %d of 10 in a second refused: %+v", i+1, a)
		}
	}
	if a := send(t, srv, srv.Token(), text("491510000000", "x")); a.Code != whatsapptest.CodeThroughput {
		t.Errorf("the 11th send in a second: %+v, want 130429", a)
	}
	if srv.Errors(whatsapptest.CodeThroughput) != 1 {
		t.Errorf("130429 counted %d times", srv.Errors(whatsapptest.CodeThroughput))
	}
}

func TestPairRateLimit(t *testing.T) {
	srv := whatsapptest.New(whatsapptest.WithPairRate(6*time.Second, 3))
	defer srv.Close()
	newReceiver(t, srv)
	open(t, srv)
	for i := range 3 {
		if a := send(t, srv, srv.Token(), text(person, "x")); a.Status != http.StatusOK {
			t.Fatalf("message %d of a burst of 3 refused: %+v", i+1, a)
		}
	}
	if a := send(t, srv, srv.Token(), text(person, "x")); a.Code != whatsapptest.CodePairRate {
		t.Errorf("the 4th message at once: %+v, want 131056", a)
	}
	if a := send(t, srv, srv.Token(), text("4915199999999", "x")); a.Code == whatsapptest.CodePairRate {
		t.Errorf("another person is held by the first's pair rate")
	}
}

func TestPressesComeBackAsMetaSendsThem(t *testing.T) {
	srv := whatsapptest.New(whatsapptest.WithTemplate(whatsapptest.TemplateDef{
		Name: "einladung", Language: "de", Body: "Einladung", Buttons: []string{"Ich komme"},
	}))
	defer srv.Close()
	rcv := newReceiver(t, srv)
	open(t, srv)
	send(t, srv, srv.Token(), buttons(person, "Wähle", "Ja", "Nein"))
	send(t, srv, srv.Token(), list(person, "Wähle", map[string]any{"id": "row-1", "title": "Badeborn"}))
	tpl := template(person, "einladung", "de")
	tpl["template"].(map[string]any)["components"] = []any{map[string]any{"type": "button", "sub_type": "quick_reply", "index": "0",
		"parameters": []any{map[string]any{"type": "payload", "payload": "rsvp:ev1:yes"}}}}
	if a := send(t, srv, srv.Token(), tpl); a.Status != http.StatusOK {
		t.Fatalf("template with a quick-reply payload: %+v", a)
	}
	for _, title := range []string{"Nein", "Badeborn", "Ich komme"} {
		if status, err := srv.Press(bg, person, title); err != nil || status != http.StatusOK {
			t.Fatalf("press %q: %d %v", title, status, err)
		}
	}
	got := rcv.got()
	for i, want := range []string{`"button_reply":{"id":"b1","title":"Nein"}`, `"list_reply":{"id":"row-1","title":"Badeborn"}`, `"button":{"payload":"rsvp:ev1:yes","text":"Ich komme"}`} {
		if body := string(got[i+1]); !strings.Contains(body, want) {
			t.Errorf("press %d posted %s, want %s", i+1, body, want)
		}
	}
	if _, err := srv.Press(bg, person, "Vielleicht"); !errors.Is(err, whatsapptest.ErrNoSuchChoice) {
		t.Errorf("a press of a choice never shown: %v", err)
	}
}

func TestRedeliverPostsTheSameSignedBytes(t *testing.T) {
	srv := whatsapptest.New()
	defer srv.Close()
	rcv := newReceiver(t, srv)
	open(t, srv)
	if _, err := srv.Redeliver(bg); err != nil {
		t.Fatal(err)
	}
	got := rcv.got()
	if len(got) != 2 || string(got[0]) != string(got[1]) {
		t.Errorf("redelivered %q after %q", got[1:], got[:1])
	}
}

func TestUploads(t *testing.T) {
	srv := whatsapptest.New()
	defer srv.Close()
	newReceiver(t, srv)
	open(t, srv)
	if a := upload(t, srv, "text/calendar", "text/calendar", []byte("BEGIN:VCALENDAR")); a.Code != whatsapptest.CodeMediaUpload {
		t.Errorf("an upload of text/calendar: %+v, want 131053", a)
	}
	if a := upload(t, srv, "image/png", "image/png", nil); a.Code != whatsapptest.CodeMediaUpload {
		t.Errorf("an empty upload: %+v, want 131053", a)
	}
	up := upload(t, srv, "text/plain", "text/plain", []byte("BEGIN:VCALENDAR"))
	if up.Status != http.StatusOK || up.ID == "" {
		t.Fatalf("upload of text/plain: %+v", up)
	}
	doc := map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": person, "type": "document",
		"document": map[string]any{"id": up.ID, "filename": "termin.ics"}}
	if a := send(t, srv, srv.Token(), doc); a.Status != http.StatusOK {
		t.Errorf("a document with the uploaded id: %+v", a)
	}
	doc["document"] = map[string]any{"id": "999"}
	if a := send(t, srv, srv.Token(), doc); a.Code != whatsapptest.CodeInvalidParameter {
		t.Errorf("a document with an unknown id: %+v", a)
	}
	img := map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": person, "type": "image",
		"image": map[string]any{"id": up.ID}}
	if a := send(t, srv, srv.Token(), img); a.Code != whatsapptest.CodeInvalidParameter {
		t.Errorf("a text file sent as image: %+v", a)
	}
}

func TestUndeliverableNumbersAreReportedByStatus(t *testing.T) {
	srv := whatsapptest.New()
	defer srv.Close()
	rcv := newReceiver(t, srv)
	open(t, srv)
	srv.Block(person)
	send(t, srv, srv.Token(), text(person, "x"))
	if got := rcv.wait(2); len(got) != 2 || !strings.Contains(string(got[1]), `"code":131026`) {
		t.Errorf("no failed status with 131026: %s", got)
	}
	if len(srv.Violations()) != 0 {
		t.Errorf("sending to someone who left is no violation: %v", srv.Violations())
	}
}

func TestFormatted(t *testing.T) {
	for text, want := range map[string]string{
		"*fett* und _kursiv_": "*fett|_kursiv",
		"a*b*c":               "",
		"* nicht*":            "",
		"2*3*4":               "",
		"∗fett∗ ˍkursivˍ":     "",
		"```code```":          "```code",
		"*eins\nzwei*":        "",
		"~weg~":               "~weg",
	} {
		var got []string
		for _, s := range whatsapptest.Formatted(text) {
			got = append(got, s.Marker+s.Text)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("Formatted(%q) = %v, want %q", text, got, want)
		}
	}
}
