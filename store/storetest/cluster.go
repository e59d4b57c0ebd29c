package storetest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/store"
)

// ClusterAddrs returns the nodes of the test Redis Cluster from
// REDIS_CLUSTER_ADDRS (.ci/redis-cluster starts one). Without it the test
// is skipped, except under CI, where that is an error.
func ClusterAddrs(t testing.TB) []string {
	t.Helper()
	v := os.Getenv("REDIS_CLUSTER_ADDRS")
	if v == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("REDIS_CLUSTER_ADDRS is not set under CI: .ci/run starts a cluster for the store's tests")
		}
		t.Skip("REDIS_CLUSTER_ADDRS not set; run .ci/redis-cluster to test against a Redis Cluster")
	}
	return strings.Split(v, ",")
}

// ClusterClient returns a client of the test Redis Cluster.
func ClusterClient(t testing.TB) *redis.ClusterClient {
	t.Helper()
	rdb, err := store.Open(store.Addr{Addrs: ClusterAddrs(t)})
	if err != nil {
		t.Fatal(err)
	}
	cc, ok := rdb.(*redis.ClusterClient)
	if !ok {
		t.Fatalf("store.Open gave %T for several addresses, want a cluster client", rdb)
	}
	t.Cleanup(func() { _ = cc.Close() })
	if err := cc.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis cluster: %v", err)
	}
	return cc
}

// Backends returns the Redis setups the store's tests run on: the single
// server, and the Cluster where one is available.
func Backends(t *testing.T) map[string]func(t testing.TB) redis.UniversalClient {
	b := map[string]func(t testing.TB) redis.UniversalClient{
		"single": func(t testing.TB) redis.UniversalClient { return Client(t) },
	}
	if os.Getenv("REDIS_CLUSTER_ADDRS") != "" || os.Getenv("CI") != "" {
		b["cluster"] = func(t testing.TB) redis.UniversalClient { return ClusterClient(t) }
	}
	return b
}
