package main

import (
	"fmt"
	"io"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
)

// openRedis connects to the configured Redis, or starts the embedded store
// and says that its data is lost on exit.
func openRedis(r config.Redis, stderr io.Writer) (redis.UniversalClient, func(), error) {
	if r.URL == "" && len(r.Addrs) == 0 {
		rdb, stop, err := store.Embedded()
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintln(stderr, "No REDIS_URL: using an embedded store. Its data is lost when heimatbot exits.")
		return rdb, stop, nil
	}
	rdb, err := store.Open(store.Addr{URL: r.URL, Addrs: r.Addrs, MasterName: r.MasterName, Password: r.Password})
	if err != nil {
		return nil, nil, err
	}
	return rdb, func() { _ = rdb.Close() }, nil
}
