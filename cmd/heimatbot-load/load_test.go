package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/store/storetest"
)

func TestLoadPlaysEveryResidentThroughEveryStep(t *testing.T) {
	const residents = 20
	rdb := storetest.Client(t)
	rep, err := Load(context.Background(), Config{
		Residents: residents, Concurrency: 4, Redis: rdb, Spec: telegramtest.MustLoadSpec(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	steps := residents * stepsPerResident
	if rep.Steps != steps || rep.Errors != 0 || rep.LostReplies != 0 || rep.Violations != 0 {
		t.Fatalf("steps %d (want %d), errors %d (%s), lost replies %d, violations %d",
			rep.Steps, steps, rep.Errors, rep.FirstError, rep.LostReplies, rep.Violations)
	}
	if rep.People != residents || rep.RSVPYes != residents || rep.Opinions != residents || rep.Offers != residents {
		t.Errorf("stored %d people, %d RSVPs, %d opinions and %d offers, want %d of each",
			rep.People, rep.RSVPYes, rep.Opinions, rep.Offers, residents)
	}
	if rep.Votes != 2*residents {
		t.Errorf("stored %d votes, want %d", rep.Votes, 2*residents)
	}
	if rep.Keys == 0 || rep.KeysRemoved < rep.Keys {
		t.Errorf("community had %d keys, %d removed", rep.Keys, rep.KeysRemoved)
	}
	n, err := removeCommunity(context.Background(), rdb, rep.Community)
	if err != nil || n != 0 {
		t.Errorf("after the run %d keys of the community are left (%v)", n, err)
	}
}

// stepsPerResident is the length of a resident's script: onboarding and
// the rest of the profile, an RSVP, an opinion, two votes and an offer.
const stepsPerResident = 26

func TestRunNeedsRedis(t *testing.T) {
	err := run(context.Background(), nil, func(string) string { return "" }, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "REDIS_URL") {
		t.Fatalf("err = %v, want one naming REDIS_URL", err)
	}
}

func TestRunPrintsJSON(t *testing.T) {
	url := storetest.URL(t)
	var out bytes.Buffer
	getenv := func(k string) string {
		if k == "REDIS_URL" {
			return url
		}
		return ""
	}
	if err := run(context.Background(), []string{"-residents", "3", "-concurrency", "2", "-json"}, getenv, &out); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("output is not a JSON report: %v\n%s", err, out.String())
	}
	if rep.Residents != 3 || rep.Steps != 3*stepsPerResident || rep.Errors != 0 {
		t.Fatalf("report = %+v", rep)
	}
}

func TestPercentile(t *testing.T) {
	var d []int64
	for i := 1; i <= 100; i++ {
		d = append(d, int64(i))
	}
	sorted := durations(d)
	for q, want := range map[float64]int64{0.5: 50, 0.9: 90, 0.99: 99, 1: 100} {
		if got := percentile(sorted, q); int64(got) != want {
			t.Errorf("p%v = %d, want %d", q*100, got, want)
		}
	}
	if percentile(nil, 0.5) != 0 {
		t.Error("percentile of nothing is not 0")
	}
}

func durations(ns []int64) []time.Duration {
	out := make([]time.Duration, len(ns))
	for i, n := range ns {
		out[i] = time.Duration(n)
	}
	return out
}
