package whatsapp_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/whatsapp"
	"github.com/heimatbot/heimatbot/bot"
)

// recorder is a handler that keeps the updates it gets.
type recorder struct {
	mu  sync.Mutex
	ups []bot.Update
	err error
}

func (r *recorder) Handle(_ context.Context, u bot.Update) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ups = append(r.ups, u)
	return r.err
}

func (r *recorder) updates() []bot.Update {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Update(nil), r.ups...)
}

// startWith runs an adapter with h behind a test HTTP server.
func (w *world) startWith(h bot.Handler) (*whatsapp.Adapter, string) {
	w.t.Helper()
	mux := http.NewServeMux()
	ad, err := whatsapp.New(w.options(mux))
	if err != nil {
		w.t.Fatal(err)
	}
	hs := newServer(w.t, mux)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = ad.Run(ctx, h); close(done) }()
	w.t.Cleanup(func() { cancel(); <-done })
	for ad.Healthy(ctx) != nil {
		sleepMs(1)
	}
	hook := hs + "/whatsapp/webhook"
	w.srv.SetWebhook(hook)
	return ad, hook
}

func TestVerificationHandshake(t *testing.T) {
	w := newWorld(t)
	_, hook := w.startWith(&recorder{})
	get := func(mode, token string) (int, string) {
		q := url.Values{"hub.mode": {mode}, "hub.verify_token": {token}, "hub.challenge": {"1158201444"}}
		resp, err := http.Get(hook + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := get("subscribe", "verify-me"); status != http.StatusOK || body != "1158201444" {
		t.Errorf("handshake with the right token: %d %q, want the challenge echoed", status, body)
	}
	if status, body := get("subscribe", "guess"); status != http.StatusForbidden || strings.Contains(body, "1158201444") {
		t.Errorf("handshake with a wrong token: %d %q", status, body)
	}
	if status, _ := get("unsubscribe", "verify-me"); status != http.StatusForbidden {
		t.Errorf("handshake of another mode: %d", status)
	}
}

func TestSignatureIsCheckedBeforeTheBodyIsRead(t *testing.T) {
	w := newWorld(t)
	rec := &recorder{}
	_, hook := w.startWith(rec)
	post := func(body, sig string) int {
		req, _ := http.NewRequest(http.MethodPost, hook, strings.NewReader(body))
		if sig != "" {
			req.Header.Set(whatsapp.SignatureHeader, sig)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	valid := `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"` + w.srv.PhoneNumberID() + `"},"messages":[{"from":"4915100000001","id":"wamid.X","timestamp":"1","type":"text","text":{"body":"hi"}}]}}]}]}`
	for name, c := range map[string]struct {
		body, sig string
		want      int
	}{
		"no signature":              {valid, "", http.StatusUnauthorized},
		"another secret":            {valid, whatsapp.Sign("guess", []byte(valid)), http.StatusForbidden},
		"garbage, wrongly signed":   {"{not json", "sha256=00", http.StatusForbidden},
		"signature without prefix":  {valid, strings.TrimPrefix(whatsapp.Sign(w.srv.AppSecret(), []byte(valid)), "sha256="), http.StatusForbidden},
		"garbage, rightly signed":   {"{not json", whatsapp.Sign(w.srv.AppSecret(), []byte("{not json")), http.StatusBadRequest},
		"another object, signed":    {`{"object":"page","entry":[]}`, whatsapp.Sign(w.srv.AppSecret(), []byte(`{"object":"page","entry":[]}`)), http.StatusBadRequest},
		"a body changed after sign": {valid, whatsapp.Sign(w.srv.AppSecret(), []byte(strings.Replace(valid, "hi", "ho", 1))), http.StatusForbidden},
	} {
		if got := post(c.body, c.sig); got != c.want {
			t.Errorf("%s: %d, want %d", name, got, c.want)
		}
	}
	if n := len(rec.updates()); n != 0 {
		t.Errorf("%d updates handled from refused posts", n)
	}
	if got := post(valid, whatsapp.Sign(w.srv.AppSecret(), []byte(valid))); got != http.StatusOK || len(rec.updates()) != 1 {
		t.Errorf("a rightly signed post: %d, %d updates", got, len(rec.updates()))
	}
}

func TestInboundMapping(t *testing.T) {
	w := newWorld(t)
	rec := &recorder{}
	ad, _ := w.startWith(rec)
	ctx := context.Background()
	const p = "4915100000002"
	_, _ = w.srv.Text(ctx, p, "termine")
	_, _ = w.srv.Text(ctx, p, "Menü")
	_, _ = w.srv.Image(ctx, p)
	_ = ad.Send(ctx, bot.Message{To: bot.Address{Platform: bot.WhatsApp, Chat: p}, Text: plain("Wähle"),
		Buttons: [][]bot.Button{{{Label: "Ja", Payload: "a:yes"}, {Label: "Nein", Payload: "a:no"}}}})
	_, _ = w.srv.Press(ctx, p, "Ja")
	var many []bot.Button
	for _, d := range []string{"Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben"} {
		many = append(many, bot.Button{Label: d, Payload: "d:" + strings.ToLower(d)})
	}
	_ = ad.Send(ctx, bot.Message{To: bot.Address{Platform: bot.WhatsApp, Chat: p}, Text: plain("Wo?"), Buttons: [][]bot.Button{many}})
	_, _ = w.srv.Press(ctx, p, "Opperode")

	ups := rec.updates()
	if len(ups) != 5 {
		t.Fatalf("%d updates, want 5: %+v", len(ups), ups)
	}
	if u := ups[0]; u.Text != "termine" || !u.BareCommands || !u.Private || u.User.ID != p || u.Chat.Chat != p || !strings.HasPrefix(u.ID, "wa:wamid.") {
		t.Errorf("text: %+v", u)
	}
	if ups[1].Text != "/hilfe" {
		t.Errorf("the menu word became %q, want the help command", ups[1].Text)
	}
	if !ups[2].Unsupported {
		t.Errorf("an image: %+v", ups[2])
	}
	if ups[3].Button != "a:yes" || ups[4].Button != "d:opperode" {
		t.Errorf("presses: %q %q", ups[3].Button, ups[4].Button)
	}
	w.srv.AssertClean(t)
}

func TestRedeliveredMessageIsHandledOnce(t *testing.T) {
	w := newWorld(t)
	w.start()
	const p = "4915100000003"
	w.say(p, "Hallo")
	before := len(w.srv.To(p))
	status, err := w.srv.Redeliver(context.Background())
	if err != nil || status != http.StatusOK {
		t.Fatalf("redelivery: %d %v", status, err)
	}
	if after := len(w.srv.To(p)); after != before {
		t.Errorf("a redelivered message got %d more replies", after-before)
	}
	w.srv.AssertClean(t)
}

func TestFailedHandlingAsksForRedelivery(t *testing.T) {
	w := newWorld(t)
	rec := &recorder{err: bot.ErrUnreachable}
	w.startWith(rec)
	status, _ := w.srv.Text(context.Background(), "4915100000004", "hi")
	if status != http.StatusInternalServerError {
		t.Errorf("a message whose handling failed was answered %d, want 500 so Meta delivers it again", status)
	}
}

// panicker panics on every update.
type panicker struct{}

func (panicker) Handle(context.Context, bot.Update) error { panic("boom") }

func TestAPanicIsAnErrorNotACrash(t *testing.T) {
	w := newWorld(t)
	w.startWith(panicker{})
	status, err := w.srv.Text(context.Background(), "4915100000005", "hi")
	if err != nil || status != http.StatusInternalServerError {
		t.Errorf("a panicking handler: %d %v, want 500", status, err)
	}
}

func TestUndeliverableStatusMarksThePersonUnreachable(t *testing.T) {
	w := newWorld(t)
	w.start()
	const p = "4915100000006"
	w.say(p, "Hallo")
	w.press(p, "Einverstanden")
	w.srv.Block(p)
	w.say(p, "hilfe")
	u := bot.User{Platform: bot.WhatsApp, ID: p}
	for range 2000 {
		if pr, err := w.store.Profile(context.Background(), u); err == nil && pr.Unreachable {
			return
		}
		sleepMs(1)
	}
	t.Errorf("the person Meta reported undeliverable (131026) is not marked unreachable")
}

func plain(s string) bot.Text { return bot.Text{Blocks: []bot.Block{{Spans: []bot.Span{{Text: s}}}}} }
