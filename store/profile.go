package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/bot"
)

// storedProfile is how a profile is kept in Redis: one-letter names and
// Unix numbers instead of bot.Profile's readable JSON (which /meinedaten
// shows), and no chat when it is the person's private chat, as every
// resident has one and half its bytes were names.
type storedProfile struct {
	Consent       int64        `json:"c"` // Unix seconds
	Lang          string       `json:"l"`
	District      string       `json:"d,omitempty"`
	Interests     []string     `json:"i,omitempty"`
	Role          string       `json:"r,omitempty"`
	NoInvitations bool         `json:"x,omitempty"`
	Ref           string       `json:"f"`
	Name          string       `json:"n,omitempty"`
	Platform      bot.Platform `json:"p,omitempty"` // of the chat, when not the person's
	Chat          string       `json:"h,omitempty"` // when not the person's private chat
	Unreachable   bool         `json:"u,omitempty"`
	Active        int64        `json:"a,omitempty"` // days since 1970-01-01 (UTC)
}

const day = 24 * 60 * 60

func encodeProfile(u bot.User, p *bot.Profile) ([]byte, error) {
	sp := storedProfile{
		Consent: p.Consent.Unix(), Lang: p.Lang, District: p.District, Interests: p.Interests,
		Role: p.Role, NoInvitations: p.NoInvitations, Ref: p.Ref, Name: p.Name,
		Platform: p.Chat.Platform, Chat: p.Chat.Chat, Unreachable: p.Unreachable,
	}
	if p.Consent.IsZero() {
		sp.Consent = 0
	}
	if sp.Platform == u.Platform {
		sp.Platform = ""
	}
	if sp.Chat == u.ID {
		sp.Chat = ""
	}
	if !p.Active.IsZero() {
		sp.Active = p.Active.Unix() / day
	}
	b, err := json.Marshal(sp)
	if err != nil {
		return nil, fmt.Errorf("encode profile: %w", err)
	}
	return b, nil
}

func decodeProfile(u bot.User, b []byte) (*bot.Profile, error) {
	var sp storedProfile
	if err := json.Unmarshal(b, &sp); err != nil {
		return nil, fmt.Errorf("decode profile: %w", err)
	}
	p := &bot.Profile{
		Lang: sp.Lang, District: sp.District, Interests: sp.Interests,
		Role: sp.Role, NoInvitations: sp.NoInvitations, Ref: sp.Ref, Name: sp.Name,
		Chat: bot.Address{Platform: sp.Platform, Chat: sp.Chat}, Unreachable: sp.Unreachable,
	}
	if p.Chat.Platform == "" {
		p.Chat.Platform = u.Platform
	}
	if p.Chat.Chat == "" {
		p.Chat.Chat = u.ID
	}
	if sp.Consent != 0 {
		p.Consent = time.Unix(sp.Consent, 0).UTC()
	}
	if sp.Active != 0 {
		p.Active = time.Unix(sp.Active*day, 0).UTC()
	}
	return p, nil
}

// readProfile decodes the reply of a GET of u's profile key: nil when
// there is none.
func readProfile(u bot.User, cmd *redis.StringCmd) (*bot.Profile, error) {
	b, err := cmd.Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read profile: %w", err)
	}
	return decodeProfile(u, b)
}

// Profiles reads the profiles of people in one round trip; a person
// without one (deleted meanwhile) is left out.
func (s *Store) Profiles(ctx context.Context, people []bot.User) (map[bot.User]*bot.Profile, error) {
	cmds := make([]*redis.StringCmd, len(people))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, u := range people {
			cmds[i] = p.Get(ctx, s.personKey(u, "profile"))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read profiles: %w", err)
	}
	out := make(map[bot.User]*bot.Profile, len(people))
	for i, c := range cmds {
		p, err := readProfile(people[i], c)
		if err != nil {
			return nil, fmt.Errorf("profile of %s: %w", people[i].Key(), err)
		}
		if p != nil {
			out[people[i]] = p
		}
	}
	return out, nil
}
