package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is what a load run measured.
type Report struct {
	Community   string `json:"community"`
	Residents   int    `json:"residents"`
	Concurrency int    `json:"concurrency"`

	Steps        int     `json:"steps"`
	Errors       int     `json:"errors"`
	FirstError   string  `json:"first_error,omitempty"`
	LostReplies  int     `json:"lost_replies"`
	Violations   int     `json:"telegram_violations"`
	WallSeconds  float64 `json:"wall_seconds"`
	StepsPerSec  float64 `json:"steps_per_second"`
	LatencyP50ms float64 `json:"latency_p50_ms"`
	LatencyP90ms float64 `json:"latency_p90_ms"`
	LatencyP99ms float64 `json:"latency_p99_ms"`
	LatencyMaxms float64 `json:"latency_max_ms"`

	// CPUPerStepms is the CPU time of this process (bot, fake Bot API and
	// simulated residents together) per step; RedisCPUPerStepms that of the
	// Redis server (which may serve others too). Both hold on a busy
	// machine, where throughput does not.
	CPUPerStepms      float64 `json:"cpu_ms_per_step"`
	RedisCPUPerStepms float64 `json:"redis_cpu_ms_per_step"`

	People  int `json:"people_stored"`
	RSVPYes int `json:"rsvp_yes"`
	// Opinions waiting for moderation, votes and offers stored.
	Opinions int `json:"opinions_stored"`
	Votes    int `json:"votes_stored"`
	Offers   int `json:"offers_stored"`

	RedisUsedBefore       int64   `json:"redis_used_memory_before"`
	RedisUsedAfter        int64   `json:"redis_used_memory_after"`
	RedisBytesPerResident float64 `json:"redis_bytes_per_resident"`
	// RedisUsedDayLater is used_memory once the keys that expire within a
	// day (conversations) are gone, as they are a day after the run.
	RedisUsedDayLater             int64   `json:"redis_used_memory_day_later"`
	RedisBytesPerResidentDayLater float64 `json:"redis_bytes_per_resident_day_later"`
	Keys                          int     `json:"community_keys"`
	KeyBytesPerResident           float64 `json:"key_bytes_per_resident"`
	// ExpiringBytesPerResident is the part of KeyBytesPerResident in keys
	// that expire within a day.
	ExpiringBytesPerResident float64 `json:"expiring_key_bytes_per_resident"`
	// KindBytesPerResident splits KeyBytesPerResident by kind of key
	// ("P:conv", "op:*", …).
	KindBytesPerResident map[string]float64 `json:"key_bytes_per_resident_by_kind"`
	RedisTripsPerStep    float64            `json:"redis_round_trips_per_step"`
	KeysRemoved          int                `json:"keys_removed"`

	Machine    Machine `json:"machine"`
	LoadBefore string  `json:"load_average_before"`
	LoadAfter  string  `json:"load_average_after"`
}

// fill takes the figures of the merged tally.
func (r *Report) fill(tl tally, wall time.Duration) {
	r.Steps, r.Errors, r.LostReplies = tl.steps, tl.errors, tl.lost
	r.WallSeconds = wall.Seconds()
	if wall > 0 {
		r.StepsPerSec = float64(tl.steps) / wall.Seconds()
	}
	r.LatencyP50ms = ms(percentile(tl.latencies, 0.50))
	r.LatencyP90ms = ms(percentile(tl.latencies, 0.90))
	r.LatencyP99ms = ms(percentile(tl.latencies, 0.99))
	r.LatencyMaxms = ms(percentile(tl.latencies, 1))
}

// percentile is the nearest-rank percentile q of sorted durations.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// WriteText prints the report for a person.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	rows := [][2]string{
		{"residents", fmt.Sprintf("%d (%d at once)", r.Residents, r.Concurrency)},
		{"steps", fmt.Sprint(r.Steps)},
		{"errors", fmt.Sprint(r.Errors)},
		{"lost replies", fmt.Sprint(r.LostReplies)},
		{"telegram violations", fmt.Sprint(r.Violations)},
		{"wall time", fmt.Sprintf("%.2f s", r.WallSeconds)},
		{"throughput", fmt.Sprintf("%.0f steps/s", r.StepsPerSec)},
		{"latency p50/p90/p99/max", fmt.Sprintf("%.1f / %.1f / %.1f / %.1f ms", r.LatencyP50ms, r.LatencyP90ms, r.LatencyP99ms, r.LatencyMaxms)},
		{"cpu per step", fmt.Sprintf("%.2f ms in this process (bot, fake Telegram, residents), %.2f ms in Redis", r.CPUPerStepms, r.RedisCPUPerStepms)},
		{"stored", fmt.Sprintf("%d people, %d RSVPs (yes), %d opinions, %d votes, %d offers", r.People, r.RSVPYes, r.Opinions, r.Votes, r.Offers)},
		{"redis used_memory", fmt.Sprintf("%d → %d bytes, %.0f bytes per resident", r.RedisUsedBefore, r.RedisUsedAfter, r.RedisBytesPerResident)},
		{"redis a day later", fmt.Sprintf("%d bytes, %.0f bytes per resident (conversations expired)", r.RedisUsedDayLater, r.RedisBytesPerResidentDayLater)},
		{"community keys", fmt.Sprintf("%d, MEMORY USAGE %.0f bytes per resident (%.0f of them expire within 24 h); %d removed",
			r.Keys, r.KeyBytesPerResident, r.ExpiringBytesPerResident, r.KeysRemoved)},
		{"per resident by kind", kinds(r.KindBytesPerResident)},
		{"redis round trips", fmt.Sprintf("%.2f per step", r.RedisTripsPerStep)},
		{"machine", fmt.Sprintf("%d cores, %s, Go %s, GOGC %d", r.Machine.CPUs, r.Machine.CPUModel, r.Machine.Go, r.Machine.GCPercent)},
		{"load average", fmt.Sprintf("before %s, after %s", r.LoadBefore, r.LoadAfter)},
	}
	if r.FirstError != "" {
		rows = append(rows, [2]string{"first error", r.FirstError})
	}
	for _, row := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
	}
	return tw.Flush()
}

// kinds lists the kinds of keys from the largest, down to the ones under
// 1 byte per resident.
func kinds(per map[string]float64) string {
	names := make([]string, 0, len(per))
	for k, v := range per {
		if v >= 1 {
			names = append(names, k)
		}
	}
	sort.Slice(names, func(i, j int) bool { return per[names[i]] > per[names[j]] })
	var b strings.Builder
	for i, k := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.0f", k, per[k])
	}
	return b.String()
}
