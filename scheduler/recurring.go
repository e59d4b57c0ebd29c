package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/robfig/cron/v3"

	"github.com/heimatbot/heimatbot/lease"
)

// Recurring is a job that runs on a cron schedule, such as the weekly
// digest. Run gets the scheduled time of the run it does.
type Recurring struct {
	Name string
	Spec string
	Run  func(ctx context.Context, at time.Time) error
}

// Cron runs recurring jobs so that, among any number of processes on one
// Redis, each scheduled run happens once: a process takes a lease on the
// job before running it, renews it while the run lasts, and records the
// run when it succeeds. A process that dies mid-run leaves the lease to
// expire, a minute later, and another makes the run; one that can no
// longer renew stops its run first. A run missed while every process was
// down is made up once, at the next start.
type Cron struct {
	rdb    redis.UniversalClient
	key    func(parts ...string) string
	loc    *time.Location
	now    func() time.Time
	log    *slog.Logger
	lease  time.Duration
	jobs   []Recurring
	scheds []cron.Schedule
	// observe, when set, hears of every run and its outcome.
	observe func(job string, err error)
}

// Observe makes f hear of every run this process makes, with its
// outcome, for the metrics. Call it before Run.
func (c *Cron) Observe(f func(job string, err error)) { c.observe = f }

// KeyFunc builds the community's Redis keys (store.Store.Key).
type KeyFunc func(parts ...string) string

// NewCron parses the jobs' specs in loc. Keys come from key, which must
// give every key one hash tag.
func NewCron(rdb redis.UniversalClient, key KeyFunc, loc *time.Location, now func() time.Time, log *slog.Logger, jobs ...Recurring) (*Cron, error) {
	c := &Cron{rdb: rdb, key: key, loc: loc, now: now, log: log, lease: time.Minute, jobs: jobs}
	for _, j := range jobs {
		s, err := cron.ParseStandard(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("job %s: schedule %q: %w", j.Name, j.Spec, err)
		}
		c.scheds = append(c.scheds, s)
	}
	return c, nil
}

// Run checks the jobs at start (making up missed runs) and then whenever
// one falls due, until ctx ends.
func (c *Cron) Run(ctx context.Context) error {
	for {
		c.Tick(ctx)
		wait := time.Minute
		if next := c.next(); !next.IsZero() {
			wait = min(max(time.Until(next), time.Second), time.Minute)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

func (c *Cron) next() time.Time {
	var next time.Time
	now := c.now().In(c.loc)
	for _, s := range c.scheds {
		if n := s.Next(now); next.IsZero() || n.Before(next) {
			next = n
		}
	}
	return next
}

// Tick runs every job whose latest scheduled time has passed and has not
// run yet. Errors are logged; a failed run is tried again at the next tick.
func (c *Cron) Tick(ctx context.Context) {
	for i, j := range c.jobs {
		if err := c.tick(ctx, j, c.scheds[i]); err != nil {
			c.log.Error("recurring job failed", "job", j.Name, "err", err)
		}
	}
}

func (c *Cron) tick(ctx context.Context, j Recurring, s cron.Schedule) error {
	now := c.now().In(c.loc)
	doneKey, leaseKey := c.key("cron", j.Name, "done"), c.key("cron", j.Name, "lease")
	done, err := c.lastDone(ctx, doneKey)
	if err != nil {
		return err
	}
	if done.IsZero() {
		// First start ever: nothing was missed; count from now.
		return c.rdb.SetNX(ctx, doneKey, now.Unix(), 0).Err()
	}
	due := latest(s, done.In(c.loc), now)
	if due.IsZero() {
		return nil
	}
	claim := lease.NewKey(c.rdb, leaseKey, c.lease)
	since, ok, err := claim.TryAcquire(ctx)
	if err != nil || !ok {
		return err // another process has it
	}
	defer func() {
		if err := claim.Release(context.WithoutCancel(ctx)); err != nil {
			c.log.Warn("release recurring job", "job", j.Name, "err", err)
		}
	}()
	// Read again under the lease: another process may have just finished.
	if done, err = c.lastDone(ctx, doneKey); err != nil || !done.Before(due) {
		return err
	}
	c.log.Info("recurring job runs", "job", j.Name, "at", due)
	runErr := lease.While(ctx, c.lease, since, claim.Renew, func(ctx context.Context) error { return j.Run(ctx, due) })
	if c.observe != nil {
		c.observe(j.Name, runErr)
	}
	if runErr != nil {
		return fmt.Errorf("run at %s: %w", due, runErr)
	}
	if err := c.rdb.Set(ctx, doneKey, due.Unix(), 0).Err(); err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	return nil
}

func (c *Cron) lastDone(ctx context.Context, key string) (time.Time, error) {
	v, err := c.rdb.Get(ctx, key).Int64()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read last run: %w", err)
	}
	return time.Unix(v, 0), nil
}

// latest returns the last scheduled time after done and not after now, or
// zero when none: a long outage still makes up only one run.
func latest(s cron.Schedule, done, now time.Time) time.Time {
	var due time.Time
	for t := s.Next(done); !t.After(now); t = s.Next(t) {
		due = t
	}
	return due
}
