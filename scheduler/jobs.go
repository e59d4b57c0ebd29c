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

	"github.com/heimatbot/heimatbot/lease"
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
	// holder is who claimed the job (Claim), for Renew and Done.
	holder string
}

// Jobs is the due-time sorted set of a community's one-off jobs.
type Jobs struct {
	rdb redis.UniversalClient
	// due holds the waiting jobs by due time, leases the claimed ones by
	// the end of their lease, holders who claimed them, data the jobs.
	due, leases, holders, data string
}

// NewJobs returns the job queue of the store's community.
func NewJobs(st *store.Store) *Jobs {
	return &Jobs{rdb: st.Client(), due: st.Key("jobs"), leases: st.Key("jobs", "lease"),
		holders: st.Key("jobs", "holder"), data: st.Key("jobs", "data")}
}

func ms(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// Schedule adds j or moves the waiting job with its id to j.Due.
func (q *Jobs) Schedule(ctx context.Context, j Job) error {
	b, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("encode job: %w", err)
	}
	_, err = q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, q.data, j.ID, b)
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
		p.HDel(ctx, q.data, id)
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
	vals, err := q.rdb.HMGet(ctx, q.data, ids...).Result()
	if err != nil {
		return nil, fmt.Errorf("read jobs: %w", err)
	}
	var found []string
	for _, v := range vals {
		if s, ok := v.(string); ok {
			found = append(found, s)
		}
	}
	return decodeJobs(found)
}

// decodeJobs reads jobs as Schedule stored them.
func decodeJobs(raw []string) ([]Job, error) {
	out := make([]Job, 0, len(raw))
	for _, s := range raw {
		var j Job
		if err := json.Unmarshal([]byte(s), &j); err != nil {
			return nil, fmt.Errorf("decode job: %w", err)
		}
		out = append(out, j)
	}
	return out, nil
}

// claimScript moves up to ARGV[3] jobs that are due (or whose claimer's
// lease ran out) into the lease set and names their holder (ARGV[4]), in
// one step, so no two processes claim the same job, and returns the
// claimed jobs' data. A job unscheduled after it was claimed is dropped.
var claimScript = redis.NewScript(`
local due, leases, holders, data = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now, leaseEnd, max, holder = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local out = {}
local function claim(id)
  local job = redis.call('HGET', data, id)
  if not job then
    redis.call('ZREM', leases, id)
    redis.call('HDEL', holders, id)
    return
  end
  redis.call('ZADD', leases, leaseEnd, id)
  redis.call('HSET', holders, id, holder)
  table.insert(out, job)
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, max)) do claim(id) end
if #out < max then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', due, '-inf', now, 'LIMIT', 0, max - #out)) do
    redis.call('ZREM', due, id)
    claim(id)
  end
end
return out
`)

// Claim takes up to max jobs due at now. Each is leased until now+ttl; a
// job not marked Done by then (or renewed) is claimed again, by any
// process.
func (q *Jobs) Claim(ctx context.Context, now time.Time, ttl time.Duration, max int) ([]Job, error) {
	holder := lease.NewHolder()
	raw, err := claimScript.Run(ctx, q.rdb, []string{q.due, q.leases, q.holders, q.data}, ms(now), ms(now.Add(ttl)), max, holder).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("claim jobs: %w", err)
	}
	jobs, err := decodeJobs(raw)
	for i := range jobs {
		jobs[i].holder = holder
	}
	return jobs, err
}

// renewScript moves the end of a job's lease to ARGV[3] if its claimer
// (ARGV[2]) still holds it.
var renewScript = redis.NewScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
return 1
`)

// Renew extends the lease on claimed job j until until, and reports
// whether this claim still held it (another process claimed the job after
// the lease ran out).
func (q *Jobs) Renew(ctx context.Context, j Job, until time.Time) (bool, error) {
	held, err := renewScript.Run(ctx, q.rdb, []string{q.leases, q.holders}, j.ID, j.holder, ms(until)).Bool()
	if err != nil {
		return false, fmt.Errorf("renew job %s: %w", j.ID, err)
	}
	return held, nil
}

// doneScript ends a claimed job if its claimer (ARGV[2]) still holds it;
// its data stays when it was scheduled again meanwhile.
var doneScript = redis.NewScript(`
local due, leases, holders, data = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('HGET', holders, ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', leases, ARGV[1])
redis.call('HDEL', holders, ARGV[1])
if redis.call('ZSCORE', due, ARGV[1]) == false then redis.call('HDEL', data, ARGV[1]) end
return 1
`)

// Done marks claimed job j finished. A claim that another process took
// over meanwhile is left to it.
func (q *Jobs) Done(ctx context.Context, j Job) error {
	if err := doneScript.Run(ctx, q.rdb, []string{q.due, q.leases, q.holders, q.data}, j.ID, j.holder).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("finish job %s: %w", j.ID, err)
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

// RunDue runs every job due now and returns how many it ran. It claims
// them one at a time and renews the lease on each while its handler runs,
// so a slow job is not claimed again meanwhile, and one waiting is not
// held by this process.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	ttl := r.Lease
	if ttl <= 0 {
		ttl = time.Minute
	}
	n := 0
	for {
		since := time.Now()
		jobs, err := r.Jobs.Claim(ctx, r.Now(), ttl, 1)
		if err != nil {
			return n, err
		}
		if len(jobs) == 0 {
			return n, nil
		}
		j := jobs[0]
		kind, err := "unknown", ErrUnknownKind // not a label per stray kind
		h, ok := r.Handlers[j.Kind]
		if ok {
			renew := func(ctx context.Context) (bool, error) { return r.Jobs.Renew(ctx, j, r.Now().Add(ttl)) }
			kind, err = j.Kind, lease.While(ctx, ttl, since, renew, func(ctx context.Context) error { return h(ctx, j) })
		}
		if r.Observe != nil {
			r.Observe(kind, err)
		}
		switch {
		case !ok:
			r.log().Error("job of unknown kind dropped", "job", j.ID, "kind", j.Kind)
		case errors.Is(err, lease.ErrLost):
			r.log().Warn("job's lease lost; left to the process that holds it", "job", j.ID, "err", err)
			continue
		case err != nil:
			r.log().Warn("job failed; tried again after its lease", "job", j.ID, "err", err)
			continue
		}
		if err := r.Jobs.Done(ctx, j); err != nil {
			return n, err
		}
		n++
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
