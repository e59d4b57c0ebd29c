package mattermost

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// button is what an interactive button carries in its action context.
type button struct {
	Payload string
	Label   string
	Channel string
	// User is the person the button is for (the partner of a direct
	// channel, or in a channel the person the message answered); empty
	// means anyone in the channel.
	User    string
	Thread  string
	Expires time.Time
}

// The context keys of a signed button.
const (
	ctxPayload = "p"
	ctxLabel   = "l"
	ctxChannel = "c"
	ctxUser    = "u"
	ctxThread  = "t"
	ctxExpires = "x"
	ctxSig     = "s"
)

// Errors of a button callback. Neither changes anything.
var (
	errForged = errors.New("button signature invalid")
	errStale  = errors.New("button expired")
)

// signer signs and checks buttons with HMAC-SHA256.
type signer struct{ key []byte }

func (s signer) mac(b button) []byte {
	m := hmac.New(sha256.New, s.key)
	for _, part := range []string{"heimatbot-button-v1", b.Payload, b.Label, b.Channel, b.User, b.Thread, strconv.FormatInt(b.Expires.Unix(), 10)} {
		m.Write([]byte(strconv.Itoa(len(part))))
		m.Write([]byte{':'})
		m.Write([]byte(part))
	}
	return m.Sum(nil)
}

// context returns the signed action context of b.
func (s signer) context(b button) map[string]any {
	return map[string]any{
		ctxPayload: b.Payload,
		ctxLabel:   b.Label,
		ctxChannel: b.Channel,
		ctxUser:    b.User,
		ctxThread:  b.Thread,
		ctxExpires: strconv.FormatInt(b.Expires.Unix(), 10),
		ctxSig:     hex.EncodeToString(s.mac(b)),
	}
}

// verify reads a button from an action context and checks its signature
// (in constant time) and expiry.
func (s signer) verify(ctx map[string]any, now time.Time) (button, error) {
	str := func(k string) string { v, _ := ctx[k].(string); return v }
	exp, err := strconv.ParseInt(str(ctxExpires), 10, 64)
	if err != nil {
		return button{}, errForged
	}
	b := button{
		Payload: str(ctxPayload), Label: str(ctxLabel), Channel: str(ctxChannel),
		User: str(ctxUser), Thread: str(ctxThread), Expires: time.Unix(exp, 0),
	}
	sig, err := hex.DecodeString(strings.TrimSpace(str(ctxSig)))
	if err != nil || !hmac.Equal(sig, s.mac(b)) {
		return button{}, errForged
	}
	if !now.Before(b.Expires) {
		return button{}, errStale
	}
	return b, nil
}
