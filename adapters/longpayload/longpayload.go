// Package longpayload keeps button payloads too long for a platform's
// button field (Telegram's callback_data, WhatsApp's row ids) in Redis
// under a short id, and gives them back when a button with such an id is
// pressed.
package longpayload

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Prefix starts every short id, so a pressed button's data tells whether
// it is one.
const Prefix = "#"

// Store keeps payloads by short id for ttl, under the keys key makes of an
// id (without Prefix).
type Store struct {
	rdb redis.UniversalClient
	key func(id string) string
	ttl time.Duration
}

// New returns a Store.
func New(rdb redis.UniversalClient, key func(id string) string, ttl time.Duration) *Store {
	return &Store{rdb: rdb, key: key, ttl: ttl}
}

// ID names a payload by its hash, so the same payload keeps its id.
func ID(payload string) string {
	sum := sha256.Sum256([]byte(payload))
	return Prefix + base64.RawURLEncoding.EncodeToString(sum[:15])
}

// Keep stores payloads by their ids (made with ID), in one round trip.
func (s *Store) Keep(ctx context.Context, byID map[string]string) error {
	if len(byID) == 0 {
		return nil
	}
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for id, payload := range byID {
			p.Set(ctx, s.key(strings.TrimPrefix(id, Prefix)), payload, s.ttl)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("keep long button payloads: %w", err)
	}
	return nil
}

// Resolve returns the payload behind a pressed button's data: the data
// itself when it is no short id, or when the id expired (which the engine
// answers as a stale button).
func (s *Store) Resolve(ctx context.Context, data string) (string, error) {
	if !strings.HasPrefix(data, Prefix) {
		return data, nil
	}
	payload, err := s.rdb.Get(ctx, s.key(strings.TrimPrefix(data, Prefix))).Result()
	if errors.Is(err, redis.Nil) {
		return data, nil
	}
	if err != nil {
		return "", fmt.Errorf("resolve button: %w", err)
	}
	return payload, nil
}
