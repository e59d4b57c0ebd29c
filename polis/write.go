package polis

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// Write writes the conversation as an export folder: comments.csv,
// votes.csv, participants-votes.csv (with Groups as group-id) and
// summary.csv, created in dir (which must exist). Texts are written as
// they are: the files are for tools, which read a leading "=" as text.
func Write(dir string, c *Conversation) error {
	files := []struct {
		name string
		fill func(*csv.Writer) error
	}{
		{FileSummary, c.writeSummary},
		{FileComments, c.writeComments},
		{FileVotes, c.writeVotes},
		{FileParticipants, c.writeParticipants},
	}
	for _, f := range files {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := f.fill(w); err != nil {
			return fmt.Errorf("polis: %s: %w", f.name, err)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return fmt.Errorf("polis: %s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("polis: %w", err)
		}
	}
	return nil
}

// millis is the time in Unix milliseconds; an unknown (zero) time is blank.
func millis(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.UnixMilli(), 10)
}

func datetime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(datetimeLayout)
}

const datetimeLayout = "Mon Jan 02 15:04:05 MST 2006" // as Pol.is writes it

func (c *Conversation) writeSummary(w *csv.Writer) error {
	for _, f := range c.Summary {
		if err := w.Write([]string{f.Key, f.Value}); err != nil {
			return err
		}
	}
	return nil
}

func (c *Conversation) writeComments(w *csv.Writer) error {
	if err := w.Write([]string{"timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"}); err != nil {
		return err
	}
	for _, cm := range c.Comments {
		rec := []string{millis(cm.Created), datetime(cm.Created), cm.ID, cm.Author,
			strconv.Itoa(cm.Agrees), strconv.Itoa(cm.Disagrees), strconv.Itoa(cm.Moderated), cm.Body}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

func (c *Conversation) writeVotes(w *csv.Writer) error {
	if err := w.Write([]string{"timestamp", "datetime", "comment-id", "voter-id", "vote"}); err != nil {
		return err
	}
	for _, v := range c.Votes {
		rec := []string{millis(v.Created), datetime(v.Created), v.Comment, v.Voter, strconv.Itoa(int(v.Value))}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// writeParticipants writes one row per voter: group, counts and the final
// vote on every comment (blank where there is none).
func (c *Conversation) writeParticipants(w *csv.Writer) error {
	comments := make([]string, len(c.Comments))
	col := make(map[string]int, len(c.Comments))
	for i, cm := range c.Comments {
		comments[i] = cm.ID
	}
	slices.SortFunc(comments, compareIDs)
	for i, id := range comments {
		col[id] = i
	}
	authored := map[string]int{}
	for _, cm := range c.Comments {
		authored[cm.Author]++
	}
	final := map[string][]string{} // voter -> vote per comment column
	var voters []string
	for _, v := range c.Votes {
		row, ok := final[v.Voter]
		if !ok {
			row = make([]string, len(comments))
			final[v.Voter] = row
			voters = append(voters, v.Voter)
		}
		if j, ok := col[v.Comment]; ok {
			row[j] = strconv.Itoa(int(v.Value))
		}
	}
	slices.SortFunc(voters, compareIDs)
	head := append([]string{"participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}, comments...)
	if err := w.Write(head); err != nil {
		return err
	}
	for _, p := range voters {
		row := final[p]
		var n, agree, disagree int
		for _, v := range row {
			switch v {
			case "":
				continue
			case "1":
				agree++
			case "-1":
				disagree++
			}
			n++
		}
		group := ""
		if g, ok := c.Groups[p]; ok {
			group = strconv.Itoa(g)
		}
		rec := append([]string{p, group, strconv.Itoa(authored[p]), strconv.Itoa(n), strconv.Itoa(agree), strconv.Itoa(disagree)}, row...)
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// compareIDs orders numeric ids by number (as Pol.is numbers them), then
// other ids as text.
func compareIDs(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(x, y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Compare(a, b)
}
