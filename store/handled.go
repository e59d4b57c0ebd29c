package store

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/heimatbot/heimatbot/bot"
)

// handledKept is how many ids of a person's last handled updates are
// remembered. A platform redelivers an
// update it did not see confirmed, and a person's updates come in order,
// so a redelivered one is among their last few; keeping a day's worth
// took most of a person's memory.
const handledKept = 12

// A conversation key holds the ids of the person's last handled updates
// (space-separated, as handledID keeps them) on its first line and the
// state's JSON (which has no line break) after it, so both share one key
// and one expiry: the ids cost no key of their own, and reading the state
// tells whether an update was handled.
func splitConv(v string) (handled, state string) {
	handled, state, ok := strings.Cut(v, "\n")
	if !ok {
		return "", v
	}
	return handled, state
}

// decodeConv reads a conversation key's value: the handled ids and the
// state (nil when none is kept).
func decodeConv(v string) (handled string, st *bot.State, err error) {
	handled, state := splitConv(v)
	if state == "" {
		return handled, nil, nil
	}
	st = new(bot.State)
	if err := json.Unmarshal([]byte(state), st); err != nil {
		return handled, nil, fmt.Errorf("decode conversation: %w", err)
	}
	return handled, st, nil
}

// handledID is how an update id is kept: as 8 characters of its hash
// (48 bits, so two of a person's last few ids never meet), whatever the
// platform's ids look like (Telegram's callback query ids, Mattermost's
// presses and slash commands are long).
func handledID(id string) string {
	if id == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(id))
	return base64.RawURLEncoding.EncodeToString(sum[:6])
}

// convValue is a conversation key's value after an update: the handled
// ids as read with id added (of which the last handledKept stay) and the
// state. It is "" when there is neither an id nor a state: the key goes.
func convValue(handled, id string, state []byte) string {
	ids := strings.Fields(handled)
	ids = slices.DeleteFunc(ids, func(h string) bool { return h == id })
	if id != "" {
		ids = append(ids, id)
	}
	ids = ids[max(0, len(ids)-handledKept):]
	if len(ids) == 0 && len(state) == 0 {
		return ""
	}
	return strings.Join(ids, " ") + "\n" + string(state)
}
