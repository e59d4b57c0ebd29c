package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// peopleBuckets is how many hashes the people and refs maps are spread
// over. Redis keeps a hash of up to 128 short fields as one compact
// listpack, several times smaller than the hash table a single hash of
// thousands of people becomes: 1,024 buckets keep up to about 130,000
// people compact, and a bigger community only costs more memory.
const peopleBuckets = 1024

// bucketKey is the hash of the people (name "people", by person key) or
// refs (name "refs", by Ref) map that holds member.
func (s *Store) bucketKey(name, member string) string {
	h := fnv.New32a()
	h.Write([]byte(member))
	return s.Key(name, strconv.FormatUint(uint64(h.Sum32()%peopleBuckets), 10))
}

func (s *Store) peopleKey(personKey string) string { return s.bucketKey("people", personKey) }
func (s *Store) refsKey(ref string) string         { return s.bucketKey("refs", ref) }

// People returns everyone who consented: person key (bot.User.Key) to
// Ref, read from every bucket in one pipelined round trip.
func (s *Store) People(ctx context.Context) (map[string]string, error) {
	cmds := make([]*redis.MapStringStringCmd, peopleBuckets)
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range cmds {
			cmds[i] = p.HGetAll(ctx, s.Key("people", strconv.Itoa(i)))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read people: %w", err)
	}
	out := map[string]string{}
	for _, c := range cmds {
		for k, ref := range c.Val() {
			out[k] = ref
		}
	}
	return out, nil
}

// PeopleCount is how many people consented.
func (s *Store) PeopleCount(ctx context.Context) (int64, error) {
	cmds := make([]*redis.IntCmd, peopleBuckets)
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range cmds {
			cmds[i] = p.HLen(ctx, s.Key("people", strconv.Itoa(i)))
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	var n int64
	for _, c := range cmds {
		n += c.Val()
	}
	return n, nil
}
