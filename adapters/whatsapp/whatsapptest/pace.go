package whatsapptest

import (
	"fmt"
	"time"
)

// bucket is the pair rate of one recipient: a burst, then one message
// every so long.
type bucket struct {
	tokens float64
	at     time.Time
}

// admit keeps Meta's pace on real time: at most perSecond accepted sends
// in any second (130429), and the pair rate per recipient (131056). The
// caller holds mu.
func (s *Server) admit(to string) (code int, problem string) {
	now := time.Now()
	if s.cfg.perSecond > 0 {
		keep := s.recent[:0]
		for _, t := range s.recent {
			if now.Sub(t) < time.Second {
				keep = append(keep, t)
			}
		}
		s.recent = keep
		if len(s.recent) >= s.cfg.perSecond {
			return CodeThroughput, fmt.Sprintf("more than %d messages in a second", s.cfg.perSecond)
		}
	}
	if s.cfg.pairEvery > 0 {
		b, ok := s.pairs[to]
		if !ok {
			b = &bucket{tokens: float64(s.cfg.pairBurst), at: now}
			s.pairs[to] = b
		}
		b.tokens = min(float64(s.cfg.pairBurst), b.tokens+now.Sub(b.at).Seconds()/s.cfg.pairEvery.Seconds())
		b.at = now
		if b.tokens < 1 {
			return CodePairRate, fmt.Sprintf("more than %d messages to %s, then one every %s", s.cfg.pairBurst, to, s.cfg.pairEvery)
		}
		b.tokens--
	}
	if s.cfg.perSecond > 0 {
		s.recent = append(s.recent, now)
	}
	return 0, ""
}
