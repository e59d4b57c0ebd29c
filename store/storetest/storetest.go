// Package storetest gives tests a real Redis and a key space of their own.
//
// With REDIS_URL set it connects there. Otherwise it starts redis-server
// from PATH on a free port for the test binary, and only where there is
// none falls back to the embedded server, saying so; under CI (CI=true)
// that fallback is an error, so CI always tests against real Redis. Tests
// never flush a shared server: each gets its own community id, which every
// key carries.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/store"
)

var (
	once  sync.Once
	url   string
	fatal string
)

// URL returns the address of the Redis server the tests use, starting one
// if needed.
func URL(t testing.TB) string {
	t.Helper()
	once.Do(setup)
	if fatal != "" {
		t.Fatal(fatal)
	}
	return url
}

// Client returns a client of the test Redis, closed when the test ends.
func Client(t testing.TB) redis.UniversalClient {
	t.Helper()
	return Single(t).Client(t)
}

// Community returns a fresh community id, so the test's keys are its own;
// they are removed from the test server and the test Cluster when the
// test ends, so the shared servers do not fill up with old tests' data.
func Community(t testing.TB) string {
	return newCommunity(t, func() []Backend { return []Backend{Single(t), clusterEnv.backend()} })
}

// Community is Community for a test on the backend alone (the Sentinel
// setup), whose keys are removed from it.
func (b Backend) Community(t testing.TB) string {
	if b.Name != sentinelEnv.name {
		return Community(t)
	}
	return newCommunity(t, func() []Backend { return []Backend{b} })
}

func newCommunity(t testing.TB, on func() []Backend) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	id := "t" + hex.EncodeToString(b)
	t.Cleanup(func() { removeCommunity(t, id, on) })
	return id
}

// removeCommunity unlinks every key of a test community, in each of the
// store's key forms: hb:{C}:…, hb:C:{TAG}:… and hb:{C:PERSON}:…, on the
// backends named (those without a name are not configured).
func removeCommunity(t testing.TB, id string, on func() []Backend) {
	once.Do(setup)
	if fatal != "" {
		return
	}
	for _, b := range on() {
		if b.Name == "" {
			continue
		}
		rdb, err := store.Open(b.Addr)
		if err != nil {
			continue
		}
		if err := unlinkCommunity(context.Background(), rdb, id); err != nil {
			t.Logf("storetest: removing the keys of %s: %v", id, err)
		}
		_ = rdb.Close()
	}
}

func unlinkCommunity(ctx context.Context, rdb redis.UniversalClient, id string) error {
	clean := func(ctx context.Context, c *redis.Client) error {
		for _, pattern := range []string{"hb:{" + id + "}:*", "hb:" + id + ":*", "hb:{" + id + ":*"} {
			// Single-key UNLINKs in a pipeline: on a Cluster node the keys
			// of one batch may live in different slots.
			pipe := c.Pipeline()
			it := c.Scan(ctx, 0, pattern, 1000).Iterator()
			for it.Next(ctx) {
				pipe.Unlink(ctx, it.Val())
				if pipe.Len() == 500 {
					_, _ = pipe.Exec(ctx)
				}
			}
			if pipe.Len() > 0 {
				_, _ = pipe.Exec(ctx)
			}
			if err := it.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, clean)
	}
	if c, ok := rdb.(*redis.Client); ok {
		return clean(ctx, c)
	}
	return nil
}

// New returns a store on the test Redis in a fresh community.
func New(t testing.TB) *store.Store {
	return Single(t).New(t)
}

func setup() {
	if u := os.Getenv("REDIS_URL"); u != "" {
		url = u
		return
	}
	if path, err := exec.LookPath("redis-server"); err == nil {
		if u, err := startServer(path); err == nil {
			url = u
			return
		} else {
			fmt.Fprintln(os.Stderr, "storetest: could not start redis-server:", err)
		}
	}
	if os.Getenv("CI") != "" {
		fatal = "storetest: no REDIS_URL and no redis-server under CI; the embedded fallback is not allowed there"
		return
	}
	m, err := miniredis.Run()
	if err != nil {
		fatal = "storetest: " + err.Error()
		return
	}
	fmt.Fprintln(os.Stderr, "storetest: no REDIS_URL and no redis-server: falling back to the embedded server (miniredis)")
	url = "redis://" + m.Addr()
}

// startServer runs a private redis-server for this test binary; the kernel
// stops it when the test binary exits (parent-death signal). It keeps
// nothing on disk and logs nowhere, so no folder is left behind however
// the test binary ends.
func startServer(path string) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	cmd := exec.Command(path, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", os.TempDir(), "--logfile", "")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	go func() { _ = cmd.Wait() }()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			_ = c.Close()
			return "redis://" + addr, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	return "", fmt.Errorf("redis-server on %s did not answer", addr)
}
