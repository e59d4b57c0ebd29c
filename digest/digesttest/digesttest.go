// Package digesttest gives tests a digest source with fixed data that
// remembers which periods it was asked for.
package digesttest

import (
	"context"
	"time"

	"github.com/heimatbot/heimatbot/digest"
)

// Source hands out Data for any period and records the periods asked.
type Source struct {
	Data  digest.Data
	Asked [][2]time.Time
}

// DigestData returns s.Data and records [from, to].
func (s *Source) DigestData(_ context.Context, from, to time.Time) (digest.Data, error) {
	s.Asked = append(s.Asked, [2]time.Time{from, to})
	return s.Data, nil
}

// BusyWeek has one approved opinion and one new resident in the week
// before 25 November 2026.
func BusyWeek() *Source {
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	return &Source{Data: digest.Data{
		People:   []digest.Person{{Ref: "a", District: "rieder", Joined: at, LastActive: at}},
		Opinions: []digest.Opinion{{ID: "o1", Theme: "kultur", District: "rieder", Created: at, Status: digest.Approved, Text: "Ein Chor für alle", Agree: 3}},
	}}
}
