// Package digest builds the organizers' weekly picture: who took part, what
// the town said, where it agrees and splits, who is missing, how the events
// went and how helping hands found needs. It reads a plain Data value (a
// store adapter fills it), computes a Report in which every figure carries
// the counts it rests on and the figure of the period before, and renders
// it as catalog text, Markdown and a PNG chart.
package digest

import (
	"time"

	"github.com/heimatbot/heimatbot/config"
)

// Period is the half-open interval [From, To).
type Period struct {
	From, To time.Time
}

// Last is the period's last instant, on its last day ("bis 06.12." for a
// week ending at midnight of the 7th).
func (p Period) Last() time.Time { return p.To.Add(-time.Nanosecond) }

// Contains reports whether t lies in the period.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.From) && t.Before(p.To)
}

// Data is everything a digest reads: the community and what happened in
// the period and the one before it. Records outside both periods may be
// present (older opinions, votes and needs, upcoming events); Build uses
// them where the text says so (the opinion map reads every vote before
// Period.To, open needs are open whenever they were posted).
type Data struct {
	Period    Period
	Previous  Period
	Community Community
	People    []Person
	Opinions  []Opinion
	Votes     []Vote
	Events    []Event
	Offers    []Offer
	Needs     []Need
	Vorhaben  []Vorhaben
	WordBack  []WordBack
}

// Community is the configured frame: districts with their population,
// themes, roles and help categories, with labels in the digest's language.
type Community struct {
	Name           string
	Districts      []Category
	Themes         []Category
	Roles          []Category
	HelpCategories []Category
}

// Category is one configured district, theme, role or help category.
// Population is the district's population from the town's register; 0
// means unknown.
type Category struct {
	ID         string
	Name       string
	Population int
}

// CommunityOf takes the frame from the configuration, labels in lang.
func CommunityOf(c config.Community, lang string) Community {
	conv := func(opts []config.Option) []Category {
		out := make([]Category, len(opts))
		for i, o := range opts {
			out[i] = Category{ID: o.ID, Name: o.Name.In(lang), Population: o.Population}
		}
		return out
	}
	return Community{
		Name:           c.Name,
		Districts:      conv(c.Districts),
		Themes:         conv(c.Themes),
		Roles:          conv(c.Roles),
		HelpCategories: conv(c.HelpCategories),
	}
}

// Person is one consenting resident, by pseudonymous reference. District
// and Role are empty when not given.
type Person struct {
	Ref        string
	District   string
	Role       string
	Joined     time.Time
	LastActive time.Time
}

// OpinionStatus is where an opinion stands in moderation.
type OpinionStatus string

// Opinion statuses. Only approved opinions are quoted, counted as voices
// or mapped.
const (
	Approved OpinionStatus = "approved"
	Pending  OpinionStatus = "pending"
	Rejected OpinionStatus = "rejected"
	Held     OpinionStatus = "held"
)

// Opinion is a resident's short statement on a theme, without the author.
// District and Role are the author's at the time of writing.
type Opinion struct {
	ID       string
	Theme    string
	District string
	Role     string
	Created  time.Time
	Status   OpinionStatus
	Text     string
	// NextStep is what the organizers said happens with it, if anything.
	NextStep string
	// Agree, Disagree and Pass are the votes on it so far.
	Agree, Disagree, Pass int
}

// Vote values.
const (
	VoteAgree    int8 = 1
	VotePass     int8 = 0
	VoteDisagree int8 = -1
)

// Vote is a resident's reaction to an opinion, with the voter's district
// and role when the vote was cast.
type Vote struct {
	Voter     string // pseudonymous Ref
	Statement string // Opinion.ID
	Value     int8   // VoteAgree, VotePass or VoteDisagree
	At        time.Time
	District  string
	Role      string
}

// Event is a town conversation or other date, with its answers so far.
type Event struct {
	ID    string
	Title string
	Theme string
	Start time.Time
	// Capacity limits the yes answers; 0 means no limit.
	Capacity                int
	Yes, Maybe, No, Waiting int
	Cancelled               bool
	AttendanceKnown         bool
	Attended                int
	Feedback                []Feedback
}

// Feedback is one participant's view of an event afterwards.
type Feedback struct {
	Score   int // 1 (poor) to 5 (very good)
	Comment string
	At      time.Time
}

// Offer is a resident's offer to help. Contact is the way to reach them;
// it is exported only when ContactAllowed.
type Offer struct {
	ID             string
	Categories     []string
	Districts      []string
	TimeCommitment string
	Created        time.Time
	// Withdrawn is zero while the offer stands.
	Withdrawn      time.Time
	Contact        string
	ContactAllowed bool
}

// NeedStatus is whether a need still looks for help.
type NeedStatus string

// Need statuses.
const (
	NeedOpen   NeedStatus = "open"
	NeedFilled NeedStatus = "filled"
)

// Need is an association's request for help (a Gesuch).
type Need struct {
	ID         string
	Title      string
	Categories []string
	District   string
	Created    time.Time
	Status     NeedStatus
	// Interested is how many residents said they could help.
	Interested int
	Matches    []Match
}

// Match is an offer (or a resident) connected with a need.
type Match struct {
	Offer string // Offer.ID, or empty when a resident answered directly
	At    time.Time
}
