package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/adapters/telegram/telegramtest"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store"
)

// Config is one load run.
type Config struct {
	Residents   int
	Concurrency int
	Redis       redis.UniversalClient
	Spec        *telegramtest.Spec
	// Keep leaves the community's keys in Redis for inspection.
	Keep bool
	// Profile, when set, runs while the residents play.
	Profile interface {
		start() error
		stop()
	}
}

// Load starts the fake Bot API and the bot on a fresh community, seeds an
// event, plays the residents with Concurrency workers, checks what was
// stored, removes the community's keys (unless Keep) and reports.
func Load(ctx context.Context, cfg Config) (rep Report, err error) {
	// As long as a real community id ("ballenstedt"), so the keys are too.
	community := "load" + randomHex(4)
	rep.Community = community
	rep.Residents = cfg.Residents
	rep.Concurrency = cfg.Concurrency
	rep.Machine = describeMachine()
	defer func() {
		if cfg.Keep {
			return
		}
		// The keys go whatever happened, also when ctx ended.
		cctx, done := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer done()
		n, cerr := removeCommunity(cctx, cfg.Redis, community)
		rep.KeysRemoved += n
		err = errors.Join(err, cerr)
	}()

	t, err := startTarget(ctx, cfg.Redis, community, cfg.Spec)
	if err != nil {
		return rep, err
	}
	defer t.stop()
	eventID, err := t.seedEvent(ctx)
	if err != nil {
		return rep, err
	}
	if err := t.seedStatements(ctx); err != nil {
		return rep, err
	}

	before, err := readRedisStats(ctx, cfg.Redis)
	if err != nil {
		return rep, err
	}
	cpuBefore := processCPU()
	rep.LoadBefore = loadAverage()
	if cfg.Profile != nil {
		if err := cfg.Profile.start(); err != nil {
			return rep, fmt.Errorf("cpu profile: %w", err)
		}
	}
	trips := &store.RoundTrips{}
	cfg.Redis.AddHook(trips)
	start := time.Now()
	tl := t.playAll(ctx, cfg.Residents, cfg.Concurrency)
	wall := time.Since(start)
	if cfg.Profile != nil {
		cfg.Profile.stop()
	}
	rep.LoadAfter = loadAverage()
	cpu := processCPU() - cpuBefore
	after, err := readRedisStats(ctx, cfg.Redis)
	if err != nil {
		return rep, err
	}
	rep.fill(tl, wall)
	if tl.steps > 0 {
		rep.RedisTripsPerStep = float64(trips.Count()) / float64(tl.steps)
		rep.CPUPerStepms = ms(cpu) / float64(tl.steps)
		rep.RedisCPUPerStepms = ms(after.cpu-before.cpu) / float64(tl.steps)
	}
	if tl.firstErr != nil {
		rep.FirstError = tl.firstErr.Error()
	}
	rep.Violations = len(t.fake.Violations())

	rep.RedisUsedBefore, rep.RedisUsedAfter = before.usedMemory, after.usedMemory
	rep.RedisBytesPerResident = float64(after.usedMemory-before.usedMemory) / float64(cfg.Residents)
	if err := t.checkStored(ctx, &rep, eventID); err != nil {
		return rep, err
	}
	use, err := communityUsage(ctx, cfg.Redis, community)
	if err != nil {
		return rep, err
	}
	rep.Keys = use.keys
	rep.KeyBytesPerResident = float64(use.bytes) / float64(cfg.Residents)
	rep.ExpiringBytesPerResident = float64(use.expiring) / float64(cfg.Residents)
	rep.KindBytesPerResident = make(map[string]float64, len(use.byKind))
	for k, n := range use.byKind {
		rep.KindBytesPerResident[k] = float64(n) / float64(cfg.Residents)
	}
	if cfg.Keep {
		return rep, ctx.Err()
	}
	// A day later the conversations have expired: what stays is what a
	// town's residents cost.
	n, err := removeExpiring(ctx, cfg.Redis, community)
	rep.KeysRemoved += n
	if err != nil {
		return rep, err
	}
	dayLater, err := readRedisStats(ctx, cfg.Redis)
	if err != nil {
		return rep, err
	}
	rep.RedisUsedDayLater = dayLater.usedMemory
	rep.RedisBytesPerResidentDayLater = float64(dayLater.usedMemory-before.usedMemory) / float64(cfg.Residents)
	return rep, ctx.Err()
}

// seedEvent creates the event residents answer, as an organizer would.
func (t *target) seedEvent(ctx context.Context) (string, error) {
	svc := flows.NewEventService(flows.Deps{Config: t.cfg, Store: t.store, Now: time.Now})
	start := time.Now().Add(14 * 24 * time.Hour).Truncate(time.Hour)
	e := store.Event{
		ID: flows.EventID(""), Title: "Stadtgespräch: Jugend in Ballenstedt",
		Start: start, End: start.Add(2 * time.Hour), Place: "Rathaus, Ratssaal",
	}
	if err := svc.Create(ctx, e); err != nil {
		return "", fmt.Errorf("seed event: %w", err)
	}
	return e.ID, nil
}

// seedStatements approves a few opinions of others, so the first
// residents have something to vote on.
func (t *target) seedStatements(ctx context.Context) error {
	now := time.Now()
	for i, th := range t.cfg.Community.Themes {
		id := "seed" + strconv.Itoa(i)
		o := store.Opinion{ID: id, Ref: "seed", Theme: th.ID, Text: "Ein Vorschlag zum Thema " + th.Name["de"] + ".", Created: now}
		if _, err := t.store.AddOpinion(ctx, o); err != nil {
			return fmt.Errorf("seed opinion: %w", err)
		}
		if _, err := t.store.DecideOpinion(ctx, id, true, "seed", now); err != nil {
			return fmt.Errorf("approve seed opinion: %w", err)
		}
	}
	return nil
}

// playAll plays residents 0..n-1 with workers goroutines and merges their
// tallies.
func (t *target) playAll(ctx context.Context, n, workers int) tally {
	p := newPoster(t.fake, t.webhook, workers)
	defer p.hc.CloseIdleConnections()
	var next atomic.Int64
	tallies := make([]tally, min(workers, n))
	var wg sync.WaitGroup
	for w := range tallies {
		wg.Go(func() {
			tl := &tallies[w]
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t.play(ctx, p, i, tl)
			}
		})
	}
	wg.Wait()
	var all tally
	for _, tl := range tallies {
		all.steps += tl.steps
		all.errors += tl.errors
		all.lost += tl.lost
		all.latencies = append(all.latencies, tl.latencies...)
		if all.firstErr == nil {
			all.firstErr = tl.firstErr
		}
	}
	slices.Sort(all.latencies)
	return all
}

// checkStored counts the consenting people and the event's answers.
func (t *target) checkStored(ctx context.Context, rep *Report, eventID string) error {
	people, err := t.store.PeopleCount(ctx)
	if err != nil {
		return fmt.Errorf("count people: %w", err)
	}
	counts, err := t.store.RSVPCounts(ctx, eventID)
	if err != nil {
		return err
	}
	rep.People = int(people)
	rep.RSVPYes = counts[store.RSVPYes]
	pending, err := t.store.PendingCount(ctx)
	if err != nil {
		return err
	}
	rep.Opinions = int(pending)
	offers, err := t.store.Offers(ctx)
	if err != nil {
		return err
	}
	rep.Offers = len(offers)
	return t.store.EachVote(ctx, func(store.Vote) error { rep.Votes++; return nil })
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
