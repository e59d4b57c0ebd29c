package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/whatsapp/whatsapptest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// startWhatsApp runs a bot process that speaks to the fake Cloud API and
// serves its webhook on its own address, and waits until it is ready.
func startWhatsApp(t *testing.T, name, config, redisURL string, fake *whatsapptest.Server) *replica {
	t.Helper()
	r := &replica{name: name, addr: freeAddr(t), log: filepath.Join(t.TempDir(), name+".log"), exited: make(chan struct{})}
	logFile, err := os.Create(r.log)
	if err != nil {
		t.Fatal(err)
	}
	r.cmd = exec.Command(binary, "--config", config)
	r.cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"WHATSAPP_TOKEN=" + fake.Token(),
		"WHATSAPP_APP_SECRET=" + fake.AppSecret(),
		"WHATSAPP_VERIFY_TOKEN=e2e-verify",
		"HEIMATBOT_HTTP_ADDR=" + r.addr,
		"REDIS_URL=" + redisURL,
	}
	r.cmd.Stdout, r.cmd.Stderr = logFile, logFile
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		r.err = r.cmd.Wait()
		_ = logFile.Close()
		close(r.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-r.exited:
		default:
			_ = r.cmd.Process.Kill()
			<-r.exited
		}
		if t.Failed() {
			b, _ := os.ReadFile(r.log)
			t.Logf("log of %s:\n%s", r.name, lastLines(string(b), 60))
		}
	})
	waitReady(t, r)
	return r
}

// Two bot processes behind one WhatsApp webhook: Meta's redelivery of a
// message, to the other process or to both at the same moment, is handled
// once; the person gets one answer.
func TestWhatsAppReplicasHandleARedeliveryOnce(t *testing.T) {
	fake := whatsapptest.New()
	t.Cleanup(fake.Close)
	redisURL := storetest.URL(t)
	config := filepath.Join(t.TempDir(), "heimatbot.yaml")
	cfg := fmt.Sprintf("community:\n  id: %s\nwhatsapp:\n  phone_number_id: %q\n  api_url: %q\n",
		storetest.Community(t), fake.PhoneNumberID(), fake.URL())
	if err := os.WriteFile(config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	a := startWhatsApp(t, "a", config, redisURL, fake)
	b := startWhatsApp(t, "b", config, redisURL, fake)
	hook := func(r *replica) string { return "http://" + r.addr + "/whatsapp/webhook" }
	fake.SetWebhook(hook(a))
	ctx := context.Background()

	const p = "4915100000777"
	if status, err := fake.Text(ctx, p, "hilfe"); err != nil || status != http.StatusOK {
		t.Fatalf("webhook to a: %d %v", status, err)
	}
	if n := len(fake.To(p)); n != 1 {
		t.Fatalf("the first delivery got %d answers, want 1:\n%v", n, fake.To(p))
	}
	if status, err := fake.RedeliverTo(ctx, hook(b)); err != nil || status != http.StatusOK {
		t.Fatalf("redelivery to b: %d %v", status, err)
	}
	// A new message, delivered to both processes at the same moment.
	fake.SetWebhook(hook(b))
	if status, err := fake.Text(ctx, p, "termine"); err != nil || status != http.StatusOK {
		t.Fatalf("webhook to b: %d %v", status, err)
	}
	var wg sync.WaitGroup
	for _, r := range []*replica{a, b} {
		wg.Go(func() {
			if status, err := fake.RedeliverTo(ctx, hook(r)); err != nil || status != http.StatusOK {
				t.Errorf("redelivery to %s: %d %v", r.name, status, err)
			}
		})
	}
	wg.Wait()
	if n := len(fake.To(p)); n != 2 {
		t.Errorf("two messages, each delivered again, got %d answers, want 2:\n%v", n, fake.To(p))
	}
	fake.AssertClean(t)
}
