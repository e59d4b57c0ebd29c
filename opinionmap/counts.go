package opinionmap

// Counts are the votes on one statement by one set of voters.
type Counts struct {
	Agree, Disagree, Pass int
}

// Votes is the number of voters who saw the statement and voted (passes
// included).
func (c Counts) Votes() int { return c.Agree + c.Disagree + c.Pass }

// AgreeRate is Agree / Votes (0 without votes).
func (c Counts) AgreeRate() float64 { return rate(c.Agree, c.Votes()) }

// DisagreeRate is Disagree / Votes (0 without votes).
func (c Counts) DisagreeRate() float64 { return rate(c.Disagree, c.Votes()) }

// SmoothedAgree is the Pol.is-style rate (Agree+1) / (Votes+2), which keeps
// a handful of votes from looking like 0 % or 100 %.
func (c Counts) SmoothedAgree() float64 { return smoothed(c.Agree, c.Votes()) }

// SmoothedDisagree is (Disagree+1) / (Votes+2).
func (c Counts) SmoothedDisagree() float64 { return smoothed(c.Disagree, c.Votes()) }

func (c Counts) side(d Direction) int {
	if d == Disagreeing {
		return c.Disagree
	}
	return c.Agree
}

func (c Counts) sub(o Counts) Counts {
	return Counts{c.Agree - o.Agree, c.Disagree - o.Disagree, c.Pass - o.Pass}
}

func (c *Counts) add(v int8) {
	switch v {
	case Agree:
		c.Agree++
	case Disagree:
		c.Disagree++
	default:
		c.Pass++
	}
}

func rate(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

func smoothed(k, n int) float64 { return float64(k+1) / float64(n+2) }

// tally counts the votes per statement and label: label[i] is the label of
// matrix row i, or −1 to leave the row out. The result is indexed
// [statement*labels + label].
func tally(m *matrix, label []int, labels int) []Counts {
	out := make([]Counts, len(m.statements)*labels)
	for i, l := range label {
		if l < 0 {
			continue
		}
		cols, vals := m.row(i)
		for k, s := range cols {
			out[int(s)*labels+l].add(vals[k])
		}
	}
	return out
}
