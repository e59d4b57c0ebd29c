package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"
)

// What a person's index (hb:{C}:mine:REF) lists, as the prefix of a field
// "KIND:ID". One small hash per person instead of a set per kind: Redis
// keeps a hash of up to 128 short fields as one compact listpack, while a
// set of ids that are not integers always takes a hash table, and every
// key costs its own overhead.
const (
	mineVoted   = "v" // statements the person voted on
	mineWrote   = "o" // opinions the person wrote
	mineNeed    = "n" // needs the person posted
	mineMatched = "m" // needs the person was matched to as a helper
)

func (s *Store) mineKey(ref string) string { return s.Key("mine", ref) }

// mineField names an entry of a person's index.
func mineField(kind, id string) string { return kind + ":" + id }

// mine lists the ids of one kind in a person's index.
func (s *Store) mine(ctx context.Context, c redis.Cmdable, ref, kind string) ([]string, error) {
	fields, err := c.HKeys(ctx, s.mineKey(ref)).Result()
	if err != nil {
		return nil, fmt.Errorf("read own entries: %w", err)
	}
	var ids []string
	for _, f := range fields {
		if id, ok := strings.CutPrefix(f, kind+":"); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// forgetMine removes entries of one kind from a person's index;
// the key goes with its last field.
func (s *Store) forgetMine(ctx context.Context, p redis.Pipeliner, ref, kind string, ids []string) {
	if len(ids) == 0 {
		return
	}
	fields := make([]string, len(ids))
	for i, id := range ids {
		fields[i] = mineField(kind, id)
	}
	p.HDel(ctx, s.mineKey(ref), fields...)
}
