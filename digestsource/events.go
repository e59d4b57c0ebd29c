package digestsource

import (
	"context"
	"fmt"
	"time"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/store"
)

// events reads the events starting at or after from (all with a zero
// from), with their answer counts and feedback. Attendance is not recorded,
// so it stays unknown.
func (s *Store) events(ctx context.Context, from time.Time) ([]digest.Event, error) {
	list, err := s.st.Events(ctx, from, 0, 0)
	if err != nil {
		return nil, err
	}
	out := make([]digest.Event, 0, len(list))
	for _, e := range list {
		counts, err := s.st.RSVPCounts(ctx, e.ID)
		if err != nil {
			return nil, fmt.Errorf("answers to %s: %w", e.ID, err)
		}
		fb, err := s.st.EventFeedback(ctx, e.ID)
		if err != nil {
			return nil, fmt.Errorf("feedback on %s: %w", e.ID, err)
		}
		de := digest.Event{
			ID: e.ID, Title: e.Title, Theme: e.Theme, Start: e.Start, Capacity: e.Capacity, Cancelled: e.Cancelled,
			Yes: counts[store.RSVPYes], Maybe: counts[store.RSVPMaybe], No: counts[store.RSVPNo], Waiting: counts[store.RSVPWaiting],
		}
		for _, f := range fb {
			de.Feedback = append(de.Feedback, digest.Feedback{Score: f.Stars, Comment: f.Text, At: f.At})
		}
		out = append(out, de)
	}
	return out, nil
}
