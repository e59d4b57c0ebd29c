package digest

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/opinionmap"
)

// Text renders the digest in l's language from the catalog texts digest_*.
// A quiet period gives a short note.
func (r *Report) Text(l *bot.Localizer) bot.Text {
	w := &writer{l: l}
	w.add("digest_title", "Community", r.Community, "From", w.date(r.Period.From), "To", w.date(r.Period.Last()),
		"PrevFrom", w.date(r.Previous.From), "PrevTo", w.date(r.Previous.Last()))
	if r.Quiet {
		w.add("digest_quiet", "Registered", r.Participation.Registered, "Upcoming", len(r.Events.Upcoming))
		w.upcoming(r.Events.Upcoming)
		return w.t
	}
	w.participation(r.Participation)
	w.voices(r.Voices)
	w.opinionMap(r.Map)
	w.blindSpots(r.BlindSpots)
	w.events(r.Events)
	w.helping(r.Helping)
	w.vorhaben(r.Vorhaben)
	if w.shownP {
		w.add("digest_footer")
	}
	return w.t
}

// Glance renders the figures at a glance, for /statistik: one line per
// part, each with the period before.
func (r *Report) Glance(l *bot.Localizer) bot.Text {
	w := &writer{l: l}
	w.add("stats_title", "From", w.date(r.Period.From), "To", w.date(r.Period.Last()))
	p, v, e, h := r.Participation, r.Voices, r.Events, r.Helping
	w.add("stats_people", "New", p.New.Now, "NewBefore", p.New.Before, "Active", p.Active.Now, "ActiveBefore", p.Active.Before, "Registered", p.Registered)
	w.add("stats_voices", "Opinions", v.Opinions.Now, "Before", v.Opinions.Before, "Votes", v.Votes.Now, "VotesBefore", v.Votes.Before, "Waiting", v.Waiting)
	w.add("stats_events", "Held", e.Held.Now, "HeldBefore", e.Held.Before, "Upcoming", len(e.Upcoming))
	w.add("stats_helping", "Offers", h.Offers.Now, "OffersBefore", h.Offers.Before, "Open", h.OpenNeeds, "Matches", h.Matches.Now, "MatchesBefore", h.Matches.Before)
	return w.t
}

// writer appends catalog texts.
type writer struct {
	l *bot.Localizer
	t bot.Text
	// shownP is set once a p-value is written, so that the legend that
	// explains it follows.
	shownP bool
}

func (w *writer) add(id string, params ...any) {
	w.t = w.t.Append(w.l.T(id, params...))
}

func (w *writer) date(t time.Time) string { return t.Format(w.l.S("digest_date_format")) }

// num formats x with one decimal and the language's decimal mark.
func (w *writer) num(x float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', decimals, 64), ".", w.l.S("digest_decimal_mark"), 1)
}

func (w *writer) pct(x float64) string { return strconv.Itoa(int(math.Round(100 * x))) }

// p formats a p-value in the usual notation.
func (w *writer) p(p float64) string {
	w.shownP = true
	if p < 0.001 {
		return "p < " + w.num(0.001, 3)
	}
	return "p = " + w.num(p, 3)
}

func (w *writer) name(n string) string {
	if n == "" {
		return w.l.S("digest_not_given")
	}
	return n
}

func (w *writer) participation(p Participation) {
	w.add("digest_participation", "New", p.New.Now, "NewBefore", p.New.Before,
		"Active", p.Active.Now, "ActiveBefore", p.Active.Before, "Registered", p.Registered)
	if !p.PopulationKnown {
		w.add("digest_population_missing", "Districts", strings.Join(p.MissingPopulation, ", "))
	}
	for _, d := range p.Districts {
		if d.Population > 0 {
			w.add("digest_district_population", "Name", w.name(d.Name), "New", d.New.Now, "NewBefore", d.New.Before,
				"Active", d.Active.Now, "ActiveBefore", d.Active.Before, "Registered", d.Registered,
				"Population", d.Population, "Per1000", w.num(d.ActivePer1000, 1))
		} else {
			w.add("digest_district", "Name", w.name(d.Name), "New", d.New.Now, "NewBefore", d.New.Before,
				"Active", d.Active.Now, "ActiveBefore", d.Active.Before, "Registered", d.Registered)
		}
	}
	if len(p.Roles) > 0 {
		w.add("digest_roles")
		for _, r := range p.Roles {
			w.add("digest_role", "Name", w.name(r.Name), "New", r.New.Now, "NewBefore", r.New.Before,
				"Active", r.Active.Now, "ActiveBefore", r.Active.Before, "Registered", r.Registered)
		}
	}
}

