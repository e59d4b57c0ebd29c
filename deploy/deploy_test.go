// Package deploy holds the deployment files' tests: what Docker and
// compose would do with them, shown with what runs without Docker.
package deploy

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// read reads a file of the repository root.
func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A missing heimatbot.yaml stops compose with "bind source path does not
// exist"; the short volume syntax would mount an empty directory in its
// place and the bot would fail to read it on every restart.
func TestComposeRefusesAMissingConfigFile(t *testing.T) {
	for _, file := range []string{"docker-compose.yml", "docker-compose.replicas.yml"} {
		var doc map[string]any
		if err := yaml.Unmarshal(read(t, file), &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		mounts := 0
		services, _ := doc["services"].(map[string]any)
		for name, s := range services {
			vols, _ := s.(map[string]any)["volumes"].([]any)
			for _, v := range vols {
				if str, ok := v.(string); ok {
					if strings.Contains(str, "heimatbot.yaml") {
						t.Errorf("%s: service %s mounts %q: a missing file becomes a directory", file, name, str)
					}
					continue
				}
				m := v.(map[string]any)
				if m["target"] != "/heimatbot.yaml" {
					continue
				}
				mounts++
				bind, _ := m["bind"].(map[string]any)
				if m["type"] != "bind" || bind["create_host_path"] != false {
					t.Errorf("%s: service %s: the config mount needs bind.create_host_path: false, got %v", file, name, m)
				}
			}
		}
		if mounts == 0 {
			t.Errorf("%s: no service mounts /heimatbot.yaml", file)
		}
	}
}

// The build context leaves out history, secrets, local configuration and
// build output.
func TestDockerignoreKeepsSecretsOut(t *testing.T) {
	patterns := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(string(read(t, ".dockerignore"))))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			patterns[l] = true
		}
	}
	for _, want := range []string{".git", ".env", "heimatbot.yaml", "/heimatbot", "*.test"} {
		if !patterns[want] {
			t.Errorf(".dockerignore lacks %q", want)
		}
	}
}

// The image's HEALTHCHECK runs the binary itself (distroless has no curl):
// healthy while /healthz answers on the configured address, unhealthy when
// nothing answers.
func TestDockerHealthcheckRunsTheBinary(t *testing.T) {
	var args []string
	for _, l := range strings.Split(string(read(t, "Dockerfile")), "\n") {
		if !strings.HasPrefix(l, "HEALTHCHECK ") {
			continue
		}
		_, cmd, ok := strings.Cut(l, " CMD ")
		if !ok || json.Unmarshal([]byte(cmd), &args) != nil {
			t.Fatalf("HEALTHCHECK %q is not in exec form (distroless has no shell)", l)
		}
	}
	if len(args) < 2 || args[0] != "/heimatbot" {
		t.Fatalf("HEALTHCHECK runs %q, want the image's /heimatbot", args)
	}
	bin := filepath.Join(t.TempDir(), "heimatbot")
	build := exec.Command("go", "build", "-o", bin, "../cmd/heimatbot")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	healthz := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	}))
	defer healthz.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct {
		addr    string
		healthy bool
	}{{healthz.Listener.Addr().String(), true}, {closed, false}} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, bin, args[1:]...)
		cmd.Dir = t.TempDir() // no heimatbot.yaml here, as in the image's /
		cmd.Env = []string{"HEIMATBOT_HTTP_ADDR=" + tc.addr, "PATH=" + os.Getenv("PATH")}
		out, err := cmd.CombinedOutput()
		cancel()
		if (err == nil) != tc.healthy {
			t.Errorf("healthcheck on %s: %v, want healthy %v\n%s", tc.addr, err, tc.healthy, out)
		}
	}
}
