package digest_test

import (
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/flows"
)

var berlin = mustLoc("Europe/Berlin")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// day is a time in November 2026 (December for day > 30), Berlin time.
func day(d, hour int) time.Time {
	if d > 30 {
		return time.Date(2026, 12, d-30, hour, 0, 0, 0, berlin)
	}
	return time.Date(2026, 11, d, hour, 0, 0, 0, berlin)
}

func localizer(t testing.TB, lang string) *bot.Localizer {
	t.Helper()
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	return cat.Localizer(lang)
}

func community(populations ...int) digest.Community {
	pop := func(i int) int {
		if i < len(populations) {
			return populations[i]
		}
		return 0
	}
	return digest.Community{
		Name: "Ballenstedt",
		Districts: []digest.Category{
			{ID: "kernstadt", Name: "Ballenstedt (Kernstadt)", Population: pop(0)},
			{ID: "badeborn", Name: "Badeborn", Population: pop(1)},
			{ID: "asmusstedt", Name: "Asmusstedt", Population: pop(2)},
		},
		Themes: []digest.Category{
			{ID: "jugend", Name: "Jugend"}, {ID: "mobilitaet", Name: "Mobilität"}, {ID: "kultur", Name: "Kultur & Vereine"},
		},
		Roles: []digest.Category{
			{ID: "buerger", Name: "Bürger:in"}, {ID: "verein", Name: "Verein/Ehrenamt"},
		},
		HelpCategories: []digest.Category{
			{ID: "handwerk", Name: "Handwerk"}, {ID: "fahrdienste", Name: "Fahrdienste"},
		},
	}
}

// week is the period Monday 16 to Sunday 22 November 2026, the previous
// one the week before.
func week() (digest.Period, digest.Period) {
	return digest.Period{From: day(16, 0), To: day(23, 0)}, digest.Period{From: day(9, 0), To: day(16, 0)}
}

