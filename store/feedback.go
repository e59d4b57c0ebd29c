package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// Feedback is what a participant said after an event: stars from 1 to 5
// and an optional sentence. It is kept under the person's pseudonymous
// reference, never their id, and read without it by others.
type Feedback struct {
	Ref   string    `json:"ref"`
	Stars int       `json:"stars"`
	Text  string    `json:"text,omitempty"`
	At    time.Time `json:"at"`
}

// SetFeedback stores (or replaces) u's feedback on event id.
func (s *Store) SetFeedback(ctx context.Context, id string, u bot.User, f Feedback) error {
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode feedback: %w", err)
	}
	if err := s.rdb.HSet(ctx, s.eventKey(id, "feedback"), f.Ref, b).Err(); err != nil {
		return fmt.Errorf("store feedback: %w", err)
	}
	return nil
}

// EventFeedback returns the feedback on event id, oldest first.
func (s *Store) EventFeedback(ctx context.Context, id string) ([]Feedback, error) {
	all, err := s.rdb.HVals(ctx, s.eventKey(id, "feedback")).Result()
	if err != nil {
		return nil, fmt.Errorf("read feedback: %w", err)
	}
	out := make([]Feedback, 0, len(all))
	for _, v := range all {
		var f Feedback
		if err := json.Unmarshal([]byte(v), &f); err != nil {
			return nil, fmt.Errorf("decode feedback: %w", err)
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// PersonEvent is one event in a person's data export.
type PersonEvent struct {
	Event    string    `json:"event"`
	Title    string    `json:"title"`
	RSVP     RSVP      `json:"rsvp,omitempty"`
	Feedback *Feedback `json:"feedback,omitempty"`
}

// PersonEvents returns every answer and feedback u gave, for /meinedaten.
func (s *Store) PersonEvents(ctx context.Context, u bot.User, ref string) ([]PersonEvent, error) {
	ids, err := s.personEvents(ctx, u, ref)
	if err != nil {
		return nil, err
	}
	sort.Strings(ids)
	var out []PersonEvent
	for _, id := range ids {
		pe := PersonEvent{Event: id}
		if e, err := s.Event(ctx, id); err == nil {
			pe.Title = e.Title
		}
		if pe.RSVP, err = s.RSVPOf(ctx, id, u); err != nil {
			return nil, err
		}
		if ref != "" {
			if b, err := s.rdb.HGet(ctx, s.eventKey(id, "feedback"), ref).Bytes(); err == nil {
				var f Feedback
				if json.Unmarshal(b, &f) == nil {
					pe.Feedback = &f
				}
			}
		}
		out = append(out, pe)
	}
	return out, nil
}

// ForgetPersonEvents removes u's answers and feedback from every event. A seat they free goes to the next on the
// waiting list; the promoted people are returned so they can be told.
func (s *Store) ForgetPersonEvents(ctx context.Context, u bot.User, ref string) ([]Promotion, error) {
	ids, err := s.personEvents(ctx, u, ref)
	if err != nil {
		return nil, err
	}
	var promoted []Promotion
	for _, id := range ids {
		r, err := s.runRSVP(ctx, id, u.Key(), RSVPNone)
		if err != nil && err != ErrNotFound {
			return nil, err
		}
		if r.Promoted.ID != "" {
			promoted = append(promoted, Promotion{Event: id, User: r.Promoted})
		}
		if ref != "" {
			if err := s.rdb.HDel(ctx, s.eventKey(id, "feedback"), ref).Err(); err != nil {
				return nil, fmt.Errorf("forget feedback: %w", err)
			}
		}
	}
	return promoted, nil
}

// Promotion is a person who moved up from a waiting list.
type Promotion struct {
	Event string
	User  bot.User
}

// personEvents lists the events u answered or (as ref) gave feedback on.
// It asks every event ever created rather than keep an index per person:
// a town has some dozens of events a year, and the question comes only
// with /meinedaten and /loeschen.
func (s *Store) personEvents(ctx context.Context, u bot.User, ref string) ([]string, error) {
	all, err := s.rdb.SMembers(ctx, s.Key("events", "all")).Result()
	if err != nil {
		return nil, fmt.Errorf("list all events: %w", err)
	}
	pipe := s.rdb.Pipeline()
	answered := make([]*redis.BoolCmd, len(all))
	gave := make([]*redis.BoolCmd, len(all))
	for i, id := range all {
		answered[i] = pipe.HExists(ctx, s.eventKey(id, "rsvp"), u.Key())
		if ref != "" {
			gave[i] = pipe.HExists(ctx, s.eventKey(id, "feedback"), ref)
		}
	}
	if len(all) > 0 {
		if _, err := pipe.Exec(ctx); err != nil {
			return nil, fmt.Errorf("find the person's events: %w", err)
		}
	}
	var ids []string
	for i, id := range all {
		if answered[i].Val() || (gave[i] != nil && gave[i].Val()) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
