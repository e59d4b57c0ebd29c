// Package polis reads and writes the export format of Pol.is
// (pol.is, compdemocracy.org): a folder with comments.csv, votes.csv and,
// optionally, participants-votes.csv (with each participant's group) and
// summary.csv. Sensemaker, red-dwarf and Pol.is's own tools read the same
// files, so a conversation can move between them and heimatbot.
//
// Files come from outside: Read checks every field it uses and answers a
// malformed file with an error that names the file, the line and the column.
package polis

import (
	"errors"
	"time"
)

// Moderation states of a comment, as Pol.is writes them.
const (
	Rejected    = -1
	Unmoderated = 0
	Accepted    = 1
)

// Comment is one statement of the conversation.
type Comment struct {
	ID        string
	Author    string
	Created   time.Time
	Agrees    int // as exported; Read does not recount them
	Disagrees int
	Moderated int // Accepted, Unmoderated or Rejected
	Body      string
}

// Vote is one row of votes.csv: +1 agree, −1 disagree, 0 pass. A
// participant may change a vote; the latest row counts.
type Vote struct {
	Created time.Time
	Comment string
	Voter   string
	Value   int8
}

// Conversation is one export folder.
type Conversation struct {
	// Summary holds summary.csv's key,value rows in file order.
	Summary []Field
	// Comments in file order.
	Comments []Comment
	// Votes sorted by time (file order among equal times), so that the
	// last vote of a participant on a comment is the one that counts.
	Votes []Vote
	// Groups maps a participant to the group Pol.is (or heimatbot) put
	// them in; participants without a group are absent. Nil when the
	// folder has no participants-votes.csv.
	Groups map[string]int
}

// Field is one key,value row of summary.csv.
type Field struct{ Key, Value string }

// RejectedComments returns the ids of the comments that moderation removed.
func (c *Conversation) RejectedComments() []string {
	var ids []string
	for _, cm := range c.Comments {
		if cm.Moderated == Rejected {
			ids = append(ids, cm.ID)
		}
	}
	return ids
}

// File names of the export.
const (
	FileComments     = "comments.csv"
	FileVotes        = "votes.csv"
	FileParticipants = "participants-votes.csv"
	FileSummary      = "summary.csv"
)

// ErrFormat is returned (wrapped) for a file that is not in the export
// format.
var ErrFormat = errors.New("not a Pol.is export")
