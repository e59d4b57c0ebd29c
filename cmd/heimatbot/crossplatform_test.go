package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// crossBound fails a step that hangs; it is no goal.
const crossBound = 10 * time.Second

// crossWorld is one heimatbot process, started with run as in production,
// on a fake Telegram (long polling) and a fake Mattermost whose buttons
// call back to the bot's own HTTP server.
type crossWorld struct {
	t     *testing.T
	tg    *telegramtest.Server
	mm    *mattermosttest.Server
	store *store.Store
	log   *syncBuffer
}

func TestOpinionFromTelegramApprovedOnMattermostVotedOnTelegram(t *testing.T) {
	w := startCrossWorld(t)
	const anna, bert = 7001, 7002 // residents on Telegram
	olga := w.mm.AddUser("olga")  // an organizer on Mattermost
	w.mm.AddMember(w.mm.Orga(), olga)
	const text = "Wir brauchen einen Jugendclub, der abends offen hat."

	// Anna and Bert onboard on Telegram at the same time; then Anna
	// writes an opinion.
	w.onboard(anna, bert)
	w.say(anna, "/meinung")
	w.expect(anna, "Zu welchem Thema", "[Jugend]")
	w.press(anna, "Jugend")
	w.expect(anna, "Um welchen Ortsteil", "[✓ Badeborn]")
	w.press(anna, "✓ Badeborn")
	w.expect(anna, "Schreib deine Meinung", "10 bis 500 Zeichen")
	w.say(anna, text)
	w.expect(anna, "nächster, realistischer Schritt", "[Überspringen]")
	w.press(anna, "Überspringen")
	w.expect(anna, "So sieht deine Meinung aus", text, "[Absenden]")
	w.press(anna, "Absenden")
	w.expect(anna, "Danke! Jemand aus dem Orga-Team schaut kurz drüber")

	// The organizer channel on Mattermost gets it with buttons; Olga
	// approves it there.
	notice, approve := w.button(w.mm.Orga().Id, "Freigeben", text)
	for _, want := range []string{"Neue Meinung", "Jugend · Badeborn"} {
		if !strings.Contains(notice.Message, want) {
			t.Errorf("%q missing from the organizer notice:\n%s", want, notice.Message)
		}
	}
	if strings.Contains(notice.Message, strconv.Itoa(anna)) {
		t.Errorf("the organizer notice names the author:\n%s", notice.Message)
	}
	if _, ok := actionNamed(notice, "Ablehnen"); !ok {
		t.Errorf("the organizer notice has no [Ablehnen]")
	}
	resp, err := w.mm.DoAction(context.Background(), "", notice, approve.Id, olga)
	if err != nil {
		t.Fatal(err)
	}
	if resp.EphemeralText != "" {
		t.Fatalf("pressing Freigeben answered %q", resp.EphemeralText)
	}
	w.expect(anna, "ist freigegeben", text)
	w.waitPost(w.mm.Orga().Id, "Freigegeben. Die Meinung ist jetzt für alle sichtbar.")

	ops, err := w.store.ApprovedOpinions(context.Background())
	if err != nil || len(ops) != 1 || ops[0].Text != text {
		t.Fatalf("approved opinions = %+v, %v", ops, err)
	}
	if ops[0].Ref != w.profile(anna).Ref {
		t.Fatalf("the approved opinion is not linked to Anna's reference")
	}

	// Bert gets it in /stimmen and agrees; Anna, asking at the same time,
	// is never shown her own opinion.
	w.say(bert, "/stimmen")
	w.say(anna, "/stimmen")
	w.expect(bert, text, "[Stimme zu]", "[Sehe ich anders]", "[Weiß nicht]")
	w.press(bert, "Stimme zu")
	w.expect(bert, "keine neuen Meinungen")

	var votes []store.Vote
	if err := w.store.EachVote(context.Background(), func(v store.Vote) error {
		votes = append(votes, v)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	bertRef := w.profile(bert).Ref
	if len(votes) != 1 || votes[0].Statement != ops[0].ID || votes[0].Voter != bertRef || votes[0].Value != +1 {
		t.Fatalf("votes = %+v, want Bert's (%s) +1 on %s", votes, bertRef, ops[0].ID)
	}

	w.expect(anna, "keine neuen Meinungen")
	for _, m := range w.tg.MessagesTo(anna) {
		if hasButton(m, "Stimme zu") { // her own is the only statement
			t.Fatalf("Anna was asked to vote on her own opinion:\n%s", chatTranscript(w.tg.MessagesTo(anna)))
		}
	}
}

// startCrossWorld starts the fakes and heimatbot on both, and waits until
// /readyz says both adapters are connected. The process ends with the test,
// which then checks that neither fake saw a request the real service
// would refuse.
func startCrossWorld(t *testing.T) *crossWorld {
	t.Helper()
	tg := telegramtest.New(telegramtest.MustLoadSpec(t))
	mm := mattermosttest.New()
	community := storetest.Community(t)
	w := &crossWorld{
		t: t, tg: tg, mm: mm, log: &syncBuffer{},
		store: store.New(storetest.Client(t), community, store.Options{}),
	}
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+community+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	env := []string{
		"REDIS_URL=" + storetest.URL(t),
		"HEIMATBOT_HTTP_ADDR=" + addr,
		"TELEGRAM_TOKEN=" + tg.Token(), "TELEGRAM_API_URL=" + tg.URL(),
		"MATTERMOST_URL=" + mm.URL(), "MATTERMOST_TOKEN=" + mm.Token(),
		"MATTERMOST_TEAM=" + mattermosttest.TeamName, "MATTERMOST_ORGANIZER_CHANNEL=" + mattermosttest.OrgaName,
		"MATTERMOST_ACTIONS_URL=http://" + addr, "MATTERMOST_ACTIONS_SECRET=cross-secret-" + community,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() { done <- run(ctx, []string{"--config", cfg}, env, strings.NewReader(""), &out, w.log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v\n%s", err, w.log.String())
			}
		case <-time.After(crossBound):
			t.Errorf("no shutdown within %s", crossBound)
		}
		if out.Len() != 0 {
			t.Errorf("the console started beside Telegram and Mattermost:\n%s", out.String())
		}
		tg.Close()
		mm.Close()
		tg.AssertClean(t)
		for _, v := range mm.Violations() {
			t.Errorf("mattermosttest: %s", v)
		}
	})

	deadline := time.Now().Add(crossBound)
	for {
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v\n%s", err, w.log.String())
		default:
		}
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return w
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready within %s\n%s", crossBound, w.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// onboard walks Telegram residents through the first conversation side by
// side, each step for all of them before the next.
func (w *crossWorld) onboard(chats ...int64) {
	w.t.Helper()
	steps := []struct {
		do     string // a command, or the label of the button to press
		expect []string
	}{
		{"/start", []string{"Bist du einverstanden?", "[Einverstanden]"}},
		{"Einverstanden", []string{"In welchem Ortsteil", "[Badeborn]"}},
		{"Badeborn", []string{"Was möchtest du tun?"}},
	}
	for _, s := range steps {
		for _, c := range chats {
			if strings.HasPrefix(s.do, "/") {
				w.say(c, s.do)
			} else {
				w.press(c, s.do)
			}
		}
		for _, c := range chats {
			w.expect(c, s.expect...)
		}
	}
}

// say writes text (a command when it starts with "/") in a private chat.
func (w *crossWorld) say(chat int64, text string) {
	if strings.HasPrefix(text, "/") {
		cmd, args, _ := strings.Cut(text, " ")
		w.tg.PushUpdate(w.tg.CommandMessage(chat, chat, cmd, args, "de"))
		return
	}
	w.tg.PushUpdate(w.tg.TextMessage(chat, chat, text, "de"))
}

// press presses the button labelled label under the bot's latest message
// in the chat that has it.
func (w *crossWorld) press(chat int64, label string) {
	w.t.Helper()
	u, ok := w.tg.Press(chat, chat, label)
	if !ok {
		w.t.Fatalf("no button %q in chat %d:\n%s", label, chat, chatTranscript(w.tg.MessagesTo(chat)))
	}
	w.tg.PushUpdate(u)
}

// expect waits until the bot's latest message in the chat, with its
// buttons, contains every part.
func (w *crossWorld) expect(chat int64, parts ...string) {
	w.t.Helper()
	deadline := time.Now().Add(crossBound)
	for {
		msgs := w.tg.MessagesTo(chat)
		if len(msgs) > 0 && containsAll(msgs[len(msgs)-1].Shown(), parts) {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("%q not in the bot's latest message to %d within %s; chat:\n%s\nlog:\n%s",
				parts, chat, crossBound, chatTranscript(msgs), w.log.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// button waits for the bot's post in a Mattermost channel that contains
// text and has a button labelled label.
func (w *crossWorld) button(channelID, label, text string) (*model.Post, *model.PostAction) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), crossBound)
	defer cancel()
	p, err := w.mm.WaitPost(ctx, channelID, func(p *model.Post) bool {
		_, ok := actionNamed(p, label)
		return ok && strings.Contains(p.Message, text)
	})
	if err != nil {
		w.t.Fatalf("no post with %q and [%s]: %v\n%s", text, label, err, postTranscript(w.mm.PostsIn(channelID)))
	}
	a, _ := actionNamed(p, label)
	return p, a
}

// waitPost waits for a bot post in a Mattermost channel that contains text.
func (w *crossWorld) waitPost(channelID, text string) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), crossBound)
	defer cancel()
	if _, err := w.mm.WaitPost(ctx, channelID, func(p *model.Post) bool { return strings.Contains(p.Message, text) }); err != nil {
		w.t.Fatalf("no post with %q: %v\n%s", text, err, postTranscript(w.mm.PostsIn(channelID)))
	}
}

// profile reads a Telegram resident's stored profile.
func (w *crossWorld) profile(chat int64) *bot.Profile {
	w.t.Helper()
	p, err := w.store.Profile(context.Background(), bot.User{Platform: bot.Telegram, ID: strconv.FormatInt(chat, 10)})
	if err != nil || p == nil || p.Ref == "" {
		w.t.Fatalf("profile of %d = %+v, %v", chat, p, err)
	}
	return p
}

func actionNamed(p *model.Post, label string) (*model.PostAction, bool) {
	for _, a := range p.Attachments() {
		for _, act := range a.Actions {
			if act.Name == label {
				return act, true
			}
		}
	}
	return nil, false
}

func hasButton(m telegramtest.Message, label string) bool {
	_, ok := m.Button(label)
	return ok
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func chatTranscript(msgs []telegramtest.Message) string {
	var sb strings.Builder
	for _, m := range msgs {
		sb.WriteString(m.Shown() + "\n---\n")
	}
	return sb.String()
}

func postTranscript(posts []*model.Post) string {
	var sb strings.Builder
	for _, p := range posts {
		sb.WriteString(p.Message + "\n---\n")
	}
	return sb.String()
}

// syncBuffer is the process's log, written by its goroutines while the
// test reads it for failure messages.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
