// Package scheduler runs heimatbot's work that is not an answer to a
// message: durable one-off jobs (reminders, feedback requests) and
// broadcasts (invitations and notices to many people). Everything lives in
// Redis, so a restart loses nothing, and every piece of work is claimed
// atomically, so several processes on one Redis never do the same twice.
package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/store"
)

// Job is a durable one-off job: Kind names its handler, Due when it runs.
// Scheduling a job with the id of a waiting one replaces it, so an id
// derived from what the job is for (for example "remind:EVENT:24h") makes
// rescheduling idempotent.
type Job struct {
	ID    string    `json:"id"`
	Kind  string    `json:"kind"`
	Due   time.Time `json:"due"`
	Event string    `json:"event,omitempty"`
	Arg   string    `json:"arg,omitempty"`
}

// Jobs is the due-time sorted set of a community's one-off jobs.
type Jobs struct {
	rdb                 redis.UniversalClient
	due, lease, dataKey string
}

// NewJobs returns the job queue of the store's community.
func NewJobs(st *store.Store) *Jobs {
	return &Jobs{rdb: st.Client(), due: st.Key("jobs"), lease: st.Key("jobs", "lease"), dataKey: st.Key("jobs", "data")}
}

func ms(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// Schedule adds j or moves the waiting job with its id to j.Due.
func (q *Jobs) Schedule(ctx context.Context, j Job) error {
	b, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("encode job: %w", err)
	}
	_, err = q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, q.dataKey, j.ID, b)
		p.ZAdd(ctx, q.due, redis.Z{Score: float64(j.Due.UnixMilli()), Member: j.ID})
		return nil
	})
	if err != nil {
		return fmt.Errorf("schedule job %s: %w", j.ID, err)
	}
	return nil
}

// Unschedule removes a waiting job; a job already claimed still runs.
func (q *Jobs) Unschedule(ctx context.Context, id string) error {
	_, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZRem(ctx, q.due, id)
		p.HDel(ctx, q.dataKey, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("unschedule job %s: %w", id, err)
	}
	return nil
}

// Waiting returns the jobs not yet claimed, earliest first.
func (q *Jobs) Waiting(ctx context.Context) ([]Job, error) {
	ids, err := q.rdb.ZRange(ctx, q.due, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	return q.load(ctx, ids)
}

func (q *Jobs) load(ctx context.Context, ids []string) ([]Job, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	vals, err := q.rdb.HMGet(ctx, q.dataKey, ids...).Result()
	if err != nil {
		return nil, fmt.Errorf("read jobs: %w", err)
	}
	out := make([]Job, 0, len(ids))
	for _, v := range vals {
		s, ok := v.(string)
		if !ok {
			continue
		}
		var j Job
		if err := json.Unmarshal([]byte(s), &j); err != nil {
			return nil, fmt.Errorf("decode job: %w", err)
		}
		out = append(out, j)
	}
	return out, nil
}

// claimScript moves up to ARGV[3] jobs that are due (or whose claimer's
// lease ran out) into the lease set, in one step, so no two processes
// claim the same job.
var claimScript = redis.NewScript(`
local due, lease = KEYS[1], KEYS[2]
local now, leaseEnd, max = ARGV[1], ARGV[2], tonumber(ARGV[3])
local out = redis.call('ZRANGEBYSCORE', lease, '-inf', now, 'LIMIT', 0, max)
for _, id in ipairs(out) do redis.call('ZADD', lease, leaseEnd, id) end
if #out < max then
  local ids = redis.call('ZRANGEBYSCORE', due, '-inf', now, 'LIMIT', 0, max - #out)
  for _, id in ipairs(ids) do
    redis.call('ZREM', due, id)
    redis.call('ZADD', lease, leaseEnd, id)
    table.insert(out, id)
  end
end
return out
`)

// Claim takes up to max jobs due at now. Each is leased until now+lease;
// a job not marked Done by then is claimed again, by any process.
func (q *Jobs) Claim(ctx context.Context, now time.Time, lease time.Duration, max int) ([]Job, error) {
	ids, err := claimScript.Run(ctx, q.rdb, []string{q.due, q.lease}, ms(now), ms(now.Add(lease)), max).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("claim jobs: %w", err)
	}
	return q.load(ctx, ids)
}

// doneScript ends a claimed job; its data stays when it was scheduled
// again meanwhile.
var doneScript = redis.NewScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false then redis.call('HDEL', KEYS[3], ARGV[1]) end
return 1
`)

// Done marks a claimed job finished.
func (q *Jobs) Done(ctx context.Context, id string) error {
	if err := doneScript.Run(ctx, q.rdb, []string{q.due, q.lease, q.dataKey}, id).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("finish job %s: %w", id, err)
	}
	return nil
}

// Handler does one job. An error leaves the job claimed, so it is tried
// again when its lease ends.
type Handler func(ctx context.Context, j Job) error

// Runner claims due jobs and runs their handlers.
type Runner struct {
	Jobs     *Jobs
	Handlers map[string]Handler
	Now      func() time.Time
	Log      *slog.Logger
	// Lease is how long a claimed job is reserved (default 1 minute).
	Lease time.Duration
	// Poll is how often Run looks for due jobs (default 1 second).
	Poll time.Duration
	// Observe, when set, hears of every job this process ran, by its
	// kind, with the handler's error (a job of an unknown kind is
	// "unknown" with ErrUnknownKind), for the metrics.
	Observe func(kind string, err error)
}

// ErrUnknownKind is what Observe hears for a job no handler takes; the
// job is dropped.
var ErrUnknownKind = errors.New("job of unknown kind")

// RunDue runs every job due now and returns how many it ran.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	lease := r.Lease
	if lease <= 0 {
		lease = time.Minute
	}
	n := 0
	for {
		jobs, err := r.Jobs.Claim(ctx, r.Now(), lease, 16)
		if err != nil {
			return n, err
		}
		if len(jobs) == 0 {
			return n, nil
		}
		for _, j := range jobs {
			kind, err := "unknown", ErrUnknownKind // not a label per stray kind
			h, ok := r.Handlers[j.Kind]
			if ok {
				kind, err = j.Kind, h(ctx, j)
			}
			if r.Observe != nil {
				r.Observe(kind, err)
			}
			if !ok {
				r.log().Error("job of unknown kind dropped", "job", j.ID, "kind", j.Kind)
			} else if err != nil {
				r.log().Warn("job failed; tried again after its lease", "job", j.ID, "err", err)
				continue
			}
			if err := r.Jobs.Done(ctx, j.ID); err != nil {
				return n, err
			}
			n++
		}
	}
}

// Run runs due jobs until ctx ends. Jobs that fell due while no process
// ran are run at once.
func (r *Runner) Run(ctx context.Context) error {
	poll := r.Poll
	if poll <= 0 {
		poll = time.Second
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if _, err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
			r.log().Warn("run due jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (r *Runner) log() *slog.Logger {
	if r.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Log
}
