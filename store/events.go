package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Event is a town conversation (Stadtgespräch) or any other date residents
// are invited to.
type Event struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end,omitzero"`
	Place       string    `json:"place,omitempty"`
	Theme       string    `json:"theme,omitempty"`
	// Districts is the audience; empty means the whole community.
	Districts []string `json:"districts,omitempty"`
	// Capacity limits the yes-sayers; 0 means no limit.
	Capacity  int       `json:"capacity,omitempty"`
	Cancelled bool      `json:"cancelled,omitempty"`
	Sequence  int       `json:"sequence,omitempty"`
	Created   time.Time `json:"created"`
}

// ErrEventExists is returned by CreateEvent for an id already taken.
var ErrEventExists = errors.New("event exists")

func (s *Store) eventKey(id string, part string) string {
	return s.TaggedKey("ev:"+id, part)
}

// CreateEvent stores a new event and lists it. Creating the same event
// again (a redelivered update) is ErrEventExists and changes nothing.
func (s *Store) CreateEvent(ctx context.Context, e Event) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	// Listed among all events before anyone can answer it, so /loeschen
	// finds every answer.
	if err := s.rdb.SAdd(ctx, s.Key("events", "all"), e.ID).Err(); err != nil {
		return fmt.Errorf("create event: %w", err)
	}
	ok, err := s.rdb.HSetNX(ctx, s.eventKey(e.ID, "event"), "data", b).Result()
	if err != nil {
		return fmt.Errorf("create event: %w", err)
	}
	if !ok {
		return ErrEventExists
	}
	if err := s.rdb.HSet(ctx, s.eventKey(e.ID, "event"), "capacity", e.Capacity).Err(); err != nil {
		return fmt.Errorf("create event: %w", err)
	}
	return s.listEvent(ctx, e)
}

// SaveEvent overwrites an existing event (an edit or a cancellation).
func (s *Store) SaveEvent(ctx context.Context, e Event) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	if err := s.rdb.HSet(ctx, s.eventKey(e.ID, "event"), "data", b, "capacity", e.Capacity).Err(); err != nil {
		return fmt.Errorf("save event: %w", err)
	}
	return s.listEvent(ctx, e)
}

func (s *Store) listEvent(ctx context.Context, e Event) error {
	var err error
	if e.Cancelled {
		err = s.rdb.ZRem(ctx, s.Key("events"), e.ID).Err()
	} else {
		err = s.rdb.ZAdd(ctx, s.Key("events"), redis.Z{Score: float64(e.Start.Unix()), Member: e.ID}).Err()
	}
	if err != nil {
		return fmt.Errorf("list event: %w", err)
	}
	return nil
}

// Event reads an event; ErrNotFound when there is none.
func (s *Store) Event(ctx context.Context, id string) (Event, error) {
	return decodeEvent(id, s.rdb.HGet(ctx, s.eventKey(id, "event"), "data"))
}

// decodeEvent reads the reply of an HGET of an event's data.
func decodeEvent(id string, cmd *redis.StringCmd) (Event, error) {
	var e Event
	b, err := cmd.Bytes()
	if errors.Is(err, redis.Nil) {
		return e, ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("read event: %w", err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("decode event %s: %w", id, err)
	}
	return e, nil
}

// Events returns listed (not cancelled) events starting at or after from,
// earliest first, skipping offset and returning at most limit (all when
// limit <= 0).
func (s *Store) Events(ctx context.Context, from time.Time, offset, limit int) ([]Event, error) {
	count := int64(-1)
	if limit > 0 {
		count = int64(limit)
	}
	ids, err := s.rdb.ZRangeByScore(ctx, s.Key("events"), &redis.ZRangeBy{
		Min: strconv.FormatInt(from.Unix(), 10), Max: "+inf", Offset: int64(offset), Count: count,
	}).Result()
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	cmds := make([]*redis.StringCmd, len(ids))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGet(ctx, s.eventKey(id, "event"), "data")
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read events: %w", err)
	}
	out := make([]Event, 0, len(ids))
	for i, c := range cmds {
		e, err := decodeEvent(ids[i], c)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}
