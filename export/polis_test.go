package export_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/export"
	"github.com/heimatbot/heimatbot/opinionmap"
	"github.com/heimatbot/heimatbot/polis"
)

// camps is a community whose 30 voters (refs "resident-…") split into two
// camps over ten opinions, one of which moderation rejected after votes
// were cast, and one still waiting.
func camps() digest.Data {
	d := data()
	d.Opinions = nil
	for i := range 12 {
		st := digest.Approved
		switch i {
		case 10:
			st = digest.Rejected
		case 11:
			st = digest.Pending
		}
		d.Opinions = append(d.Opinions, digest.Opinion{ID: fmt.Sprintf("op-%02d", i), Created: at(17, i), Status: st, Text: fmt.Sprintf("Meinung %d", i)})
	}
	for v := range 30 {
		for i := range 11 {
			val := int8(1)
			if (v < 18) != (i%2 == 0) {
				val = -1
			}
			if (v+i)%7 == 0 {
				val = 0
			}
			d.Votes = append(d.Votes, digest.Vote{Voter: fmt.Sprintf("resident-%02d", v), Statement: fmt.Sprintf("op-%02d", i), Value: val, At: at(18, i)})
		}
	}
	return d
}

// export --format polis, then map --polis, gives the digest's groups; the
// files name no resident and no opinion id of heimatbot.
func TestPolisRoundTrip(t *testing.T) {
	d := camps()
	c, err := export.Polis(d, opinionmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := polis.Write(dir, c); err != nil {
		t.Fatal(err)
	}
	back, err := polis.Read(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	digestMap, err := opinionmap.Compute(digest.MapInput(d), opinionmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := opinionmap.Compute(back.Input(), opinionmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if digestMap.Status != opinionmap.Groups || again.Status != opinionmap.Groups || len(again.Groups) != len(digestMap.Groups) {
		t.Fatalf("digest map %v with %d groups, map of the export %v with %d", digestMap.Status, len(digestMap.Groups), again.Status, len(again.Groups))
	}
	if len(back.Groups) != 30 {
		t.Errorf("%d voters with a group-id, want 30", len(back.Groups))
	}
	for g, grp := range digestMap.Groups {
		if again.Groups[g].Size != grp.Size {
			t.Errorf("group %d: %d voters in the digest, %d from the export", g, grp.Size, again.Groups[g].Size)
		}
	}
	for p, g := range back.Groups {
		if pl, ok := again.Place(p); !ok || pl.Group != g {
			t.Errorf("voter %s: group-id %d, map of the export %d", p, g, pl.Group)
		}
	}
	if len(back.RejectedComments()) != 1 || len(back.Comments) != 12 || again.Summary.StatementsModeratedOut != 1 {
		t.Errorf("%d comments, rejected %v, summary %+v", len(back.Comments), back.RejectedComments(), again.Summary)
	}
	for _, name := range []string{polis.FileComments, polis.FileVotes, polis.FileParticipants, polis.FileSummary} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "resident-") || strings.Contains(string(b), "op-") {
			t.Errorf("%s names heimatbot's ids:\n%s", name, b)
		}
	}
}
