package digest_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/digest"
)

// large is a region's data: 100,000 opinions (one in ten still awaiting
// moderation), 1,000,000 votes of 20,000 residents in two opinion camps
// with noise, six districts, nine themes, 200 events, 5,000 offers and
// 2,000 needs.
func large() digest.Data {
	now, prev := week()
	rng := rand.New(rand.NewPCG(1, 2))
	d := digest.Data{Period: now, Previous: prev, Community: community(6000, 1200, 30)}
	d.Community.Districts = append(d.Community.Districts,
		digest.Category{ID: "opperode", Name: "Opperode", Population: 400},
		digest.Category{ID: "radisleben", Name: "Radisleben", Population: 500},
		digest.Category{ID: "rieder", Name: "Rieder", Population: 700})
	for i := range 6 {
		d.Community.Themes = append(d.Community.Themes, digest.Category{ID: fmt.Sprintf("t%d", i), Name: fmt.Sprintf("Thema %d", i)})
	}
	pick := func(cs []digest.Category) string { return cs[rng.IntN(len(cs))].ID }
	span := now.To.Sub(prev.From)
	when := func() time.Time { return prev.From.Add(time.Duration(rng.Int64N(int64(span)))) }
	const voters, opinions, votes = 20_000, 100_000, 1_000_000
	for i := range voters {
		t := when()
		d.People = append(d.People, digest.Person{Ref: fmt.Sprintf("r%05d", i), District: pick(d.Community.Districts), Role: pick(d.Community.Roles), Joined: t, LastActive: t})
	}
	for i := range opinions {
		st := digest.Approved
		if i%10 == 0 {
			st = digest.Pending
		}
		d.Opinions = append(d.Opinions, digest.Opinion{ID: fmt.Sprintf("o%06d", i), Theme: pick(d.Community.Themes), District: pick(d.Community.Districts),
			Role: pick(d.Community.Roles), Created: when(), Status: st, Text: "Eine Meinung", Agree: rng.IntN(20), Disagree: rng.IntN(5)})
	}
	d.Votes = make([]digest.Vote, 0, votes)
	for range votes {
		v := rng.IntN(voters)
		s := rng.IntN(opinions)
		val := int8(1)
		if (v%2 == 0) != (s%2 == 0) {
			val = -1
		}
		if rng.IntN(5) == 0 {
			val = int8(rng.IntN(3) - 1)
		}
		p := d.People[v]
		d.Votes = append(d.Votes, digest.Vote{Voter: p.Ref, Statement: d.Opinions[s].ID, Value: val, At: when(), District: p.District, Role: p.Role})
	}
	for i := range 200 {
		d.Events = append(d.Events, digest.Event{ID: fmt.Sprintf("e%d", i), Title: "Termin", Start: when().Add(7 * 24 * time.Hour), Yes: rng.IntN(30),
			AttendanceKnown: true, Attended: rng.IntN(30), Feedback: []digest.Feedback{{Score: 1 + rng.IntN(5), At: when()}}})
	}
	for i := range 5000 {
		d.Offers = append(d.Offers, digest.Offer{ID: fmt.Sprintf("f%d", i), Categories: []string{pick(d.Community.HelpCategories)}, Created: when()})
	}
	for i := range 2000 {
		n := digest.Need{ID: fmt.Sprintf("n%d", i), Title: "Gesuch", District: pick(d.Community.Districts), Created: when(), Status: digest.NeedOpen}
		if i%3 == 0 {
			n.Matches = []digest.Match{{Offer: "f1", At: when()}}
		}
		d.Needs = append(d.Needs, n)
	}
	return d
}

// BenchmarkDigest builds and renders (text and chart) the digest of
// 100,000 opinions and 1,000,000 votes:
//
//	go test ./digest/ -run '^$' -bench Digest -benchtime=1x -benchmem -cpu 2
func BenchmarkDigest(b *testing.B) {
	d := large()
	l := localizer(b, "de")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := digest.Build(d, digest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("map: structure %.3g, shuffled at most %.3g in %d copies, p %.2g, %d groups", r.Map.Structure, r.Map.NullMax, r.Map.Permutations, r.Map.P, len(r.Map.Groups))
		if r.Map.Summary.Votes == 0 || r.Text(l).IsZero() {
			b.Fatal("empty digest")
		}
		if _, err := r.Chart(l); err != nil {
			b.Fatal(err)
		}
	}
}
