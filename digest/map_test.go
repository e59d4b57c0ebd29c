package digest_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/opinionmap"
)

// planted is a week in which 20 residents of the Kernstadt and 20 of
// Badeborn vote on 12 statements: the first group agrees with s01–s05 and
// rejects s06–s10, the second the other way round, and both agree with
// s11 and s12. Every fifth voter casts one vote against the group's line,
// so the groups are clear but not perfect.
func planted() digest.Data {
	now, prev := week()
	d := digest.Data{Period: now, Previous: prev, Community: community()}
	texts := map[string]string{
		"s01": "Das Freibad muss bleiben", "s02": "Mehr Bänke im Park", "s03": "Ein Jugendtreff am Markt",
		"s04": "Busse auch am Sonntag", "s05": "Ein Dorffest im Sommer",
		"s06": "Die Hauptstraße wird Einbahnstraße", "s07": "Neue Parkplätze statt Grünfläche", "s08": "Die Schule zieht in die Kernstadt",
		"s09": "Ein Windpark am Waldrand", "s10": "Die Bücherei schließt samstags",
		"s11": "Der Spielplatz braucht neue Geräte", "s12": "Gehwege im Winter räumen",
	}
	for i := 1; i <= 12; i++ {
		id := fmt.Sprintf("s%02d", i)
		d.Opinions = append(d.Opinions, digest.Opinion{ID: id, Theme: "jugend", District: "kernstadt", Created: day(16, 9), Status: digest.Approved, Text: texts[id]})
	}
	for v := range 40 {
		voter := fmt.Sprintf("r%02d", v)
		district, sign := "kernstadt", int8(1)
		if v >= 20 {
			district, sign = "badeborn", -1
		}
		d.People = append(d.People, digest.Person{Ref: voter, District: district, Role: "buerger", Joined: day(16, 9), LastActive: day(17, 9)})
		for i := 1; i <= 12; i++ {
			val := sign
			if i > 5 && i <= 10 {
				val = -sign
			}
			if i > 10 {
				val = digest.VoteAgree
			}
			if v%5 == 0 && i == 1+v%10 {
				val = -val
			}
			d.Votes = append(d.Votes, digest.Vote{Voter: voter, Statement: fmt.Sprintf("s%02d", i), Value: val, At: day(17, 10), District: district, Role: "buerger"})
		}
	}
	return d
}

func TestOpinionMapFindsPlantedGroups(t *testing.T) {
	r := build(t, planted(), digest.Options{Top: 20})
	m := r.Map
	if m.Status != opinionmap.Groups || len(m.Groups) != 2 {
		t.Fatalf("map = %v with %d groups, want two groups", m.Status, len(m.Groups))
	}
	equal(t, "group sizes", []int{m.Groups[0].Size, m.Groups[1].Size}, []int{20, 20})
	equal(t, "groups named", []string{m.Groups[0].Name, m.Groups[1].Name}, []string{"A", "B"})

	var divisive, common []string
	for _, d := range m.Divisive {
		divisive = append(divisive, d.ID)
		if !(d.High.Name == "A" && d.Low.Name == "B" || d.High.Name == "B" && d.Low.Name == "A") {
			t.Errorf("%s divides %s and %s, want groups A and B", d.ID, d.High.Name, d.Low.Name)
		}
	}
	for _, c := range m.CommonGround {
		common = append(common, c.ID)
		if !c.Agreeing {
			t.Errorf("%s is shared as rejection", c.ID)
		}
	}
	slices.Sort(divisive)
	slices.Sort(common)
	equal(t, "divisive statements", divisive, []string{"s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"})
	equal(t, "common ground", common, []string{"s11", "s12"})

	// Each group is set apart by the statements of its line.
	for _, g := range m.Groups {
		if len(g.Representative) == 0 || len(g.Representative) > 5 {
			t.Fatalf("group %s has %d representative statements, want 1 to 5", g.Name, len(g.Representative))
		}
		for _, s := range g.Representative {
			if s.ID == "s11" || s.ID == "s12" || s.P >= 0.05 {
				t.Errorf("group %s: %s (p %.3f) is not what sets it apart", g.Name, s.ID, s.P)
			}
		}
	}
	// The two districts split along the same line.
	if len(m.ByDistrict) == 0 || !strings.Contains(m.ByDistrict[0].High.Name+m.ByDistrict[0].Low.Name, "Badeborn") {
		t.Errorf("districts do not divide: %+v", m.ByDistrict)
	}

	text := r.Text(localizer(t, "de")).Plain()
	for _, want := range []string{
		"40 Personen mit 480 Bewertungen zu 12 Meinungen bilden 2 Meinungsgruppen",
		"Gruppe A (20 Personen)", "Gruppe B (20 Personen)",
		"Gemeinsamer Boden – jede Gruppe ist sich mehrheitlich einig:",
		"So lesen: n = Zahl der Stimmen, p =",
		"Zustimmung: „Der Spielplatz braucht neue Geräte“ (40 von 40, in jeder Gruppe mindestens 100 %)",
		"Was die Gruppen trennt:",
		"Was die Ortsteile trennt:",
		"„Das Freibad muss bleiben“: Gruppe",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(text)
	}
}

// A voter's votes on opinions that moderation rejected count towards the
// seven votes a voter needs (as in Pol.is), but the rejected opinions
// never appear on the map.
func TestOpinionMapCountsVotesOnRejectedOpinions(t *testing.T) {
	d := planted()
	d.Opinions[2].Status, d.Opinions[5].Status = digest.Rejected, digest.Rejected // s03, s06
	// Each voter keeps the votes on s01–s07: five approved, two rejected.
	var kept []digest.Vote
	for _, v := range d.Votes {
		if v.Statement <= "s07" {
			kept = append(kept, v)
		}
	}
	d.Votes = kept
	m := build(t, d, digest.Options{Top: 20}).Map
	if m.Summary.VotersCounted != 40 || m.Summary.StatementsModeratedOut != 2 || m.Summary.StatementsReported != 5 {
		t.Fatalf("summary %+v: want all 40 voters counted, 5 opinions mapped and the 2 rejected ones left out", m.Summary)
	}
	var shown []string
	for _, g := range m.Groups {
		for _, r := range g.Representative {
			shown = append(shown, r.ID)
		}
	}
	for _, c := range m.CommonGround {
		shown = append(shown, c.ID)
	}
	for _, x := range m.Divisive {
		shown = append(shown, x.ID)
	}
	if slices.Contains(shown, "s03") || slices.Contains(shown, "s06") {
		t.Errorf("a rejected opinion is on the map: %v", shown)
	}
}

// The legend that explains p-values follows only a digest that shows one.
func TestPLegendOnlyWithPValues(t *testing.T) {
	now, prev := week()
	quietMap := digest.Data{Period: now, Previous: prev, Community: community(),
		People: []digest.Person{{Ref: "r1", District: "kernstadt", Joined: day(16, 9), LastActive: day(17, 9)}}}
	for _, tt := range []struct {
		name string
		d    digest.Data
		want bool
	}{
		{"planted groups", planted(), true},
		{"one new resident, no opinions", quietMap, false},
	} {
		text := build(t, tt.d, digest.Options{}).Text(localizer(t, "de")).Plain()
		if got := strings.Contains(text, "So lesen:"); got != tt.want {
			t.Errorf("%s: legend %v, want %v:\n%s", tt.name, got, tt.want, text)
		}
	}
}
