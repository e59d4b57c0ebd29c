package app

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// Every failed Redis round trip of the wired app counts, and none of the
// answers the store expects.
func TestRedisErrorsCountFailuresNotAnswers(t *testing.T) {
	cfg := testConfig(storetest.Community(t))
	rdb := storetest.Client(t)
	a, err := New(cfg, rdb, slog.New(slog.DiscardHandler), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	other := storetest.Client(t)
	key := a.Store.Key("metrics-test")
	u := bot.User{Platform: bot.Telegram, ID: "1"}
	for _, tc := range []struct {
		name string
		do   func(ctx context.Context) error
		want float64
	}{
		{"a missing key", func(ctx context.Context) error { return nilOnly(rdb.Get(ctx, key+":none").Err()) }, 0},
		{"a pipeline of missing keys", func(ctx context.Context) error {
			_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Get(ctx, key+":none")
				p.HGet(ctx, key+":none", "f")
				return nil
			})
			return nilOnly(err)
		}, 0},
		{"a lock another update holds", func(ctx context.Context) error {
			if _, err := a.Store.Load(ctx, u, "first"); err != nil {
				return err
			}
			if _, err := a.Store.Load(ctx, u, "second"); !errors.Is(err, bot.ErrBusy) {
				return errors.New("the second load was not refused")
			}
			return nil
		}, 0},
		{"a script Redis does not know yet", func(ctx context.Context) error {
			return redis.NewScript("return '"+key+strconv.FormatInt(time.Now().UnixNano(), 10)+"'").Run(ctx, rdb, nil).Err()
		}, 0},
		{"an answer to an event that is gone", func(ctx context.Context) error {
			if _, err := a.Store.SetRSVP(ctx, "gone", u, store.RSVPYes); !errors.Is(err, store.ErrNotFound) {
				return errors.New("no ErrNotFound")
			}
			return nil
		}, 0},
		{"a watched key changed", func(ctx context.Context) error {
			err := rdb.Watch(ctx, func(tx *redis.Tx) error {
				if err := other.Set(ctx, key, "theirs", time.Minute).Err(); err != nil {
					return err
				}
				_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error { return p.Set(ctx, key, "mine", time.Minute).Err() })
				return err
			}, key)
			if !errors.Is(err, redis.TxFailedErr) {
				return errors.New("the transaction did not fail")
			}
			return nil
		}, 0},
		{"a cancelled caller", func(context.Context) error {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_ = rdb.Get(ctx, key).Err()
			return nil
		}, 0},
		{"a wrong type", func(ctx context.Context) error {
			if err := rdb.Set(ctx, key, "s", time.Minute).Err(); err != nil {
				return err
			}
			_ = rdb.LPush(ctx, key, "x").Err()
			return nil
		}, 1},
		{"a pipeline with a missing key and a failure, once", func(ctx context.Context) error {
			_, _ = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Get(ctx, key+":none")
				p.LPush(ctx, key, "x")
				p.LPush(ctx, key, "y")
				return nil
			})
			return nil
		}, 1},
		{"a deadline passed", func(context.Context) error {
			ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
			defer cancel()
			_ = rdb.Get(ctx, key).Err()
			return nil
		}, 1},
		{"a closed client", func(ctx context.Context) error {
			if err := rdb.Close(); err != nil {
				return err
			}
			_, _ = a.Store.Load(ctx, u, "third")
			return nil
		}, 1},
	} {
		before := redisErrors(t, a)
		if err := tc.do(context.Background()); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := redisErrors(t, a) - before; got != tc.want {
			t.Errorf("%s: %v Redis errors counted, want %v", tc.name, got, tc.want)
		}
	}
}

// nilOnly passes the error on unless it is redis.Nil.
func nilOnly(err error) error {
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

// redisErrors reads the app's counter, alone: a scrape of the whole
// registry would read the active conversations, from Redis.
func redisErrors(t *testing.T, a *App) float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(a.metrics.RedisErrors)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "heimatbot_redis_errors_total" && len(f.GetMetric()) == 1 {
			return f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("no heimatbot_redis_errors_total in %v", families)
	return 0
}

func testConfig(community string) *config.Config {
	cfg := config.Default()
	cfg.Community.ID = community
	return cfg
}
