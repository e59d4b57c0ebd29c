package mattermost_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

func TestRateLimitIsHonoured(t *testing.T) {
	h := newHarness(t)
	h.srv.FailNext("POST /posts", http.StatusTooManyRequests, 3*time.Second)
	h.srv.FailNext("POST /posts", http.StatusBadGateway, 0)
	before := len(h.sleeps.all())
	limited, retried := h.ad.Throttling()
	err := h.ad.Send(context.Background(), bot.Message{To: h.ad.OrganizerChannel(), Text: bot.PlainText("Neue Gesuche")})
	if err != nil {
		t.Fatal(err)
	}
	if posts := h.srv.PostsIn(h.srv.Orga().Id); len(posts) != 1 {
		t.Fatalf("want the post once after a 429 and a 502, got %d", len(posts))
	}
	waits := h.sleeps.all()[before:]
	if len(waits) != 2 || waits[0] < 3*time.Second {
		t.Errorf("waits = %v, want 3s as the server asked, then a backoff", waits)
	}
	// What /metrics reports as 429s and retries.
	if l, r := h.ad.Throttling(); l-limited != 1 || r-retried != 2 {
		t.Errorf("throttling counts %d 429s and %d retries, want 1 and 2", l-limited, r-retried)
	}
}

func TestUnreachablePersonIsReportedAsSuch(t *testing.T) {
	h := newHarness(t)
	_, dm := h.user("anna")
	h.srv.FailNext("POST /posts", http.StatusForbidden, 0)
	err := h.ad.Send(context.Background(), bot.Message{To: bot.Address{Platform: bot.Mattermost, Chat: dm.Id}, Text: bot.PlainText("Erinnerung")})
	if !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("err = %v, want bot.ErrUnreachable", err)
	}
}