func (w *writer) voices(v Voices) {
	w.add("digest_voices", "Opinions", v.Opinions.Now, "Before", v.Opinions.Before,
		"Votes", v.Votes.Now, "VotesBefore", v.Votes.Before, "Waiting", v.Waiting)
	for _, t := range v.Themes {
		if t.Count.Now == 0 && t.Count.Before == 0 {
			continue
		}
		w.add("digest_theme", "Name", w.name(t.Name), "Now", t.Count.Now, "Before", t.Count.Before)
		for _, q := range t.Examples {
			w.add("digest_quote", "Text", q.Text, "District", w.name(q.District),
				"Agree", q.Agree, "Disagree", q.Disagree, "Pass", q.Pass, "NextStep", q.NextStep)
		}
	}
	var listed bool
	for _, d := range v.Districts {
		if d.Count.Now == 0 && d.Count.Before == 0 {
			continue
		}
		if !listed {
			w.add("digest_voices_districts")
			listed = true
		}
		w.add("digest_count_row", "Name", w.name(d.Name), "Now", d.Count.Now, "Before", d.Count.Before)
	}
}

func (w *writer) opinionMap(m MapView) {
	s := m.Summary
	w.add("digest_map_title")
	switch m.Status {
	case opinionmap.NotEnoughData:
		w.add("digest_map_not_enough", "MinVoters", m.MinVoters, "MinVotes", m.MinVotesPerVoter,
			"MinStatementVotes", m.MinStatementVotes, "Counted", s.VotersCounted, "Voters", s.Voters,
			"MinStatements", opinionmap.MinStatements, "Statements", s.StatementsReported, "AllStatements", s.Statements)
		return
	case opinionmap.NoClearGroups:
		w.add("digest_map_no_groups", "Counted", s.VotersCounted, "Votes", s.VotesCounted,
			"Statements", s.StatementsReported, "Structure", w.pct(m.Structure), "NullMax", w.pct(m.NullMax),
			"Shuffled", !m.Structured, "MinGroup", m.MinGroupSize)
	default:
		w.add("digest_map_groups", "Counted", s.VotersCounted, "Votes", s.VotesCounted,
			"Statements", s.StatementsReported, "K", len(m.Groups), "Structure", w.pct(m.Structure),
			"NullMax", w.pct(m.NullMax), "Permutations", m.Permutations, "P", w.p(m.P))
		for _, g := range m.Groups {
			w.add("digest_group", "Name", g.Name, "Size", g.Size)
			for _, d := range g.Representative {
				w.add("digest_distinct", "Agreeing", d.Agreeing, "Text", d.Text, "Side", d.Side, "Votes", d.Votes,
					"RestSide", d.RestSide, "RestVotes", d.RestVotes, "P", w.p(d.P))
			}
		}
	}
	if len(m.CommonGround) == 0 {
		w.add("digest_common_none")
	} else {
		w.add("digest_common", "Groups", m.Status == opinionmap.Groups)
		for _, c := range m.CommonGround {
			w.add("digest_common_row", "Agreeing", c.Agreeing, "Text", c.Text, "Side", c.Side, "Votes", c.Votes, "MinRate", w.pct(c.MinRate),
				"Groups", m.Status == opinionmap.Groups)
		}
	}
	group := func(n string) string { return w.l.S("digest_group_name", "Name", n) }
	w.divides("digest_divisive_groups", m.Divisive, group)
	w.divides("digest_divisive_districts", m.ByDistrict, w.name)
	w.divides("digest_divisive_roles", m.ByRole, w.name)
}

