package polis

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// The reference conversations (testdata/README.md) read with the numbers
// their README gives.
func TestReadRealConversations(t *testing.T) {
	tests := []struct {
		dir                                 string
		comments, accepted, rejected, votes int
		voters                              int
		groups                              map[int]int
	}{
		{"15-per-hour-seattle", 54, 30, 23, 2995, 339, map[int]int{0: 99, 1: 39}},
		{"ssis.land-bank-farmland.2rumnecbeh.2021-08-01", 297, 186, 105, 33530, 404, map[int]int{0: 264, 1: 91}},
		{"vtaiwan.uberx", 197, 99, 78, 49997, 1921, map[int]int{0: 330, 1: 889}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			c := read(t, tt.dir)
			var accepted, rejected int
			for _, cm := range c.Comments {
				switch cm.Moderated {
				case Accepted:
					accepted++
				case Rejected:
					rejected++
				}
			}
			voters := map[string]bool{}
			for i, v := range c.Votes {
				voters[v.Voter] = true
				if i > 0 && v.Created.Before(c.Votes[i-1].Created) {
					t.Fatalf("vote %d is earlier than the one before", i)
				}
			}
			sizes := map[int]int{}
			for _, g := range c.Groups {
				sizes[g]++
			}
			if len(c.Comments) != tt.comments || accepted != tt.accepted || rejected != tt.rejected || len(c.Votes) != tt.votes ||
				len(voters) != tt.voters || !reflect.DeepEqual(sizes, tt.groups) || len(c.RejectedComments()) != tt.rejected {
				t.Errorf("%d comments (%d accepted, %d rejected), %d votes of %d voters, groups %v", len(c.Comments), accepted, rejected, len(c.Votes), len(voters), sizes)
			}
			if c.Summary[0].Key != "topic" || c.Summary[len(c.Summary)-1].Key != "conversation-description" {
				t.Errorf("summary %v", c.Summary)
			}
		})
	}
}

func read(t testing.TB, dir string) *Conversation {
	t.Helper()
	c, err := Read(os.DirFS(filepath.Join("testdata", dir)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Write then Read gives the same conversation, and the participants file
// holds each voter's final votes.
func TestWriteReadRoundTrip(t *testing.T) {
	c := read(t, "15-per-hour-seattle")
	dir := t.TempDir()
	if err := Write(dir, c); err != nil {
		t.Fatal(err)
	}
	back, err := Read(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, c) {
		t.Error("the conversation changed on its way through Write and Read")
	}
	got, err := os.ReadFile(filepath.Join(dir, FileParticipants))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "15-per-hour-seattle", FileParticipants))
	if err != nil {
		t.Fatal(err)
	}
	// Pol.is's own file lists the same voters, groups and final votes.
	if g, w := strings.Count(string(got), "\n"), strings.Count(string(want), "\n"); g != w {
		t.Errorf("%d participant rows, Pol.is has %d", g, w)
	}
	if g, w := firstLines(got, 3), firstLines(want, 3); g != w {
		t.Errorf("participants begin\n%s\nPol.is's begin\n%s", g, w)
	}
}

func firstLines(b []byte, n int) string {
	return strings.Join(strings.SplitN(string(b), "\n", n+1)[:n], "\n")
}

// Malformed files get an error that names the file, line and column, and
// nothing else.
func TestReadRejectsMalformedFiles(t *testing.T) {
	const comments = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,1,0,0,1,Gut\n"
	const votes = "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,5,1\n"
	tests := []struct {
		name, file, body, want string
	}{
		{"vote 2", FileVotes, "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,5,2\n", `votes.csv: line 2, column vote: "2" is not -1, 0 or 1`},
		{"no voter column", FileVotes, "timestamp,comment-id,vote\n1,0,1\n", `votes.csv: no column "voter-id"`},
		{"empty voter", FileVotes, "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,,1\n", `votes.csv: line 2, column voter-id: "" is not an id`},
		{"bad time", FileVotes, "timestamp,datetime,comment-id,voter-id,vote\nsoon,x,0,5,1\n", `votes.csv: line 2, column timestamp: "soon" is not a time in milliseconds`},
		{"moderated 2", FileComments, "comment-id,moderated,comment-body\n0,2,Gut\n", `comments.csv: line 2, column moderated: "2" is not -1, 0 or 1`},
		{"repeated comment", FileComments, "comment-id,moderated,comment-body\n0,1,Gut\n0,1,Schlecht\n", `comments.csv: line 3, column comment-id: "0" is not a new id`},
		{"bad quote", FileComments, "comment-id,moderated,comment-body\n0,1,\"Gut\n", `comments.csv: not a Pol.is export`},
		{"empty file", FileComments, "", `comments.csv: header: not a Pol.is export`},
		{"group -1", FileParticipants, "participant,group-id\n5,-1\n", `participants-votes.csv: line 2, column group-id: "-1" is not a group number`},
		{"repeated participant", FileParticipants, "participant,group-id\n5,\n5,1\n", `participants-votes.csv: line 3, column participant: "5" is not a new id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{FileComments: {Data: []byte(comments)}, FileVotes: {Data: []byte(votes)}}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.body)}
			_, err := Read(fsys)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := Read(fstest.MapFS{FileComments: {Data: []byte(comments)}}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("without votes.csv: error %v", err)
	}
}

// A changed vote: the later row counts, also when the file lists it first.
func TestReadOrdersVotesByTime(t *testing.T) {
	const votes = "timestamp,datetime,comment-id,voter-id,vote\n20,x,0,5,-1\n10,x,0,5,1\n10,x,1,5,0\n"
	v, err := ReadVotes(strings.NewReader(votes))
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 3 || v[0].Value != 1 || v[1].Comment != "1" || v[2].Value != -1 {
		t.Errorf("votes %+v, want them by time, file order among equal times", v)
	}
}
