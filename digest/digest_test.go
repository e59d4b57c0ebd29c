package digest_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/opinionmap"
)

func build(t *testing.T, d digest.Data, opts digest.Options) *digest.Report {
	t.Helper()
	r, err := digest.Build(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func fig(now, before int) digest.Figure { return digest.Figure{Now: now, Before: before} }

// TestSeededDigest checks every figure of the seeded week against numbers
// worked out by hand from seeded().
func TestSeededDigest(t *testing.T) {
	r := build(t, seeded(), digest.Options{})
	if r.Quiet {
		t.Fatal("a busy week is reported as quiet")
	}

	p := r.Participation
	equal(t, "registered", p.Registered, 5)               // p6 joined after the week
	equal(t, "new", p.New, fig(2, 1))                     // p1, p4 | p2
	equal(t, "active", p.Active, fig(4, 2))               // p1, p3, p4, p5 (vote) | p2, p3 (vote)
	equal(t, "population known", p.PopulationKnown, true) // all three districts
	row := func(id, name string, reg int, n, a digest.Figure) digest.PeopleRow {
		return digest.PeopleRow{ID: id, Name: name, Registered: reg, New: n, Active: a}
	}
	equal(t, "districts", p.Districts, []digest.DistrictRow{
		{PeopleRow: row("kernstadt", "Ballenstedt (Kernstadt)", 2, fig(1, 1), fig(1, 1)), Population: 6000, ActivePer1000: 1000.0 / 6000},
		{PeopleRow: row("badeborn", "Badeborn", 2, fig(1, 0), fig(2, 1)), Population: 1200, ActivePer1000: 2000.0 / 1200},
		{PeopleRow: row("asmusstedt", "Asmusstedt", 1, fig(0, 0), fig(1, 0)), Population: 30, ActivePer1000: 1000.0 / 30},
	})
	equal(t, "roles", p.Roles, []digest.PeopleRow{
		row("buerger", "Bürger:in", 3, fig(1, 0), fig(3, 1)),
		row("verein", "Verein/Ehrenamt", 1, fig(0, 1), fig(0, 1)),
		row("", "", 1, fig(1, 0), fig(1, 0)),
	})

	v := r.Voices
	equal(t, "approved opinions", v.Opinions, fig(5, 1)) // o1–o5 | o7
	equal(t, "awaiting moderation", v.Waiting, 2)        // o6 pending, o9 held
	equal(t, "votes", v.Votes, fig(2, 1))
	var examples [][]string
	for _, th := range v.Themes {
		var ids []string
		for _, q := range th.Examples {
			ids = append(ids, q.ID)
		}
		examples = append(examples, ids)
	}
	equal(t, "theme counts", []digest.Figure{v.Themes[0].Count, v.Themes[1].Count, v.Themes[2].Count}, []digest.Figure{fig(4, 0), fig(1, 0), fig(0, 1)})
	equal(t, "examples, most agreed first", examples, [][]string{{"o2", "o1", "o3"}, {"o5"}, nil})
	equal(t, "district voices", v.Districts, []digest.Row{
		{ID: "kernstadt", Name: "Ballenstedt (Kernstadt)", Count: fig(3, 1)},
		{ID: "badeborn", Name: "Badeborn", Count: fig(2, 0)},
		{ID: "asmusstedt", Name: "Asmusstedt", Count: fig(0, 0)},
	})
	equal(t, "grid", v.Grid, [][]int{{3, 1, 0}, {0, 1, 0}, {0, 0, 0}})

	m := r.Map
	equal(t, "map status", m.Status, opinionmap.NotEnoughData)
	equal(t, "map summary", [4]int{m.Summary.Voters, m.Summary.VotersCounted, m.Summary.Statements, m.Summary.StatementsReported}, [4]int{3, 0, 2, 0})

	equal(t, "blind spot checks", len(r.BlindSpots), 3)
	for _, c := range r.BlindSpots {
		switch c.Dimension {
		case digest.DimDistrict:
			equal(t, "district basis", c.Basis, digest.ByPopulation)
			equal(t, "district n", c.N, 5)
			equal(t, "district too small", c.TooSmall, []string{"Asmusstedt", "Badeborn", "Ballenstedt (Kernstadt)"})
		case digest.DimTheme:
			equal(t, "theme basis", c.Basis, digest.ByEqualShares)
			equal(t, "theme n", c.N, 5)
		case digest.DimRole:
			equal(t, "role basis", c.Basis, digest.ByParticipants)
			equal(t, "role n", c.N, 4) // o4 has no role
		}
		if c.Tested || len(c.Under) > 0 {
			t.Errorf("%s: judged on too few voices: %+v", c.Dimension, c)
		}
	}

	e := r.Events
	equal(t, "events held", e.Held, fig(1, 1)) // e1 | e2; e4 cancelled
	equal(t, "attended", e.Attended, fig(10, 5))
	equal(t, "feedback", e.Feedback, fig(3, 1))
	equal(t, "past", len(e.Past), 1)
	equal(t, "e1 feedback", [2]float64{float64(e.Past[0].FeedbackN), e.Past[0].MeanScore}, [2]float64{3, 4})
	equal(t, "e1 comments", e.Past[0].Comments, []string{"Gute Runde", "Zu kurz"})
	equal(t, "upcoming", []string{e.Upcoming[0].ID, e.Upcoming[1].ID}, []string{"e3", "e5"})

	h := r.Helping
	equal(t, "offers", h.Offers, fig(2, 1))
	equal(t, "withdrawn", h.Withdrawn, fig(1, 0))
	equal(t, "offer categories", h.Categories, []digest.Row{
		{ID: "handwerk", Name: "Handwerk", Count: fig(1, 1)},
		{ID: "fahrdienste", Name: "Fahrdienste", Count: fig(2, 0)},
	})
	equal(t, "new needs", h.NewNeeds, fig(2, 1))
	equal(t, "open needs", h.OpenNeeds, 3)
	equal(t, "matches", h.Matches, fig(1, 1))
	equal(t, "unanswered", len(h.Unanswered), 1)
	equal(t, "unanswered need", h.Unanswered[0].ID, "n2")
}

// TestSeededDigestText checks that the German text states the numbers of
// the seeded week, and quotes only approved opinions.
func TestSeededDigestText(t *testing.T) {
	r := build(t, seeded(), digest.Options{})
	text := r.Text(localizer(t, "de")).Plain()
	for _, want := range []string{
		"Wochenbild Ballenstedt: 16.11.2026 bis 22.11.2026",
		"(09.11.2026 bis 15.11.2026)",
		"2 neu angemeldet (1), 4 aktiv (2), 5 angemeldet insgesamt.",
		"Ballenstedt (Kernstadt): 1 neu (1), 1 aktiv (1), 2 angemeldet; 0,2 Aktive je 1000 Einwohner (1 von 6000)",
		"Badeborn: 1 neu (0), 2 aktiv (1), 2 angemeldet; 1,7 Aktive je 1000 Einwohner (2 von 1200)",
		"Asmusstedt: 0 neu (0), 1 aktiv (0), 1 angemeldet; 33,3 Aktive je 1000 Einwohner (1 von 30)",
		"Bürger:in: 1 neu (0), 3 aktiv (1), 3 angemeldet",
		"ohne Angabe: 1 neu (0), 1 aktiv (0), 1 angemeldet",
		"5 freigegebene Meinungen (1), 2 Bewertungen (1). 2 Meinungen warten auf Moderation.",
		"Jugend: 4 Meinungen (0)",
		"„Skaterbahn in Badeborn“ – Badeborn: 8 dafür, 0 dagegen, 1 neutral. Nächster Schritt: Ortschaftsrat am 3.12.",
		"„Ein Jugendtreff am Markt“ – Ballenstedt (Kernstadt): 5 dafür, 1 dagegen, 0 neutral",
		"Kultur & Vereine: 0 Meinungen (1)",
		"Ballenstedt (Kernstadt): 3 (1)",
		"mindestens 15 Personen mit je mindestens 7 Bewertungen",
		// 0 of the 15 people the map needs; 3 have voted at all
		"Bisher: 0 von 15 Personen und 0 von 2 Meinungen. Insgesamt abgestimmt: 3 Personen zu 2 Meinungen.",
		"Ortsteile: zu wenige Meinungen für einen Vergleich (n = 5, gemessen an der Einwohnerzahl).",
		"Zu klein zum Beurteilen und ausgelassen: Asmusstedt, Badeborn, Ballenstedt (Kernstadt).",
		"Rollen: zu wenige Meinungen für einen Vergleich (n = 4, gemessen an den Angemeldeten).",
		"1 Termin (1), 10 Teilnahmen gezählt (5), 3 Rückmeldungen (1).",
		"Stadtgespräch Jugend am 18.11.2026: 12 Zusagen, 10 da, Bewertung 4,0 von 5 (n = 3)",
		"Rückmeldung: „Gute Runde“",
		"Bürgerforum Mobilität am 30.11.2026: 7 Zusagen, 2 vielleicht, 1 Absage",
		"Kulturabend am 05.12.2026: 20 Zusagen bei 20 Plätzen, 0 vielleicht, 0 Absagen, 4 auf der Warteliste",
		"2 neue Angebote (1), 1 zurückgezogen. 2 neue Gesuche (1), 3 offen, 1 Vermittlung (1).",
		"Handwerk: 1 (1)",
		"Fahrdienste: 2 (0)",
		"Fahrer für den Seniorennachmittag (Badeborn, seit 17.11.2026)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q", want)
		}
	}
	for _, never := range []string{"1 Termine", "1 Absagen", "1 Vermittlungen", "1 Meinungen", "1 neue", "von 3 Personen",
		"Beleidigung", "Mehr Parkplätze", "Zurückgehalten", "Jugendclub länger öffnen", "Abgesagt"} {
		if strings.Contains(text, never) {
			t.Errorf("digest shows %q", never)
		}
	}
	if t.Failed() {
		t.Log(text)
	}
}

