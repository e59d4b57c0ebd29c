package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestRunPollsTelegramAndAnswersStart(t *testing.T) {
	srv := telegramtest.New(telegramtest.MustLoadSpec(t))
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"REDIS_URL=" + storetest.URL(t),
		"TELEGRAM_TOKEN=" + srv.Token(),
		"TELEGRAM_API_URL=" + srv.URL(),
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--config", cfg}, env, strings.NewReader(""), &out, &errOut) }()

	const chat = 31337
	srv.PushUpdate(srv.CommandMessage(chat, chat, "/start", "", "de"))
	deadline := time.Now().Add(15 * time.Second)
	for len(srv.MessagesTo(chat)) == 0 {
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v\n%s", err, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer to /start\n%s", errOut.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := srv.MessagesTo(chat)[0].Text; !strings.Contains(got, "Bist du einverstanden?") {
		t.Errorf("answer to /start: %q", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v\n%s", err, errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("the console started beside Telegram:\n%s", out.String())
	}
	if strings.Contains(errOut.String(), srv.Token()) {
		t.Error("the log shows the token")
	}
	srv.AssertClean(t)
}
