package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisStats are the figures of INFO the report uses.
type redisStats struct {
	usedMemory int64         // bytes
	cpu        time.Duration // used_cpu_user + used_cpu_sys
}

func readRedisStats(ctx context.Context, rdb redis.UniversalClient) (redisStats, error) {
	info, err := rdb.Info(ctx, "memory", "cpu").Result()
	if err != nil {
		return redisStats{}, fmt.Errorf("redis info: %w", err)
	}
	var st redisStats
	found := false
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if !ok {
			continue
		}
		switch k {
		case "used_memory":
			st.usedMemory, err = strconv.ParseInt(v, 10, 64)
			found = err == nil
		case "used_cpu_user", "used_cpu_sys":
			if s, err := strconv.ParseFloat(v, 64); err == nil {
				st.cpu += time.Duration(s * float64(time.Second))
			}
		}
	}
	if !found {
		return st, fmt.Errorf("redis info: no used_memory")
	}
	return st, nil
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

// usage is what the community's keys hold: how many, and their MEMORY
// USAGE in bytes, split into keys that stay and keys with an expiry (the
// conversation state, and the markers of handled updates that recognise a
// redelivery for 24 h).
type usage struct {
	keys            int
	bytes, expiring int64
	byKind          map[string]int64 // MEMORY USAGE by keyKind
}

func communityUsage(ctx context.Context, rdb redis.UniversalClient, community string) (usage, error) {
	u := usage{byKind: map[string]int64{}}
	err := eachKey(ctx, rdb, community, func(c redis.Cmdable, batch []string) error {
		mem := make([]*redis.IntCmd, len(batch))
		ttl := make([]*redis.DurationCmd, len(batch))
		_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range batch {
				mem[i] = p.MemoryUsage(ctx, k)
				ttl[i] = p.PTTL(ctx, k)
			}
			return nil
		})
		if err != nil && err != redis.Nil {
			return fmt.Errorf("memory usage: %w", err)
		}
		for i := range batch {
			n, err := mem[i].Result()
			if err != nil {
				continue // gone meanwhile
			}
			u.keys++
			u.bytes += n
			u.byKind[keyKind(batch[i], community)] += n
			if ttl[i].Val() > 0 {
				u.expiring += n
			}
		}
		return nil
	})
	return u, err
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

// keyKind names the kind of a community key for the memory breakdown: the
// community becomes C, a person's tag P, and parts that vary per record
// (ids, references, user ids) a star, so hb:{C:telegram:42}:conv is
// "P:conv" and hb:{C}:op:4f2a:text is "op:*:text".
func keyKind(key, community string) string {
	rest := strings.TrimPrefix(key, "hb:")
	switch {
	case strings.HasPrefix(rest, "{"+community+"}:"):
		rest = strings.TrimPrefix(rest, "{"+community+"}:")
	case strings.HasPrefix(rest, "{"+community+":"):
		_, after, _ := strings.Cut(rest, "}:")
		rest = "P:" + after
	default:
		rest = strings.TrimPrefix(rest, community+":")
	}
	parts := strings.Split(rest, ":")
	for i, p := range parts {
		if i > 0 && varies(strings.Trim(p, "{}")) {
			parts[i] = strings.Replace(p, strings.Trim(p, "{}"), "*", 1)
		}
	}
	return strings.Join(parts, ":")
}

// varies tells a record's id or reference from a fixed key part: it holds
// a digit.
func varies(part string) bool {
	return strings.ContainsAny(part, "0123456789")
}

// removeExpiring deletes the community's keys that would expire within a
// day, as expiry would: DEL, not UNLINK, so their memory is free when it
// returns.
func removeExpiring(ctx context.Context, rdb redis.UniversalClient, community string) (int, error) {
	removed := 0
	err := eachKey(ctx, rdb, community, func(c redis.Cmdable, batch []string) error {
		ttl := make([]*redis.DurationCmd, len(batch))
		if _, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range batch {
				ttl[i] = p.PTTL(ctx, k)
			}
			return nil
		}); err != nil {
			return fmt.Errorf("read expiries: %w", err)
		}
		_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range batch {
				if d := ttl[i].Val(); d > 0 && d <= 24*time.Hour {
					p.Del(ctx, k)
					removed++
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("remove expiring keys: %w", err)
		}
		return nil
	})
	return removed, err
}
