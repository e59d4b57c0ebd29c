package polis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Read reads an export folder. comments.csv and votes.csv are required;
// participants-votes.csv and summary.csv are read when present.
func Read(fsys fs.FS) (*Conversation, error) {
	c := &Conversation{}
	steps := []struct {
		name     string
		optional bool
		read     func(io.Reader) error
	}{
		{FileComments, false, func(r io.Reader) (err error) { c.Comments, err = ReadComments(r); return }},
		{FileVotes, false, func(r io.Reader) (err error) { c.Votes, err = ReadVotes(r); return }},
		{FileParticipants, true, func(r io.Reader) (err error) { c.Groups, err = ReadGroups(r); return }},
		{FileSummary, true, func(r io.Reader) (err error) { c.Summary, err = ReadSummary(r); return }},
	}
	for _, s := range steps {
		f, err := fsys.Open(s.name)
		if s.optional && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("polis: %w", err)
		}
		err = s.read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("polis: %s: %w", s.name, err)
		}
	}
	return c, nil
}

// table reads a CSV file with a header row and hands each record to row,
// with a lookup of the named columns it needs.
type table struct {
	r    *csv.Reader
	col  map[string]int
	line int
	rec  []string
}

func newTable(r io.Reader, need ...string) (*table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w: %w", ErrFormat, err)
	}
	t := &table{r: cr, col: make(map[string]int, len(head))}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := t.col[h]; !dup {
			t.col[h] = i
		}
	}
	for _, n := range need {
		if _, ok := t.col[n]; !ok {
			return nil, fmt.Errorf("no column %q: %w", n, ErrFormat)
		}
	}
	return t, nil
}

// next reads the next record; ok is false at the end.
func (t *table) next() (ok bool, err error) {
	t.rec, err = t.r.Read()
	if errors.Is(err, io.EOF) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	t.line, _ = t.r.FieldPos(0)
	return true, nil
}

// get returns the named column of the current record ("" when the record
// is short).
func (t *table) get(name string) string {
	i, ok := t.col[name]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return t.rec[i]
}

func (t *table) fail(name, value, want string) error {
	return fmt.Errorf("line %d, column %s: %q is not %s: %w", t.line, name, value, want, ErrFormat)
}

func (t *table) id(name string) (string, error) {
	v := strings.TrimSpace(t.get(name))
	if v == "" {
		return "", t.fail(name, v, "an id")
	}
	return v, nil
}

func (t *table) int(name string) (int, error) {
	v := strings.TrimSpace(t.get(name))
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, t.fail(name, v, "a whole number")
	}
	return n, nil
}

// millis reads a Unix time in milliseconds; an empty field is the zero time.
func (t *table) millis(name string) (time.Time, error) {
	v := strings.TrimSpace(t.get(name))
	if v == "" {
		return time.Time{}, nil
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil || ms < 0 || ms > maxMillis {
		return time.Time{}, t.fail(name, v, "a time in milliseconds")
	}
	return time.UnixMilli(ms).UTC(), nil
}

// maxMillis is the year 9999: later times do not survive a round trip.
const maxMillis = 253402300799999

// vote parses a vote value: −1, 0 or +1 (Pol.is writes "1", some tools
// "1.0" or "+1").
func vote(s string) (int8, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	switch {
	case err != nil:
		return 0, false
	case f == 1:
		return 1, true
	case f == -1:
		return -1, true
	case f == 0:
		return 0, true
	}
	return 0, false
}

// ReadComments reads comments.csv.
func ReadComments(r io.Reader) ([]Comment, error) {
	t, err := newTable(r, "comment-id", "moderated", "comment-body")
	if err != nil {
		return nil, err
	}
	var out []Comment
	seen := map[string]bool{}
	for {
		ok, err := t.next()
		if !ok {
			return out, err
		}
		var c Comment
		if c.ID, err = t.id("comment-id"); err != nil {
			return nil, err
		}
		if seen[c.ID] {
			return nil, t.fail("comment-id", c.ID, "a new id")
		}
		seen[c.ID] = true
		if c.Moderated, err = t.int("moderated"); err != nil {
			return nil, err
		}
		if c.Moderated < Rejected || c.Moderated > Accepted {
			return nil, t.fail("moderated", t.get("moderated"), "-1, 0 or 1")
		}
		if c.Created, err = t.millis("timestamp"); err != nil {
			return nil, err
		}
		for _, f := range []struct {
			name string
			to   *int
		}{{"agrees", &c.Agrees}, {"disagrees", &c.Disagrees}} {
			if strings.TrimSpace(t.get(f.name)) == "" {
				continue
			}
			if *f.to, err = t.int(f.name); err != nil {
				return nil, err
			}
		}
		c.Author = strings.TrimSpace(t.get("author-id"))
		c.Body = t.get("comment-body")
		out = append(out, c)
	}
}

// ReadVotes reads votes.csv and sorts the votes by time, keeping the file
// order among equal times.
func ReadVotes(r io.Reader) ([]Vote, error) {
	t, err := newTable(r, "comment-id", "voter-id", "vote")
	if err != nil {
		return nil, err
	}
	var out []Vote
	for {
		ok, err := t.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		var v Vote
		if v.Comment, err = t.id("comment-id"); err != nil {
			return nil, err
		}
		if v.Voter, err = t.id("voter-id"); err != nil {
			return nil, err
		}
		var valid bool
		if v.Value, valid = vote(t.get("vote")); !valid {
			return nil, t.fail("vote", t.get("vote"), "-1, 0 or 1")
		}
		if v.Created, err = t.millis("timestamp"); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b Vote) int { return a.Created.Compare(b.Created) })
	return out, nil
}

// ReadGroups reads the participant and group-id columns of
// participants-votes.csv; a blank group-id means "not grouped".
func ReadGroups(r io.Reader) (map[string]int, error) {
	t, err := newTable(r, "participant", "group-id")
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	seen := map[string]bool{}
	for {
		ok, err := t.next()
		if !ok {
			return out, err
		}
		p, err := t.id("participant")
		if err != nil {
			return nil, err
		}
		if seen[p] {
			return nil, t.fail("participant", p, "a new id")
		}
		seen[p] = true
		if strings.TrimSpace(t.get("group-id")) == "" {
			continue
		}
		g, err := t.int("group-id")
		if err != nil || g < 0 {
			return nil, t.fail("group-id", t.get("group-id"), "a group number")
		}
		out[p] = g
	}
}

// ReadSummary reads summary.csv: key,value rows without a header.
func ReadSummary(r io.Reader) ([]Field, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var out []Field
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		f := Field{Key: strings.TrimSpace(rec[0])}
		if len(rec) > 1 {
			f.Value = rec[1]
		}
		out = append(out, f)
	}
}
