package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/store/storetest"
)

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp.StatusCode, string(b)
		}
		time.Sleep(20 * time.Millisecond) // the server is starting
	}
	t.Fatalf("no answer from %s", url)
	return 0, ""
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	addr := freeAddr(t)
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	_ = os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\n"), 0o600)
	inR, inW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--config", cfg}, []string{"REDIS_URL=" + storetest.URL(t), "HEIMATBOT_HTTP_ADDR=" + addr}, inR, &out, &errOut)
	}()
	if code, body := get(t, "http://"+addr+"/healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, "http://"+addr+"/readyz"); code != 200 {
		t.Fatalf("/readyz = %d %q", code, body)
	}
	_, _ = io.WriteString(inW, "/start\n")
	settle(t, func() string { _, m := get(t, "http://"+addr+"/metrics"); return m },
		check{`heimatbot_updates_received_total{platform="console"}`, eq(1)},
		check{`heimatbot_updates_handled_total{outcome="ok",platform="console"}`, eq(1)},
		check{`heimatbot_update_duration_seconds_count{platform="console"}`, eq(1)},
		check{`heimatbot_active_conversations`, eq(1)})
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown within the grace period")
	}
}

// While Redis cannot be reached the process is alive but not ready.
func TestNotReadyWithoutRedis(t *testing.T) {
	addr, gone := freeAddr(t), freeAddr(t)
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	_ = os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\n"), 0o600)
	inR, _ := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--config", cfg}, []string{"REDIS_URL=redis://" + gone, "HEIMATBOT_HTTP_ADDR=" + addr}, inR, io.Discard, io.Discard)
	}()
	if code, _ := get(t, "http://"+addr+"/healthz"); code != 200 {
		t.Fatalf("/healthz = %d", code)
	}
	if code, body := get(t, "http://"+addr+"/readyz"); code != 503 || body != "redis: unreachable\n" {
		t.Fatalf("/readyz = %d %q", code, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// With redis.wait_replicas and no replica to confirm, nothing counts as
// handled: the person hears of a technical problem.
func TestWaitingForAReplicaThatIsNotThere(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	_ = os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\n"), 0o600)
	out := &syncBuffer{}
	err := run(context.Background(), []string{"--config", cfg}, []string{"REDIS_URL=" + storetest.URL(t), "REDIS_WAIT_REPLICAS=1"},
		strings.NewReader("/start\n"), out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "technisches Problem") || strings.Contains(out.String(), "einverstanden") {
		t.Fatalf("the console showed:\n%s", out.String())
	}
}
