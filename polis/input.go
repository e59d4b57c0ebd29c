package polis

import "github.com/heimatbot/heimatbot/opinionmap"

// Input is the conversation as the opinion map reads it: every vote in
// time order (so a changed vote replaces the earlier one), and the
// comments moderation rejected, whose votes Pol.is counts towards a
// participant's number of votes but leaves out of the map.
func (c *Conversation) Input() opinionmap.Input {
	in := opinionmap.Input{Votes: make([]opinionmap.Vote, len(c.Votes)), ModeratedOut: c.RejectedComments()}
	for i, v := range c.Votes {
		in.Votes[i] = opinionmap.Vote{Voter: v.Voter, Statement: v.Comment, Value: v.Value}
	}
	return in
}
