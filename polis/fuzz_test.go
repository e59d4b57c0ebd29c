package polis

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

// FuzzRead feeds any bytes to each file of an export: Read must answer
// with a conversation or an error, never panic, and what it reads must
// survive Write and Read unchanged.
//
//	go test ./polis/ -run '^$' -fuzz FuzzRead -fuzztime 60s
func FuzzRead(f *testing.F) {
	for _, dir := range []string{"15-per-hour-seattle", "vtaiwan.uberx"} {
		for _, name := range []string{FileComments, FileVotes, FileParticipants, FileSummary} {
			b, err := os.ReadFile(filepath.Join("testdata", dir, name))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(0), b[:min(len(b), 2000)])
		}
	}
	f.Add(uint8(1), []byte("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,5,1.0\n2,x,0,5,+1\n"))
	f.Add(uint8(2), []byte("participant,group-id,n-comments\n5,,0\n6,1,2\n"))
	f.Add(uint8(3), []byte("\ufefftopic,\"a,b\"\nurl\n"))
	f.Add(uint8(0), []byte("comment-id,moderated,comment-body\n0,-1,\"=HYPERLINK(\"\"x\"\")\"\n"))
	const comments = "comment-id,moderated,comment-body\n0,1,Gut\n"
	const votes = "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,5,1\n"
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{FileComments: {Data: []byte(comments)}, FileVotes: {Data: []byte(votes)}}
		name := []string{FileComments, FileVotes, FileParticipants, FileSummary}[which%4]
		fsys[name] = &fstest.MapFile{Data: data}
		c, err := Read(fsys)
		if err != nil {
			return
		}
		dir := t.TempDir()
		if err := Write(dir, c); err != nil {
			t.Fatalf("read but cannot write: %v", err)
		}
		back, err := Read(os.DirFS(dir))
		if err != nil {
			t.Fatalf("cannot read what was written: %v", err)
		}
		if c.Groups == nil {
			back.Groups = nil // Write always writes participants
		}
		if !reflect.DeepEqual(normal(back), normal(c)) {
			t.Fatalf("changed on the way through Write and Read:\n%+v\n%+v", c, back)
		}
	})
}

// normal drops what Write cannot keep: the groups of participants who
// never voted (Write lists voters only).
func normal(c *Conversation) *Conversation {
	out := *c
	voted := map[string]bool{}
	for _, v := range c.Votes {
		voted[v.Voter] = true
	}
	out.Groups = map[string]int{}
	for p, g := range c.Groups {
		if voted[p] {
			out.Groups[p] = g
		}
	}
	return &out
}
