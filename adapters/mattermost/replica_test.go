package mattermost_test

import (
	"net/url"
	"time"

	"github.com/heimatbot/heimatbot/netfault"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

// replica is a bot process as another machine runs it: with its own Redis
// client and its own way to the Mattermost server, each through a link
// the test can break without touching the other processes.
type replica struct {
	*proc
	redis, mattermost *netfault.Link
}

// replica starts a bot process with a consumer lease of leaseTTL on the
// harness's Redis and server. It does not wait for the process to be
// ready.
func (h *harness) replica(leaseTTL time.Duration) *replica {
	t := h.t
	t.Helper()
	redisURL, err := url.Parse(storetest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	mmURL, err := url.Parse(h.cfg.Mattermost.URL)
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{redis: netfault.New(t, redisURL.Host), mattermost: netfault.New(t, mmURL.Host)}
	redisURL.Host, mmURL.Host = r.redis.Addr(), r.mattermost.Addr()
	rdb, err := store.Open(store.Addr{URL: redisURL.String()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	st := store.New(rdb, h.cfg.Community.ID, store.Options{ConversationTTL: h.cfg.Limits.ConversationTTL})
	r.proc = h.start(mmURL.String(), st, leaseTTL)
	return r
}

// die cuts the process off from everything at once, as a crash does: it
// renews nothing, gives nothing up, reads and sends nothing more.
func (r *replica) die() {
	r.redis.Cut()
	r.mattermost.Cut()
}
