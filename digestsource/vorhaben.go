package digestsource

import (
	"context"
	"fmt"
	"slices"

	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/scheduler"
	"github.com/heimatbot/heimatbot/store"
)

// vorhaben reads every Vorhaben with its status changes and how many
// follow it, and the word back the followers were sent (what each
// broadcast of news reached).
func (s *Store) vorhaben(ctx context.Context) ([]digest.Vorhaben, []digest.WordBack, error) {
	list, err := s.st.AllVorhaben(ctx)
	if err != nil {
		return nil, nil, err
	}
	statuses := []string{store.VorhabenRunning, store.VorhabenStuck, store.VorhabenDone, store.VorhabenDropped}
	out := make([]digest.Vorhaben, 0, len(list))
	for _, v := range list {
		d := digest.Vorhaben{ID: v.ID, Title: v.Title, Theme: v.Theme, District: v.District, Status: v.Status,
			Note: v.Note, Held: v.HolderState == store.HolderAccepted, Created: v.Created, News: v.News,
			Due: v.Due, Stuck: v.Stuck}
		if d.Held {
			d.Holder = v.HolderName
		}
		history, err := s.st.History(ctx, v.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("history of %s: %w", v.ID, err)
		}
		for _, e := range history {
			if slices.Contains(statuses, e.Kind) {
				d.Changes = append(d.Changes, digest.StatusChange{Status: e.Kind, At: e.At})
			}
		}
		followers, err := s.st.Followers(ctx, v.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, f := range followers {
			if f.Answer == store.FollowYes {
				d.Followers++
			}
		}
		out = append(out, d)
	}
	all, err := scheduler.NewBroadcasts(s.st, nil, nil, scheduler.BroadcastOptions{}).List(ctx)
	if err != nil {
		return nil, nil, err
	}
	var back []digest.WordBack
	for _, b := range all {
		if b.Kind == store.VorhabenNewsKind && b.Sent > 0 {
			back = append(back, digest.WordBack{Reached: b.Sent, At: b.Created})
		}
	}
	return out, back, nil
}
