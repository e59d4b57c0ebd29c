package mattermosttest_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/mattermost/mattermost/server/public/model"
)

// fixedClock starts at a known time; the server keeps timestamps apart.
func fixedClock() mattermosttest.Option {
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	return mattermosttest.WithClock(func() time.Time { return t0 })
}

func TestGetPostsSince(t *testing.T) {
	s := newServer(t, fixedClock())
	ctx := context.Background()
	anna := s.AddUser("anna")
	ts := s.TownSquare().Id
	first, _ := s.UserPost(ctx, anna, ts, "eins", mattermosttest.PostOptions{})
	second, _ := s.UserPost(ctx, anna, ts, "zwei", mattermosttest.PostOptions{})
	reply, _ := s.UserPost(ctx, anna, ts, "drei", mattermosttest.PostOptions{RootID: first.Id})

	list, _, err := s.Client().GetPostsSince(ctx, ts, first.CreateAt, false)
	if err != nil {
		t.Fatalf("GetPostsSince: %v", err)
	}
	// The reply's root comes along, as in Mattermost.
	want := []string{reply.Id, second.Id, first.Id}
	if !slices.Equal(list.Order, want) {
		t.Errorf("Order = %v, want %v", list.Order, want)
	}
	if list.Posts[second.Id].Message != "zwei" || list.Posts[reply.Id].RootId != first.Id {
		t.Errorf("Posts = %v", list.Posts)
	}

	// An edit counts as a change.
	s.EditPost(ctx, first.Id, "eins!")
	list, _, _ = s.Client().GetPostsSince(ctx, ts, reply.CreateAt, false)
	if !slices.Equal(list.Order, []string{first.Id}) || list.Posts[first.Id].Message != "eins!" {
		t.Errorf("after edit: Order = %v", list.Order)
	}
}

func TestGetPostsPaged(t *testing.T) {
	s := newServer(t, fixedClock())
	ctx := context.Background()
	anna := s.AddUser("anna")
	ts := s.TownSquare().Id
	var ids []string
	for _, m := range []string{"a", "b", "c", "d", "e"} {
		p, _ := s.UserPost(ctx, anna, ts, m, mattermosttest.PostOptions{})
		ids = append(ids, p.Id)
	}
	c := s.Client()

	after, _, err := c.GetPostsAfter(ctx, ts, ids[0], 0, 2, "", false, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(after.Order, []string{ids[2], ids[1]}) || after.NextPostId != ids[3] || after.PrevPostId != ids[0] {
		t.Errorf("after page 0 = %v next %s prev %s", after.Order, after.NextPostId, after.PrevPostId)
	}
	after, _, _ = c.GetPostsAfter(ctx, ts, ids[0], 1, 2, "", false, false)
	if !slices.Equal(after.Order, []string{ids[4], ids[3]}) || after.NextPostId != "" {
		t.Errorf("after page 1 = %v next %s", after.Order, after.NextPostId)
	}
	before, _, _ := c.GetPostsBefore(ctx, ts, ids[4], 0, 2, "", false, false)
	if !slices.Equal(before.Order, []string{ids[3], ids[2]}) {
		t.Errorf("before = %v", before.Order)
	}
	newest, _, _ := c.GetPostsForChannel(ctx, ts, 0, 3, "", false, false)
	if !slices.Equal(newest.Order, []string{ids[4], ids[3], ids[2]}) {
		t.Errorf("newest = %v", newest.Order)
	}
}

func TestBotPostsAndEdits(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.Client()
	orga := s.Orga().Id

	root, resp, err := c.CreatePost(ctx, &model.Post{ChannelId: orga, Message: "Neue Anfrage"})
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("CreatePost: %v (%d)", err, resp.StatusCode)
	}
	reply, _, err := c.CreatePost(ctx, &model.Post{ChannelId: orga, RootId: root.Id, Message: "Details"})
	if err != nil {
		t.Fatalf("CreatePost reply: %v", err)
	}
	thread, _, err := c.GetPostThread(ctx, reply.Id, "", false)
	if err != nil || len(thread.Order) != 2 {
		t.Errorf("GetPostThread = %v, %v", thread, err)
	}
	if _, resp, err := c.CreatePost(ctx, &model.Post{ChannelId: orga, RootId: model.NewId(), Message: "x"}); err == nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("reply to an unknown root: %v (%d), want 400", err, resp.StatusCode)
	}
	hidden := s.AddChannel(s.Team(), "hidden", model.ChannelTypePrivate)
	if _, resp, err := c.CreatePost(ctx, &model.Post{ChannelId: hidden.Id, Message: "x"}); err == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("post to a channel the bot is not in: %v (%d), want 403", err, resp.StatusCode)
	}

	msg := "Angenommen"
	if _, _, err := c.PatchPost(ctx, root.Id, &model.PostPatch{Message: &msg}); err != nil {
		t.Fatalf("PatchPost: %v", err)
	}
	root.Message = "Angenommen, danke"
	if _, _, err := c.UpdatePost(ctx, root.Id, root); err != nil {
		t.Fatalf("UpdatePost: %v", err)
	}
	posts := s.PostsIn(orga)
	if len(posts) != 2 || posts[0].Message != "Angenommen, danke" || posts[0].EditAt == 0 {
		t.Errorf("PostsIn = %v", posts)
	}

	got, err := s.WaitPost(ctx, orga, func(p *model.Post) bool { return p.RootId == root.Id })
	if err != nil || got.Id != reply.Id {
		t.Errorf("WaitPost = %v, %v", got, err)
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := s.WaitPost(short, orga, func(p *model.Post) bool { return p.Message == "nie" }); err == nil {
		t.Error("WaitPost found a post that was never written")
	}
}

func TestWaitPostWakesOnNewPost(t *testing.T) {
	s := newServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	done := make(chan *model.Post)
	go func() {
		p, _ := s.WaitPost(ctx, s.TownSquare().Id, func(p *model.Post) bool { return p.Message == "Moin" })
		done <- p
	}()
	if _, _, err := s.Client().CreatePost(ctx, &model.Post{ChannelId: s.TownSquare().Id, Message: "Moin"}); err != nil {
		t.Fatal(err)
	}
	if p := <-done; p == nil {
		t.Error("WaitPost did not see the post")
	}
}

// Like Mattermost, the server makes one post of posts that carry the same
// pending_post_id within 30 s, and answers each with it.
func TestPendingPostIDMakesPostingIdempotent(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	s := newServer(t, mattermosttest.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	ctx, c, ch := context.Background(), s.Client(), s.TownSquare().Id
	create := func(pending, text string) *model.Post {
		t.Helper()
		p, resp, err := c.CreatePost(ctx, &model.Post{ChannelId: ch, Message: text, PendingPostId: pending})
		if err != nil || resp.StatusCode != http.StatusCreated {
			t.Fatalf("create post: %v (status %d)", err, resp.StatusCode)
		}
		return p
	}
	first := create("bot:a", "Hallo")
	if again := create("bot:a", "Hallo"); again.Id != first.Id {
		t.Errorf("a repeated pending id made post %s besides %s", again.Id, first.Id)
	}
	create("bot:b", "Hallo")
	create("", "ohne")
	create("", "ohne")
	if n := len(s.PostsIn(ch)); n != 4 {
		t.Errorf("%d posts, want 4: one per pending id, each without one", n)
	}
	mu.Lock()
	now = now.Add(31 * time.Second)
	mu.Unlock()
	if later := create("bot:a", "Hallo"); later.Id == first.Id {
		t.Error("a pending id was still recognised after 30 s")
	}
}
