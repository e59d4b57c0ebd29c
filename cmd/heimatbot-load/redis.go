package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// usedMemory is INFO memory's used_memory, in bytes.
func usedMemory(ctx context.Context, rdb redis.UniversalClient) (int64, error) {
	info, err := rdb.Info(ctx, "memory").Result()
	if err != nil {
		return 0, fmt.Errorf("redis info: %w", err)
	}
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "used_memory:"); ok {
			return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	return 0, fmt.Errorf("redis info: no used_memory")
}

// communityPatterns match every key of a community: its own keys
// (hb:{C}:…), per-record tags (hb:C:{…}:…) and per-person tags
// (hb:{C:PLATFORM:ID}:…).
func communityPatterns(community string) []string {
	return []string{"hb:{" + community + "}:*", "hb:" + community + ":*", "hb:{" + community + ":*"}
}

// eachKey calls fn with batches of the community's keys, on every master
// of a Cluster as on a single node.
func eachKey(ctx context.Context, rdb redis.UniversalClient, community string, fn func(c redis.Cmdable, keys []string) error) error {
	scan := func(ctx context.Context, c *redis.Client) error {
		for _, pat := range communityPatterns(community) {
			var cursor uint64
			for {
				keys, next, err := c.Scan(ctx, cursor, pat, 1000).Result()
				if err != nil {
					return fmt.Errorf("scan %s: %w", pat, err)
				}
				if len(keys) > 0 {
					if err := fn(c, keys); err != nil {
						return err
					}
				}
				if next == 0 {
					break
				}
				cursor = next
			}
		}
		return nil
	}
	switch c := rdb.(type) {
	case *redis.ClusterClient:
		return c.ForEachMaster(ctx, scan)
	case *redis.Client:
		return scan(ctx, c)
	default:
		return fmt.Errorf("scan keys: unsupported client %T", rdb)
	}
}

// communityUsage counts the community's keys and adds up their MEMORY
// USAGE.
func communityUsage(ctx context.Context, rdb redis.UniversalClient, community string) (keys int, bytes int64, err error) {
	err = eachKey(ctx, rdb, community, func(c redis.Cmdable, batch []string) error {
		cmds := make([]*redis.IntCmd, len(batch))
		_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range batch {
				cmds[i] = p.MemoryUsage(ctx, k)
			}
			return nil
		})
		if err != nil && err != redis.Nil {
			return fmt.Errorf("memory usage: %w", err)
		}
		for _, cmd := range cmds {
			if n, err := cmd.Result(); err == nil {
				keys++
				bytes += n
			}
		}
		return nil
	})
	return keys, bytes, err
}

// removeCommunity deletes every key of the community; it never flushes.
func removeCommunity(ctx context.Context, rdb redis.UniversalClient, community string) (int, error) {
	removed := 0
	err := eachKey(ctx, rdb, community, func(c redis.Cmdable, batch []string) error {
		// Keys of one batch may lie in different slots on a Cluster:
		// one command per key, pipelined.
		cmds := make([]*redis.IntCmd, len(batch))
		_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range batch {
				cmds[i] = p.Unlink(ctx, k)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("remove keys: %w", err)
		}
		for _, cmd := range cmds {
			removed += int(cmd.Val())
		}
		return nil
	})
	return removed, err
}
