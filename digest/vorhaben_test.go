package digest_test

import (
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/digest"
)

// seededVorhaben is the seeded week with six Vorhaben, worked out by hand
// for the period 16.–22.11.2026 (end: 23.11. 00:00):
//
//	v1 new on the 17th, stuck since the 19th on "Räume": stuck 4 days
//	v2 new the week before, done on the 20th
//	v3 new on 1st, last news on the 2nd: silent 21 days, whole town
//	v4 new the week before, running, due on the 30th: due soon
//	v5 new on the 18th, given up on the 21st: closed
//	v6 new the week before, stuck since the 22nd on "Genehmigung": 1 day
//
// and word back that reached 2 and 1 people this week, 1 the week before.
func seededVorhaben() digest.Data {
	d := seeded()
	ch := func(s string, at int) digest.StatusChange { return digest.StatusChange{Status: s, At: day(at, 0)} }
	d.Vorhaben = []digest.Vorhaben{
		{ID: "v1", Title: "Jugendraum öffnen", Theme: "jugend", District: "badeborn", Status: "stuck", Note: "Räume",
			Held: true, Created: day(17, 9), News: day(19, 0), Stuck: day(19, 0), Changes: []digest.StatusChange{ch("running", 18), ch("stuck", 19)}},
		{ID: "v2", Title: "Bank am Teich", Status: "done", Held: true, Created: day(10, 9), News: day(20, 0),
			Changes: []digest.StatusChange{ch("done", 20)}},
		{ID: "v3", Title: "Busverbindung am Abend", Status: "running", Held: true, Created: day(1, 9), News: day(2, 0),
			Changes: []digest.StatusChange{ch("running", 2)}},
		{ID: "v4", Title: "Bücherschrank", District: "badeborn", Status: "running", Held: true, Created: day(12, 9),
			News: day(18, 0), Due: day(30, 23), Changes: []digest.StatusChange{ch("running", 18)}},
		{ID: "v5", Title: "Radweg", Status: "dropped", Created: day(18, 9), News: day(21, 0),
			Changes: []digest.StatusChange{ch("dropped", 21)}},
		{ID: "v6", Title: "Festwiese", District: "kernstadt", Status: "stuck", Note: "Genehmigung", Held: true,
			Created: day(11, 9), News: day(22, 0), Stuck: day(22, 0), Changes: []digest.StatusChange{ch("stuck", 22)}},
	}
	d.WordBack = []digest.WordBack{{Reached: 2, At: day(18, 10)}, {Reached: 1, At: day(19, 10)}, {Reached: 1, At: day(12, 10)}}
	return d
}

func TestVorhabenInTheDigest(t *testing.T) {
	r := build(t, seededVorhaben(), digest.Options{})
	v := r.Vorhaben
	equal(t, "new", v.New, fig(2, 3))
	equal(t, "done", v.Done, fig(1, 0))
	equal(t, "open", v.Open, 4)
	equal(t, "heard back", v.HeardBack, fig(3, 1))
	ids := func(vs []digest.VorhabenView) (out []string) {
		for _, x := range vs {
			out = append(out, x.ID)
		}
		return out
	}
	equal(t, "stuck, longest first", ids(v.Stuck), []string{"v1", "v6"})
	equal(t, "stuck days", []int{v.Stuck[0].Days, v.Stuck[1].Days}, []int{4, 1})
	equal(t, "silent", ids(v.Silent), []string{"v3"})
	equal(t, "silent days", v.Silent[0].Days, 21)
	equal(t, "due soon", ids(v.DueSoon), []string{"v4"})
}

// The section in both languages, with singular and plural forms.
func TestVorhabenDigestTextInBothLanguages(t *testing.T) {
	r := build(t, seededVorhaben(), digest.Options{})
	for lang, wants := range map[string][]string{
		"de": {
			"Vorhaben",
			"2 neue Vorhaben (3)",
			"1 Vorhaben erledigt (0)",
			"4 Vorhaben laufen noch",
			"3 Rückmeldungen an Menschen, die hören wollten, was daraus wird (1)",
			"2 Vorhaben hängen:",
			"Jugendraum öffnen (Badeborn) – hängt an: Räume, seit 4 Tagen",
			"Festwiese (Ballenstedt (Kernstadt)) – hängt an: Genehmigung, seit 1 Tag",
			"1 Vorhaben hat seit 14 Tagen oder länger nichts Neues:",
			"• Busverbindung am Abend: seit 21 Tagen still",
			"1 Vorhaben ist in den nächsten zwei Wochen fällig:",
			"Bücherschrank (Badeborn): bis 30.11.2026",
		},
		"en": {
			"Plans",
			"2 new plans (3)",
			"1 plan done (0)",
			"4 plans still going",
			"3 messages of news to people who wanted to hear what becomes of a plan (1)",
			"2 plans are stuck:",
			"Jugendraum öffnen (Badeborn) – stuck on: Räume, for 4 days",
			"Festwiese (Ballenstedt (Kernstadt)) – stuck on: Genehmigung, for 1 day",
			"1 plan has had no news for 14 days or longer:",
			"• Busverbindung am Abend: silent for 21 days",
			"1 plan is due within the next two weeks:",
			"Bücherschrank (Badeborn): by 2026-11-30",
		},
	} {
		text := r.Text(localizer(t, lang)).Plain()
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s digest lacks %q", lang, want)
			}
		}
		for _, never := range []string{"Radweg", "Bank am Teich"} {
			if strings.Contains(text, never) {
				t.Errorf("%s digest names the closed %q", lang, never)
			}
		}
		if t.Failed() {
			t.Log(text)
		}
	}
}

// One of each: the singular forms.
func TestVorhabenDigestSingular(t *testing.T) {
	d := seeded()
	d.Vorhaben = []digest.Vorhaben{{ID: "v1", Title: "Jugendraum öffnen", Status: "stuck", Note: "Räume", Held: true,
		Created: day(17, 9), News: day(21, 0), Stuck: day(21, 0), Changes: []digest.StatusChange{{Status: "stuck", At: day(21, 0)}}}}
	d.WordBack = []digest.WordBack{{Reached: 1, At: day(21, 10)}}
	r := build(t, d, digest.Options{})
	for lang, wants := range map[string][]string{
		"de": {"1 neues Vorhaben (0)", "1 Vorhaben läuft noch", "1 Rückmeldung an Menschen", "1 Vorhaben hängt:", "seit 2 Tagen"},
		"en": {"1 new plan (0)", "1 plan still going", "1 message of news", "1 plan is stuck:", "for 2 days"},
	} {
		text := r.Text(localizer(t, lang)).Plain()
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s digest lacks %q:\n%s", lang, want, text)
			}
		}
	}
}