func TestPopulationMissingIsSaidAndDistrictsCompareByParticipants(t *testing.T) {
	d := seeded()
	d.Community = community(6000, 0, 0)
	r := build(t, d, digest.Options{})
	equal(t, "population known", r.Participation.PopulationKnown, false)
	equal(t, "missing", r.Participation.MissingPopulation, []string{"Badeborn", "Asmusstedt"})
	equal(t, "district basis", r.BlindSpots[0].Basis, digest.ByParticipants)
	text := r.Text(localizer(t, "de")).Plain()
	for _, want := range []string{
		"Für Badeborn, Asmusstedt fehlt die Einwohnerzahl. Deshalb vergleiche ich die Ortsteile nur nach Teilnehmenden.",
		"Badeborn: 1 neu (0), 2 aktiv (1), 2 angemeldet\n",
		"Ortsteile: zu wenige Meinungen für einen Vergleich (n = 5, gemessen an den Angemeldeten).",
	} {
		if !strings.Contains(text+"\n", want) {
			t.Errorf("digest lacks %q\n%s", want, text)
		}
	}
	if strings.Contains(text, "Badeborn: 1 neu (0), 2 aktiv (1), 2 angemeldet;") {
		t.Error("a district without population is given a rate per 1000 residents")
	}
}

func TestQuietWeekGetsAShortNote(t *testing.T) {
	d := seeded()
	// Move the period four weeks on: everything seeded lies before it, the
	// events after it are past too.
	d.Period = digest.Period{From: day(30+14, 0), To: day(30+21, 0)}
	d.Previous = digest.Period{From: day(30+7, 0), To: day(30+14, 0)}
	r := build(t, d, digest.Options{})
	if !r.Quiet {
		t.Fatalf("a week without anything new is not quiet: %+v", r)
	}
	text := r.Text(localizer(t, "de")).Plain()
	if !strings.Contains(text, "Eine ruhige Woche") || !strings.Contains(text, "Angemeldet insgesamt: 6 Personen.") {
		t.Errorf("quiet week text:\n%s", text)
	}
	if strings.Contains(text, "Beteiligung") || strings.Contains(text, "Meinungsbild") || len(r.Text(localizer(t, "de")).Blocks) > 4 {
		t.Errorf("quiet week text is not short:\n%s", text)
	}
}

