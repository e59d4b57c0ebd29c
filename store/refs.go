package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// PersonByRef finds the person behind a pseudonymous reference, to reach
// them (the author of an opinion, a helper matched to a need) through the
// Chat of their profile. ErrNotFound when nobody has the reference.
func (s *Store) PersonByRef(ctx context.Context, ref string) (bot.User, *bot.Profile, error) {
	key, err := s.rdb.HGet(ctx, s.refsKey(ref), ref).Result()
	if errors.Is(err, redis.Nil) {
		return bot.User{}, nil, ErrNotFound
	}
	if err != nil {
		return bot.User{}, nil, fmt.Errorf("look up reference: %w", err)
	}
	platform, id, ok := strings.Cut(key, ":")
	if !ok {
		return bot.User{}, nil, fmt.Errorf("reference points to malformed person key %q", key)
	}
	u := bot.User{Platform: bot.Platform(platform), ID: id}
	p, err := s.Profile(ctx, u)
	if err != nil {
		return bot.User{}, nil, err
	}
	return u, p, nil
}
