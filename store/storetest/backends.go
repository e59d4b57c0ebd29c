package storetest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/store"
)

// A Backend is one way of running Redis that the store supports: a single
// server, a Cluster, or a master with a replica behind Sentinels.
type Backend struct {
	Name string
	Addr store.Addr
}

// Client returns a new client of the backend, closed when the test ends.
func (b Backend) Client(t testing.TB) redis.UniversalClient {
	t.Helper()
	rdb, err := store.Open(b.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis (%s): %v", b.Name, err)
	}
	return rdb
}

// New returns a store on the backend in a fresh community.
func (b Backend) New(t testing.TB) *store.Store {
	return store.New(b.Client(t), b.Community(t), store.Options{})
}

// Each runs f as a subtest on the single test server and on the test
// Cluster, the two shapes of Redis the store's code tells apart.
func Each(t *testing.T, f func(t *testing.T, b Backend)) {
	t.Helper()
	for _, b := range []Backend{Single(t), cluster(t)} {
		if b.Name != "" {
			t.Run(b.Name, func(t *testing.T) { f(t, b) })
		}
	}
}

// The setups .ci/run starts besides the single server: a Redis Cluster
// (.ci/redis-cluster) and a master with a replica behind three Sentinels
// (.ci/redis-sentinel). A test without them is skipped, except under CI.
var (
	clusterEnv  = setupEnv{name: "cluster", env: "REDIS_CLUSTER_ADDRS", script: ".ci/redis-cluster"}
	sentinelEnv = setupEnv{name: "sentinel", env: "REDIS_SENTINEL_ADDRS", script: ".ci/redis-sentinel", master: SentinelMaster}
)

// SentinelMaster is the name under which .ci/redis-sentinel's Sentinels
// watch their master.
const SentinelMaster = "heimatbot"

type setupEnv struct{ name, env, script, master string }

// backend is the setup as the environment gives it; no Name if it does not.
func (e setupEnv) backend() Backend {
	v := os.Getenv(e.env)
	if v == "" {
		return Backend{}
	}
	return Backend{Name: e.name, Addr: store.Addr{Addrs: strings.Split(v, ","), MasterName: e.master}}
}

func (e setupEnv) require(t testing.TB) Backend {
	t.Helper()
	b := e.backend()
	if b.Name == "" && os.Getenv("CI") != "" {
		t.Fatalf("%s is not set under CI: .ci/run starts %s", e.env, e.script)
	}
	return b
}

func cluster(t testing.TB) Backend { return clusterEnv.require(t) }

// ClusterClient returns a client of the test Redis Cluster.
func ClusterClient(t testing.TB) *redis.ClusterClient {
	t.Helper()
	b := cluster(t)
	if b.Name == "" {
		t.Skipf("%s not set; run %s to test against a Redis Cluster", clusterEnv.env, clusterEnv.script)
	}
	cc, ok := b.Client(t).(*redis.ClusterClient)
	if !ok {
		t.Fatal("store.Open gave no cluster client for several addresses")
	}
	return cc
}

// Sentinel returns the test Sentinel setup. Its failover tests have it to
// themselves: no other test uses it, so none sees the failover.
func Sentinel(t testing.TB) Backend {
	t.Helper()
	b := sentinelEnv.require(t)
	if b.Name == "" {
		t.Skipf("%s not set; run %s to test against Redis Sentinel", sentinelEnv.env, sentinelEnv.script)
	}
	return b
}

// Single returns the single test server.
func Single(t testing.TB) Backend {
	t.Helper()
	return Backend{Name: "single", Addr: store.Addr{URL: URL(t)}}
}