// seeded is a small week whose every figure is computed by hand in
// TestSeededDigest.
func seeded() digest.Data {
	now, prev := week()
	return digest.Data{
		Period: now, Previous: prev,
		Community: community(6000, 1200, 30),
		People: []digest.Person{
			{Ref: "p1", District: "kernstadt", Role: "buerger", Joined: day(17, 9), LastActive: day(18, 9)},
			{Ref: "p2", District: "kernstadt", Role: "verein", Joined: day(10, 9), LastActive: day(11, 9)},
			{Ref: "p3", District: "badeborn", Role: "buerger", Joined: day(1, 9), LastActive: day(20, 9)},
			{Ref: "p4", District: "badeborn", Joined: day(18, 9), LastActive: day(18, 9)},
			{Ref: "p5", District: "asmusstedt", Role: "buerger", Joined: time.Date(2026, 10, 1, 9, 0, 0, 0, berlin), LastActive: time.Date(2026, 10, 2, 9, 0, 0, 0, berlin)},
			{Ref: "p6", District: "kernstadt", Role: "buerger", Joined: day(25, 9), LastActive: day(25, 9)},
		},
		Opinions: []digest.Opinion{
			{ID: "o1", Theme: "jugend", District: "kernstadt", Role: "buerger", Created: day(17, 10), Status: digest.Approved, Text: "Ein Jugendtreff am Markt", Agree: 5, Disagree: 1},
			{ID: "o2", Theme: "jugend", District: "badeborn", Role: "buerger", Created: day(18, 10), Status: digest.Approved, Text: "Skaterbahn in Badeborn", Agree: 8, Pass: 1, NextStep: "Ortschaftsrat am 3.12."},
			{ID: "o3", Theme: "jugend", District: "kernstadt", Role: "verein", Created: day(19, 10), Status: digest.Approved, Text: "Mehr Angebote in den Ferien", Agree: 2, Disagree: 2},
			{ID: "o4", Theme: "jugend", District: "kernstadt", Created: day(19, 11), Status: digest.Approved, Text: "Jugendclub länger öffnen", Agree: 1},
			{ID: "o5", Theme: "mobilitaet", District: "badeborn", Role: "buerger", Created: day(20, 10), Status: digest.Approved, Text: "Bus am Wochenende", Agree: 3},
			{ID: "o6", Theme: "mobilitaet", District: "kernstadt", Created: day(20, 11), Status: digest.Pending, Text: "Mehr Parkplätze"},
			{ID: "o7", Theme: "kultur", District: "kernstadt", Created: day(12, 10), Status: digest.Approved, Text: "Ein Kino"},
			{ID: "o8", Theme: "kultur", District: "asmusstedt", Created: day(21, 10), Status: digest.Rejected, Text: "Beleidigung"},
			{ID: "o9", Theme: "mobilitaet", District: "kernstadt", Created: day(5, 10), Status: digest.Held, Text: "Zurückgehalten"},
		},
		Votes: []digest.Vote{
			{Voter: "p5", Statement: "o1", Value: digest.VoteAgree, At: day(19, 12), District: "asmusstedt", Role: "buerger"},
			{Voter: "p1", Statement: "o2", Value: digest.VoteAgree, At: day(18, 12), District: "kernstadt", Role: "buerger"},
			{Voter: "p3", Statement: "o1", Value: digest.VoteDisagree, At: day(10, 12), District: "badeborn", Role: "buerger"},
		},
		Events: []digest.Event{
			{ID: "e1", Title: "Stadtgespräch Jugend", Theme: "jugend", Start: day(18, 18), Capacity: 30, Yes: 12, Maybe: 3, No: 2,
				AttendanceKnown: true, Attended: 10, Feedback: []digest.Feedback{
					{Score: 4, Comment: "Gute Runde", At: day(19, 8)}, {Score: 5, At: day(19, 9)}, {Score: 3, Comment: "Zu kurz", At: day(20, 8)},
				}},
			{ID: "e2", Title: "Radtour", Start: day(11, 10), AttendanceKnown: true, Attended: 5, Feedback: []digest.Feedback{{Score: 4, At: day(12, 8)}}},
			{ID: "e3", Title: "Bürgerforum Mobilität", Theme: "mobilitaet", Start: day(30, 18), Yes: 7, Maybe: 2, No: 1},
			{ID: "e4", Title: "Abgesagt", Start: day(20, 18), Cancelled: true},
			{ID: "e5", Title: "Kulturabend", Theme: "kultur", Start: day(35, 19), Capacity: 20, Yes: 20, Waiting: 4},
		},
		Offers: []digest.Offer{
			{ID: "f1", Categories: []string{"handwerk", "fahrdienste"}, Districts: []string{"kernstadt"}, Created: day(17, 9)},
			{ID: "f2", Categories: []string{"fahrdienste"}, Created: day(20, 9), Withdrawn: day(21, 9)},
			{ID: "f3", Categories: []string{"handwerk"}, Created: day(10, 9)},
		},
		Needs: []digest.Need{
			{ID: "n1", Title: "Hilfe beim Zeltaufbau", Categories: []string{"handwerk"}, District: "kernstadt", Created: day(10, 9), Status: digest.NeedOpen,
				Interested: 2, Matches: []digest.Match{{Offer: "f1", At: day(18, 9)}}},
			{ID: "n2", Title: "Fahrer für den Seniorennachmittag", Categories: []string{"fahrdienste"}, District: "badeborn", Created: day(17, 9), Status: digest.NeedOpen},
			{ID: "n3", Title: "Kuchen backen", District: "kernstadt", Created: day(1, 9), Status: digest.NeedFilled, Matches: []digest.Match{{At: day(12, 9)}}},
			{ID: "n4", Title: "Plakate kleben", District: "kernstadt", Created: day(19, 9), Status: digest.NeedOpen, Interested: 1},
		},
	}
}
