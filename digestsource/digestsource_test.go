package digestsource_test

import (
	"context"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/digestsource"
	"github.com/heimatbot/heimatbot/store"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestPeopleComeFromTheirProfiles(t *testing.T) {
	ctx := context.Background()
	st := store.New(storetest.Client(t), storetest.Community(t), store.Options{})
	joined := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i, p := range []bot.Profile{
		{Ref: "r1", District: "badeborn", Role: "verein", Consent: joined, Active: joined.Truncate(24 * time.Hour)},
		{Ref: "r2", District: "rieder", Consent: joined.Add(48 * time.Hour)},
	} {
		u := bot.User{Platform: bot.Telegram, ID: string(rune('1' + i))}
		if err := st.Commit(ctx, u, "", bot.Change{Profile: &p, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := digestsource.New(st).DigestData(ctx, time.Time{}, joined.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.People) != 1 {
		t.Fatalf("people = %+v, want only the one who joined before the end", d.People)
	}
	if p := d.People[0]; p.Ref != "r1" || p.District != "badeborn" || p.Role != "verein" || !p.Joined.Equal(joined) || !p.LastActive.Equal(joined.Truncate(24*time.Hour)) {
		t.Errorf("person = %+v", p)
	}
}

func TestEventsComeWithTheirAnswersAndFeedback(t *testing.T) {
	ctx := context.Background()
	st := store.New(storetest.Client(t), storetest.Community(t), store.Options{})
	start := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	if err := st.CreateEvent(ctx, store.Event{ID: "e1", Title: "Stadtgespräch", Theme: "jugend", Start: start, Capacity: 1}); err != nil {
		t.Fatal(err)
	}
	for i, a := range []store.RSVP{store.RSVPYes, store.RSVPYes, store.RSVPMaybe, store.RSVPNo} {
		if _, err := st.SetRSVP(ctx, "e1", bot.User{Platform: bot.Telegram, ID: string(rune('a' + i))}, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetFeedback(ctx, "e1", bot.User{Platform: bot.Telegram, ID: "a"}, store.Feedback{Ref: "ra", Stars: 4, Text: "gut", At: start.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	d, err := digestsource.New(st).DigestData(ctx, start.Add(-time.Hour), start.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 {
		t.Fatalf("events = %+v", d.Events)
	}
	e := d.Events[0]
	if e.Yes != 1 || e.Waiting != 1 || e.Maybe != 1 || e.No != 1 || e.Capacity != 1 || e.Theme != "jugend" {
		t.Errorf("event = %+v", e)
	}
	if len(e.Feedback) != 1 || e.Feedback[0].Score != 4 || e.Feedback[0].Comment != "gut" {
		t.Errorf("feedback = %+v", e.Feedback)
	}
}

func TestVoicesAndHelpingHandsComeFromTheStore(t *testing.T) {
	ctx := context.Background()
	st := store.New(storetest.Client(t), storetest.Community(t), store.Options{})
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, o := range []store.Opinion{
		{ID: "o1", Ref: "ra", Theme: "jugend", District: "badeborn", Text: "Wir brauchen einen Jugendclub.", Created: at},
		{ID: "o2", Ref: "rb", Theme: "schule", District: "rieder", Text: "Die Schule braucht WLAN.", Created: at},
	} {
		if _, err := st.AddOpinion(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DecideOpinion(ctx, "o1", true, "tok", at); err != nil {
		t.Fatal(err)
	}
	if err := st.CastVote(ctx, store.Vote{Statement: "o1", Voter: "rc", Value: 1, District: "rieder", At: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveOffer(ctx, store.Offer{Ref: "rc", Categories: []string{"handwerk"}, Districts: []string{"rieder"}, Time: "once", Updated: at}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddNeed(ctx, store.Need{ID: "n1", Ref: "ra", Title: "Regal bauen", Categories: []string{"handwerk"}, District: "rieder", Status: store.NeedOpen, Created: at}, []string{"rc"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AnswerMatch(ctx, "n1", "rc", store.MatchInterested); err != nil {
		t.Fatal(err)
	}

	d, err := digestsource.New(st).DigestData(ctx, at.Add(-time.Hour), at.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]digest.OpinionStatus{}
	for _, o := range d.Opinions {
		status[o.ID] = o.Status
	}
	if status["o1"] != digest.Approved || status["o2"] != digest.Pending || len(d.Opinions) != 2 {
		t.Errorf("opinions = %+v", d.Opinions)
	}
	if len(d.Votes) != 1 || d.Votes[0].Statement != "o1" || d.Votes[0].Value != 1 || d.Votes[0].District != "rieder" {
		t.Errorf("votes = %+v", d.Votes)
	}
	if len(d.Offers) != 1 || d.Offers[0].Categories[0] != "handwerk" || d.Offers[0].ID == "rc" {
		t.Errorf("offers = %+v (the id must not be the author's reference)", d.Offers)
	}
	if len(d.Needs) != 1 || d.Needs[0].Interested != 1 || len(d.Needs[0].Matches) != 1 || d.Needs[0].Matches[0].Offer != d.Offers[0].ID {
		t.Errorf("needs = %+v", d.Needs)
	}
}

// An offer names its helper's handle only where they allowed it.
func TestOffersNameTheHelperOnlyWithConsent(t *testing.T) {
	ctx := context.Background()
	st := store.New(storetest.Client(t), storetest.Community(t), store.Options{})
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	show := map[string]bool{"anna_b": true, "bernd_k": false}
	for i, name := range []string{"anna_b", "bernd_k"} {
		u := bot.User{Platform: bot.Telegram, ID: string(rune('1' + i))}
		p := bot.Profile{Ref: "ref-" + name, Name: name, Consent: at}
		if err := st.Commit(ctx, u, "", bot.Change{Profile: &p, ProfileChanged: true}); err != nil {
			t.Fatal(err)
		}
		o := store.Offer{Ref: p.Ref, Categories: []string{"handwerk"}, Districts: []string{"rieder"}, Time: "once", ShowName: show[name], Updated: at}
		if err := st.SaveOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	d, err := digestsource.New(st).DigestData(ctx, at.Add(-time.Hour), at.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	contacts := map[string]bool{}
	for _, o := range d.Offers {
		contacts[o.Contact] = o.ContactAllowed
	}
	if len(d.Offers) != 2 || !contacts["anna_b"] || contacts[""] {
		t.Fatalf("offers = %+v, want anna_b named and bernd_k not", d.Offers)
	}
	if _, named := contacts["bernd_k"]; named {
		t.Fatalf("bernd_k is named without consent: %+v", d.Offers)
	}
}
