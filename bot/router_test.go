package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRouterKeepsEachChatInOrderAndChatsInParallel(t *testing.T) {
	const chats, perChat = 20, 50
	var mu sync.Mutex
	seen := map[string][]int{}
	var running, maxRunning atomic.Int32
	h := HandlerFunc(func(ctx context.Context, u Update) error {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(100 * time.Microsecond) // let other lanes overlap
		var i int
		fmt.Sscan(u.Text, &i)
		mu.Lock()
		seen[u.Chat.Chat] = append(seen[u.Chat.Chat], i)
		mu.Unlock()
		return nil
	})
	r := NewRouter(h)
	var results []<-chan error
	for i := 0; i < perChat; i++ {
		for c := 0; c < chats; c++ {
			u := Update{Chat: Address{Platform: Telegram, Chat: fmt.Sprint(c)}, Text: fmt.Sprint(i)}
			results = append(results, r.Submit(u))
		}
	}
	for _, ch := range results {
		if err := <-ch; err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	for c := 0; c < chats; c++ {
		got := seen[fmt.Sprint(c)]
		if len(got) != perChat {
			t.Fatalf("chat %d: %d updates handled, want %d", c, len(got), perChat)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("chat %d handled out of order: %v", c, got)
			}
		}
	}
	if maxRunning.Load() < 2 {
		t.Fatal("no two chats were ever handled at the same time")
	}
}

// No chat waits behind another: here every chat's update waits until all
// of them are in hand, which only works when none is queued behind
// another chat's.
func TestRouterNeverQueuesAChatBehindAnother(t *testing.T) {
	const chats = 200
	var all sync.WaitGroup
	all.Add(chats)
	h := HandlerFunc(func(ctx context.Context, u Update) error {
		all.Done()
		met := make(chan struct{})
		go func() { all.Wait(); close(met) }()
		select {
		case <-met:
			return nil
		case <-time.After(5 * time.Second):
			return fmt.Errorf("chat %s waited behind another chat", u.Chat.Chat)
		}
	})
	r := NewRouter(h)
	defer r.Close()
	var results []<-chan error
	for c := range chats {
		results = append(results, r.Submit(Update{Chat: Address{Platform: Telegram, Chat: fmt.Sprint(c)}}))
	}
	for _, ch := range results {
		if err := <-ch; err != nil {
			t.Fatal(err)
		}
	}
}

func TestRouterTurnsAPanicIntoAnError(t *testing.T) {
	r := NewRouter(HandlerFunc(func(context.Context, Update) error { panic("boom") }))
	defer r.Close()
	if err := r.Handle(context.Background(), Update{ID: "x"}); err == nil {
		t.Fatal("panic not reported")
	}
	if err := r.Handle(context.Background(), Update{ID: "y"}); err == nil {
		t.Fatal("the chat's queue died after a panic")
	}
}

// Every submitted update is heard of, also one the router refuses while
// shutting down; the handler sees only those it handles.
func TestRouterTellsOfEverySubmittedUpdate(t *testing.T) {
	var handled atomic.Int32
	r := NewRouter(HandlerFunc(func(context.Context, Update) error { handled.Add(1); return nil }))
	var mu sync.Mutex
	var heard []string
	r.OnSubmit(func(u Update) {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, u.ID)
	})
	chat := Address{Platform: Telegram, Chat: "1"}
	for _, tc := range []struct {
		id      string
		close   bool
		wantErr error
	}{
		{id: "before"},
		{id: "after", close: true, wantErr: ErrClosed},
	} {
		if tc.close {
			r.Close()
		}
		if err := r.Handle(context.Background(), Update{ID: tc.id, Chat: chat}); !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: err = %v, want %v", tc.id, err, tc.wantErr)
		}
	}
	if len(heard) != 2 || heard[0] != "before" || heard[1] != "after" {
		t.Errorf("heard of %v, want [before after]", heard)
	}
	if handled.Load() != 1 {
		t.Errorf("handled %d updates, want 1", handled.Load())
	}
}
