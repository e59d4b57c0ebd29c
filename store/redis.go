package store

import (
	"fmt"
	"strings"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Addr says how to reach Redis: a URL for a single node
// (redis://user:pass@host:6379/0 or rediss:// for TLS), or a list of
// addresses for a Cluster, or Sentinels with MasterName.
type Addr struct {
	URL        string
	Addrs      []string
	MasterName string
	Password   string
}

// Open returns a go-redis universal client: a single node, a Sentinel
// failover client (MasterName set) or a Cluster client (several Addrs).
func Open(a Addr) (redis.UniversalClient, error) {
	opt := &redis.UniversalOptions{Addrs: a.Addrs, MasterName: a.MasterName, Password: a.Password}
	if a.URL != "" {
		u, err := redis.ParseURL(a.URL)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", err)
		}
		opt.Addrs = []string{u.Addr}
		opt.DB = u.DB
		opt.Username = u.Username
		if u.Password != "" {
			opt.Password = u.Password
		}
		opt.TLSConfig = u.TLSConfig
	}
	if len(opt.Addrs) == 0 {
		return nil, fmt.Errorf("redis: no address")
	}
	for i, s := range opt.Addrs {
		opt.Addrs[i] = strings.TrimSpace(s)
	}
	return redis.NewUniversalClient(opt), nil
}

// Embedded starts an in-process Redis-compatible server for trying the bot
// without one. Its data is lost when the process ends.
func Embedded() (redis.UniversalClient, func(), error) {
	m, err := miniredis.Run()
	if err != nil {
		return nil, nil, fmt.Errorf("start embedded redis: %w", err)
	}
	c := redis.NewClient(&redis.Options{Addr: m.Addr()})
	return c, func() { _ = c.Close(); m.Close() }, nil
}
