package mattermosttest_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/heimatbot/heimatbot/adapters/mattermost/mattermosttest"
	"github.com/mattermost/mattermost/server/public/model"
)

func TestUploadRoundTrip(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.Client()
	ws := dial(t, s)
	expectEvent(t, ws, model.WebsocketEventHello)
	orga := s.Orga().Id
	data := []byte("BEGIN:VCALENDAR\nEND:VCALENDAR\n")

	up, _, err := c.UploadFile(ctx, data, orga, "termine.ics")
	if err != nil {
		t.Fatalf("UploadFile: %v", err)
	}
	if len(up.FileInfos) != 1 || up.FileInfos[0].Name != "termine.ics" || up.FileInfos[0].Size != int64(len(data)) {
		t.Fatalf("UploadFile = %+v", up.FileInfos)
	}
	id := up.FileInfos[0].Id
	raw, _, err := c.UploadFileAsRequestBody(ctx, []byte{0x89, 'P', 'N', 'G'}, orga, "bild.png")
	if err != nil || raw.FileInfos[0].MimeType != "image/png" {
		t.Fatalf("UploadFileAsRequestBody = %+v, %v", raw, err)
	}

	post, _, err := c.CreatePost(ctx, &model.Post{ChannelId: orga, Message: "Termine", FileIds: []string{id, raw.FileInfos[0].Id}})
	if err != nil {
		t.Fatalf("CreatePost: %v", err)
	}
	if len(post.FileIds) != 2 || post.Metadata == nil || len(post.Metadata.Files) != 2 {
		t.Errorf("post files = %v, metadata %+v", post.FileIds, post.Metadata)
	}
	ev := expectEvent(t, ws, model.WebsocketEventPosted)
	if ev.GetData()["otherFile"] != "true" || ev.GetData()["image"] != "true" {
		t.Errorf("posted data = %v", ev.GetData())
	}

	ups := s.Uploads()
	if len(ups) != 2 || ups[0].Name != "termine.ics" || ups[0].ChannelID != orga || ups[0].PostID != post.Id || !bytes.Equal(ups[0].Data, data) {
		t.Errorf("Uploads() = %+v", ups)
	}
	got, _, err := c.GetFile(ctx, id)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("GetFile = %q, %v", got, err)
	}
	if info, _, err := c.GetFileInfo(ctx, id); err != nil || info.PostId != post.Id {
		t.Errorf("GetFileInfo = %+v, %v", info, err)
	}

	// A user's file reaches the bot as a post with file ids.
	anna := s.AddUser("anna")
	dm := s.DirectChannel(anna, s.Bot())
	photo := s.UserUpload(anna, dm.Id, "foto.jpg", []byte("jpeg"))
	if _, err := s.UserPost(ctx, anna, dm.Id, "", mattermosttest.PostOptions{FileIDs: []string{photo.Id}}); err != nil {
		t.Fatal(err)
	}
	p := eventPost(t, expectEvent(t, ws, model.WebsocketEventPosted))
	if len(p.FileIds) != 1 || p.FileIds[0] != photo.Id {
		t.Errorf("user post files = %v", p.FileIds)
	}
	if got, _, err := c.GetFile(ctx, photo.Id); err != nil || string(got) != "jpeg" {
		t.Errorf("GetFile(user's photo) = %q, %v", got, err)
	}
}
