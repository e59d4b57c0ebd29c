package storetest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Traces scans every key of the Redis server and returns the keys whose
// name or value (of any type) contains needle, for tests that prove a
// deletion complete.
func Traces(t testing.TB, rdb redis.UniversalClient, needle string) []string {
	t.Helper()
	ctx := context.Background()
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		var mu sync.Mutex
		var found []string
		// traces runs on the masters' goroutines, where t.Fatal may not
		// be called: errors come back through ForEachMaster.
		err := cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			f, err := traces(c, needle)
			mu.Lock()
			found = append(found, f...)
			mu.Unlock()
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return found
	}
	found, err := traces(rdb, needle)
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func traces(rdb redis.Cmdable, needle string) ([]string, error) {
	ctx := context.Background()
	var found []string
	it := rdb.Scan(ctx, 0, "*", 1000).Iterator()
	for it.Next(ctx) {
		key := it.Val()
		if strings.Contains(key, needle) {
			found = append(found, key)
			continue
		}
		var vals []string
		typ, err := rdb.Type(ctx, key).Result()
		if err != nil {
			continue // expired meanwhile
		}
		switch typ {
		case "string":
			vals = []string{rdb.Get(ctx, key).Val()}
		case "hash":
			for k, v := range rdb.HGetAll(ctx, key).Val() {
				vals = append(vals, k, v)
			}
		case "set":
			vals = rdb.SMembers(ctx, key).Val()
		case "zset":
			vals = rdb.ZRange(ctx, key, 0, -1).Val()
		case "list":
			vals = rdb.LRange(ctx, key, 0, -1).Val()
		case "stream":
			for _, m := range rdb.XRange(ctx, key, "-", "+").Val() {
				for k, v := range m.Values {
					vals = append(vals, k, toString(v))
				}
			}
		}
		for _, v := range vals {
			if strings.Contains(v, needle) {
				found = append(found, key)
				break
			}
		}
	}
	return found, it.Err()
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}