func TestBlindSpotFlagsADistrictWithoutVoices(t *testing.T) {
	now, prev := week()
	d := digest.Data{Period: now, Previous: prev, Community: community(6000, 1200, 30)}
	for i := range 40 {
		d.Opinions = append(d.Opinions, digest.Opinion{
			ID: "o" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Theme: "jugend", District: "kernstadt",
			Created: day(17, 10), Status: digest.Approved, Text: "Meinung",
		})
	}
	r := build(t, d, digest.Options{})
	c := r.BlindSpots[0]
	equal(t, "dimension", c.Dimension, digest.DimDistrict)
	// Expected for Badeborn: 40 × 1200 / 7230 = 6.64; P(X = 0) for
	// Binomial(40, 0.166) = 0.834^40 = 0.00070.
	if len(c.Under) != 1 || c.Under[0].ID != "badeborn" || c.Under[0].Observed != 0 {
		t.Fatalf("under-represented = %+v", c.Under)
	}
	if got := c.Under[0].Expected; got < 6.63 || got > 6.65 {
		t.Errorf("expected voices in Badeborn = %v, want 6.64", got)
	}
	if p := c.Under[0].P; p < 0.00069 || p > 0.00071 {
		t.Errorf("p = %v, want 0.00070", p)
	}
	equal(t, "too small", c.TooSmall, []string{"Asmusstedt"}) // 40 × 30 / 7230 = 0.17
	text := r.Text(localizer(t, "de")).Plain()
	for _, want := range []string{
		"Ortsteile: weniger Stimmen als erwartet (n = 40, gemessen an der Einwohnerzahl):",
		"Badeborn: 0 Meinungen, erwartet 6,6 (p < 0,001)",
		"Zu klein zum Beurteilen und ausgelassen: Asmusstedt.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q\n%s", want, text)
		}
	}
}

// A role nobody registered with and nobody spoke for is no blind spot:
// it is left out of the check, not listed as too small to judge.
func TestBlindSpotsLeaveOutCategoriesNobodyBelongsTo(t *testing.T) {
	d := seeded()
	d.Community.Roles = append(d.Community.Roles, digest.Category{ID: "kirche", Name: "Kirche"})
	r := build(t, d, digest.Options{})
	for _, c := range r.BlindSpots {
		if c.Dimension == digest.DimRole {
			equal(t, "roles too small", c.TooSmall, []string{"Bürger:in", "Verein/Ehrenamt"})
		}
	}
	text := r.Text(localizer(t, "de")).Plain()
	blind := text[strings.Index(text, "Wer fehlt"):]
	if strings.Contains(blind, "Kirche") {
		t.Errorf("the blind spots name a role nobody has:\n%s", blind)
	}
}
