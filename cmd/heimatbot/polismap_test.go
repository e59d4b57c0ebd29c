package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/opinionmap"
	"github.com/heimatbot/heimatbot/polis"
)

// `heimatbot map --polis` on a real Pol.is export writes the map as the
// digest draws it, and a groups file that agrees with Pol.is's groups
// (adjusted Rand index at least 0.88 on this conversation, see
// polis.TestMapAgreesWithPolis for all three).
func TestMapOfAPolisExport(t *testing.T) {
	dir := filepath.Join("..", "..", "polis", "testdata", "15-per-hour-seattle")
	groups := filepath.Join(t.TempDir(), "groups.csv")
	r := heimatbot(t, nil, "map", "--polis", dir, "--groups", groups, "--lang", "en")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"**Opinion map**", "form 2 opinion groups", "**Group A**", "**Group B**", "What divides the groups:", "“This will cause small businesses to go out of business.”"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("map lacks %q:\n%s", want, r.stdout)
		}
	}
	f, err := os.Open(groups)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	conv, err := polis.Read(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "participant" || rows[0][1] != "group" {
		t.Fatalf("header %v", rows[0])
	}
	var theirs, ours []int
	for _, row := range rows[1:] {
		g, err := strconv.Atoi(row[1])
		if err != nil {
			t.Fatalf("row %v", row)
		}
		if pg, ok := conv.Groups[row[0]]; ok {
			theirs, ours = append(theirs, pg), append(ours, g)
		}
	}
	if ari := opinionmap.AdjustedRand(theirs, ours); ari < 0.88 || len(ours) < 130 {
		t.Errorf("adjusted Rand index %.3f on %d voters", ari, len(ours))
	}
}

// A folder that is not a Pol.is export gets a clear answer and exit 1.
func TestMapOfAMissingOrBrokenExport(t *testing.T) {
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "comments.csv"), []byte("comment-id,moderated,comment-body\n0,7,x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "votes.csv"), []byte("comment-id,voter-id,vote\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"map"}, "name the Pol.is export folder with --polis DIR"},
		{[]string{"map", "--polis", filepath.Join(broken, "nope")}, "comments.csv: no such file or directory"},
		{[]string{"map", "--polis", broken}, `comments.csv: line 2, column moderated: "7" is not -1, 0 or 1`},
	} {
		r := heimatbot(t, nil, tt.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want %q", tt.args, r.code, r.stderr, r.stdout, tt.want)
		}
	}
}
