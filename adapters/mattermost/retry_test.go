package mattermost_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
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

// A reply sent again with its key (its update came again after the
// process that sent it died before confirming) shows once, however many
// posts it takes; a message with another key or none is a new one.
func TestAReplySentAgainShowsOnce(t *testing.T) {
	long := strings.Repeat("Viel zu sagen. ", 2000) // two posts
	tests := []struct {
		name  string
		text  string
		posts int
	}{
		{"short", "Danke, gespeichert.", 1},
		{"split", long, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			_, dm := h.user("anna")
			to := bot.Address{Platform: bot.Mattermost, Chat: dm.Id}
			send := func(key string) {
				t.Helper()
				if err := h.ad.Send(context.Background(), bot.Message{To: to, Text: bot.PlainText(tt.text), Key: key}); err != nil {
					t.Fatal(err)
				}
			}
			send("mm:p1#0")
			send("mm:p1#0")
			if n := len(h.srv.PostsIn(dm.Id)); n != tt.posts {
				t.Fatalf("a reply sent twice made %d posts, want %d", n, tt.posts)
			}
			send("mm:p2#0")
			send("")
			send("")
			if n := len(h.srv.PostsIn(dm.Id)); n != 4*tt.posts {
				t.Fatalf("%d posts, want %d: another key and no key are new messages", n, 4*tt.posts)
			}
		})
	}
}