func (w *writer) divides(title string, ds []Divide, name func(string) string) {
	if len(ds) == 0 {
		return
	}
	w.add(title)
	for _, d := range ds {
		w.add("digest_divide", "Text", d.Text, "High", name(d.High.Name), "HighRate", w.pct(d.High.Rate()),
			"HighAgree", d.High.Agree, "HighVotes", d.High.Votes, "Low", name(d.Low.Name), "LowRate", w.pct(d.Low.Rate()),
			"LowAgree", d.Low.Agree, "LowVotes", d.Low.Votes, "N", d.N, "P", w.p(d.P))
	}
}

func (w *writer) blindSpots(cs []BlindSpotCheck) {
	w.add("digest_blind_title")
	for _, c := range cs {
		dim := w.l.S("digest_dim_" + string(c.Dimension))
		basis := w.l.S([]string{"digest_basis_population", "digest_basis_participants", "digest_basis_equal"}[c.Basis])
		switch {
		case c.N == 0:
			w.add("digest_blind_no_voices", "Dimension", dim)
			continue
		case !c.Tested && len(c.Under) == 0:
			w.add("digest_blind_too_few", "Dimension", dim, "N", c.N, "Basis", basis)
		case len(c.Under) == 0:
			w.add("digest_blind_none", "Dimension", dim, "N", c.N, "Basis", basis, "P", w.p(c.P))
		default:
			w.add("digest_blind_some", "Dimension", dim, "N", c.N, "Basis", basis)
			for _, u := range c.Under {
				w.add("digest_blind_cell", "Name", w.name(u.Name), "Observed", u.Observed, "Expected", w.num(u.Expected, 1), "P", w.p(u.P))
			}
		}
		if len(c.TooSmall) > 0 {
			w.add("digest_blind_small", "Names", strings.Join(c.TooSmall, ", "))
		}
	}
}

func (w *writer) events(e Events) {
	w.add("digest_events", "Held", e.Held.Now, "HeldBefore", e.Held.Before, "Attended", e.Attended.Now,
		"AttendedBefore", e.Attended.Before, "Feedback", e.Feedback.Now, "FeedbackBefore", e.Feedback.Before)
	for _, ev := range e.Past {
		w.add("digest_event_past", "Title", ev.Title, "Date", w.date(ev.Start), "Yes", ev.Yes,
			"Known", ev.AttendanceKnown, "Attended", ev.Attended, "N", ev.FeedbackN, "Mean", w.num(ev.MeanScore, 1))
		for _, c := range ev.Comments {
			w.add("digest_event_comment", "Text", c)
		}
	}
	w.upcoming(e.Upcoming)
}

func (w *writer) upcoming(evs []EventView) {
	if len(evs) == 0 {
		return
	}
	w.add("digest_upcoming")
	for _, ev := range evs {
		w.add("digest_event_upcoming", "Title", ev.Title, "Date", w.date(ev.Start), "Yes", ev.Yes, "Capacity", ev.Capacity,
			"Maybe", ev.Maybe, "No", ev.No, "Waiting", ev.Waiting)
	}
}

func (w *writer) helping(h Helping) {
	w.add("digest_helping", "Offers", h.Offers.Now, "OffersBefore", h.Offers.Before, "Withdrawn", h.Withdrawn.Now,
		"NewNeeds", h.NewNeeds.Now, "NeedsBefore", h.NewNeeds.Before, "Open", h.OpenNeeds,
		"Matches", h.Matches.Now, "MatchesBefore", h.Matches.Before)
	if h.Offers.Now > 0 || h.Offers.Before > 0 {
		w.add("digest_offer_categories")
	}
	for _, c := range h.Categories {
		if c.Count.Now > 0 || c.Count.Before > 0 {
			w.add("digest_count_row", "Name", w.name(c.Name), "Now", c.Count.Now, "Before", c.Count.Before)
		}
	}
	if len(h.Unanswered) > 0 {
		w.add("digest_unanswered", "N", len(h.Unanswered))
		for _, n := range h.Unanswered {
			w.add("digest_need", "Title", n.Title, "District", w.name(n.District), "Date", w.date(n.Created))
		}
	}
}
