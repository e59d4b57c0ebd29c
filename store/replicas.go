package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// ErrNotReplicated is returned when fewer replicas than asked for
// confirmed a write in time: the master has it, but a failover could
// lose it, so the update is not confirmed to its platform and comes again.
var ErrNotReplicated = errors.New("not confirmed by enough replicas")

// replicated runs write, and with Options.WaitReplicas runs it on one
// connection to the master and then waits (Redis WAIT) until that many
// replicas have it. Replication keeps the master's order, so they then
// also have everything written before it: all that handling the update
// changed, with the commit as its last write. Without it a failover loses
// what the old master confirmed in the second before the Sentinels
// announced the new one (see the store's failover tests).
func (s *Store) replicated(ctx context.Context, write func(redis.Cmdable) error) error {
	if s.waitReplicas == 0 {
		return write(s.rdb)
	}
	c, ok := s.rdb.(*redis.Client)
	if !ok {
		return errors.New("waiting for replicas needs one master (a server or Sentinel), not a Cluster")
	}
	conn := c.Conn()
	defer conn.Close()
	if err := write(conn); err != nil {
		return err
	}
	n, err := conn.Wait(ctx, s.waitReplicas, s.waitTimeout).Result()
	if err != nil {
		return fmt.Errorf("wait for replicas: %w", err)
	}
	if n < int64(s.waitReplicas) {
		return fmt.Errorf("%w: %d of %d replicas within %s", ErrNotReplicated, n, s.waitReplicas, s.waitTimeout)
	}
	return nil
}
