package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// pollingBot is a heimatbot process started with run as in production,
// polling the fake Bot API.
type pollingBot struct {
	t    *testing.T
	srv  *telegramtest.Server
	out  bytes.Buffer
	log  *syncBuffer
	stop context.CancelFunc
	done chan error
}

func startPolling(t *testing.T, srv *telegramtest.Server, env ...string) *pollingBot {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env = append(env,
		"REDIS_URL="+storetest.URL(t),
		"TELEGRAM_TOKEN="+srv.Token(),
		"TELEGRAM_API_URL="+srv.URL(),
	)
	ctx, cancel := context.WithCancel(context.Background())
	b := &pollingBot{t: t, srv: srv, log: &syncBuffer{}, stop: cancel, done: make(chan error, 1)}
	go func() { b.done <- run(ctx, []string{"--config", cfg}, env, strings.NewReader(""), &b.out, b.log) }()
	t.Cleanup(cancel)
	return b
}

// waitFor waits until chat has n messages.
func (b *pollingBot) waitFor(chat int64, n int) {
	b.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for len(b.srv.MessagesTo(chat)) < n {
		select {
		case err := <-b.done:
			b.t.Fatalf("run ended early: %v\n%s", err, b.log.String())
		default:
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("chat %d has %d messages, want %d\n%s", chat, len(b.srv.MessagesTo(chat)), n, b.log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// shutdown stops the process and waits for it.
func (b *pollingBot) shutdown() {
	b.t.Helper()
	b.stop()
	if err := <-b.done; err != nil {
		b.t.Errorf("run: %v\n%s", err, b.log.String())
	}
}

func TestRunPollsTelegramAndAnswersStart(t *testing.T) {
	srv := telegramtest.New(telegramtest.MustLoadSpec(t))
	defer srv.Close()
	b := startPolling(t, srv)

	const chat = 31337
	srv.PushUpdate(srv.CommandMessage(chat, chat, "/start", "", "de"))
	b.waitFor(chat, 1)
	if got := srv.MessagesTo(chat)[0].Text; !strings.Contains(got, "Bist du einverstanden?") {
		t.Errorf("answer to /start: %q", got)
	}
	b.shutdown()
	if b.out.Len() != 0 {
		t.Errorf("the console started beside Telegram:\n%s", b.out.String())
	}
	if strings.Contains(b.log.String(), srv.Token()) {
		t.Error("the log shows the token")
	}
	srv.AssertClean(t)
}

// With log.format json every line is a JSON object; each handled update
// gives one line with platform, chat, flow, step, latency and outcome,
// and neither the token nor what the person wrote appears.
func TestLogsOneJSONLinePerUpdateWithoutTheText(t *testing.T) {
	srv := telegramtest.New(telegramtest.MustLoadSpec(t))
	defer srv.Close()
	b := startPolling(t, srv, "HEIMATBOT_LOG_FORMAT=json", "HEIMATBOT_LOG_LEVEL=info")

	const chat, secret = 4711, "Mein Geheimnis: Ich wohne am Schlossplatz 3"
	srv.PushUpdate(srv.CommandMessage(chat, chat, "/start", "", "de"))
	b.waitFor(chat, 1)
	srv.PushUpdate(srv.TextMessage(chat, chat, secret, "de"))
	b.waitFor(chat, 2)
	b.shutdown()

	logged := b.log.String()
	for _, leak := range []string{secret, "Schlossplatz", srv.Token()} {
		if strings.Contains(logged, leak) {
			t.Errorf("the log shows %q:\n%s", leak, logged)
		}
	}
	var updates []map[string]any
	for line := range strings.Lines(logged) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if rec["msg"] == "update" {
			updates = append(updates, rec)
		}
	}
	if len(updates) != 2 {
		t.Fatalf("%d update lines for 2 updates:\n%s", len(updates), logged)
	}
	for _, rec := range updates {
		for _, key := range []string{"platform", "chat", "flow", "step", "latency", "outcome"} {
			if _, ok := rec[key]; !ok {
				t.Errorf("update line without %s: %v", key, rec)
			}
		}
		if rec["platform"] != "telegram" || rec["chat"] != "4711" || rec["outcome"] != "ok" || rec["level"] != "INFO" {
			t.Errorf("update line %v", rec)
		}
	}
}

// /readyz says whether Telegram can reach the bot: 503 with the reason
// while getUpdates fails, 200 as soon as Telegram answers again, without
// waiting for an update to end a long poll.
func TestReadinessFollowsTelegram(t *testing.T) {
	srv := telegramtest.New(telegramtest.MustLoadSpec(t))
	defer srv.Close()
	srv.FailNext("getUpdates", 3, http.StatusBadGateway, 0)
	addr := freeAddr(t)
	b := startPolling(t, srv, "HEIMATBOT_HTTP_ADDR="+addr)

	var failing bool
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := get(t, "http://"+addr+"/readyz")
		if code == http.StatusServiceUnavailable && strings.HasPrefix(body, "telegram: get updates") {
			failing = true
		}
		if code == http.StatusOK && failing {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz = %d %q (getUpdates failure seen: %v)\n%s", code, body, failing, b.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	const chat = 5150
	srv.PushUpdate(srv.CommandMessage(chat, chat, "/start", "", "de"))
	b.waitFor(chat, 1)
	b.shutdown()
}
