package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// MarkUnreachable notes in a person's profile that they blocked the bot;
// the engine clears it when they write again. Without a profile (no
// consent) nothing is stored.
func (s *Store) MarkUnreachable(ctx context.Context, u bot.User) error {
	key := s.personKey(u, "profile")
	mark := func(tx *redis.Tx) error {
		p, err := readProfile(u, tx.Get(ctx, key))
		if err != nil {
			return err
		}
		if p == nil || p.Unreachable {
			return nil
		}
		p.Unreachable = true
		b, err := encodeProfile(u, p)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, b, redis.KeepTTL)
			return nil
		})
		return err
	}
	for range 5 {
		err := s.rdb.Watch(ctx, mark, key)
		if !errors.Is(err, redis.TxFailedErr) {
			if err != nil {
				return fmt.Errorf("mark unreachable: %w", err)
			}
			return nil
		}
	}
	return fmt.Errorf("mark unreachable: %w", redis.TxFailedErr)
}
