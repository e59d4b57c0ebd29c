package flows_test

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// fakeSource serves fixed records and remembers what it was asked.
type fakeSource struct {
	mu    sync.Mutex
	data  digest.Data
	asked [][2]time.Time
}

func (f *fakeSource) DigestData(ctx context.Context, from, to time.Time) (digest.Data, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, [2]time.Time{from, to})
	return f.data, nil
}

// records is a week before the test clock (25 November 2026, 10:00): two
// residents joined in Badeborn, one wrote an approved opinion on youth,
// one is waiting for moderation, and an event took place.
func records(loc *time.Location) digest.Data {
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, loc) }
	return digest.Data{
		People: []digest.Person{
			{Ref: "a", District: "badeborn", Role: "buerger", Joined: at(20, 9), LastActive: at(21, 9)},
			{Ref: "b", District: "badeborn", Joined: at(22, 9), LastActive: at(22, 9)},
		},
		Opinions: []digest.Opinion{
			{ID: "o1", Theme: "jugend", District: "badeborn", Role: "buerger", Created: at(21, 9), Status: digest.Approved, Text: "Eine Skaterbahn am Sportplatz", Agree: 4},
			{ID: "o2", Theme: "jugend", District: "badeborn", Created: at(22, 9), Status: digest.Pending, Text: "Noch nicht geprüft"},
		},
		Events: []digest.Event{{ID: "e1", Title: "Stadtgespräch Jugend", Start: at(20, 18), Yes: 9, AttendanceKnown: true, Attended: 7}},
	}
}

func organizerBot(t *testing.T, src *fakeSource) (*flowtest.Bot, *flowtest.Chat) {
	opts := []flowtest.Option{flowtest.WithConfig(func(c *config.Config) { c.Organizers.Telegram = []string{"900"} })}
	if src != nil {
		opts = append(opts, flowtest.WithDigestSource(src))
	}
	b := flowtest.New(t, opts...)
	return b, b.Chat(bot.Telegram, "900")
}

func TestDigestNowWithChart(t *testing.T) {
	src := &fakeSource{}
	b, c := organizerBot(t, src)
	src.data = records(b.Config.Location())
	c.Send("/digest")
	c.Expect(
		"Wochenbild Ballenstedt: 19.11.2026 bis 25.11.2026",
		"2 neu angemeldet (0), 2 aktiv (0), 2 angemeldet insgesamt.",
		"1 freigegebene Meinung (0), 0 Bewertungen (0). 1 Meinung wartet auf Moderation.",
		"Jugend: 1 Meinung (0)",
		"„Eine Skaterbahn am Sportplatz“ – Badeborn: 4 dafür",
		"1 Termin (0), 7 Teilnahmen gezählt (0), 0 Rückmeldungen (0).",
		"Stadtgespräch Jugend am 20.11.2026: 9 Zusagen, 7 da",
		"Für ein Meinungsbild reicht es noch nicht.",
		// 0 of the 15 people the map needs, not of those who voted
		"Bisher: 0 von 15 Personen und 0 von 2 Meinungen.",
	)
	for _, wrong := range []string{"1 freigegebene Meinungen", "1 Meinungen", "1 Termine", "von 0 Personen"} {
		if strings.Contains(c.Text(), wrong) {
			t.Errorf("the digest says %q", wrong)
		}
	}
	if strings.Contains(c.Text(), "Noch nicht geprüft") {
		t.Error("an opinion awaiting moderation is quoted")
	}
	last := c.Replies[len(c.Replies)-1]
	if !last.File.IsImage() {
		t.Fatalf("no chart: %s", c.Text())
	}
	if _, err := png.Decode(bytes.NewReader(last.File.Data)); err != nil {
		t.Errorf("chart: %v", err)
	}
	now := b.Clock.Now()
	// Up to now, from midnight of the day 13 days ago: this week began at
	// midnight six days ago, the week before it seven days earlier.
	from := flows.DayStart(now, b.Config.Location()).AddDate(0, 0, -13)
	if len(src.asked) != 1 || !src.asked[0][0].Equal(from) || !src.asked[0][1].Equal(now) {
		t.Errorf("source asked for %v, want %v to %v", src.asked, from, now)
	}
	c.Expect("In Klammern steht der Zeitraum davor (12.11.2026 bis 18.11.2026).")
}

func TestDigestQuietWeekSendsTheNoteWithoutChart(t *testing.T) {
	_, c := organizerBot(t, &fakeSource{})
	c.Send("/digest")
	c.Expect("Eine ruhige Woche")
	for _, m := range c.Replies {
		if m.File != nil {
			t.Errorf("quiet week came with file %s", m.File.Name)
		}
	}
}

func TestStatsAtAGlance(t *testing.T) {
	src := &fakeSource{}
	b, c := organizerBot(t, src)
	src.data = records(b.Config.Location())
	c.Send("/stats")
	c.Expect("Zahlen auf einen Blick: 19.11.2026 bis 25.11.2026",
		"Personen: 2 neu (0), 2 aktiv (0), 2 angemeldet",
		"Meinungen: 1 freigegeben (0), 0 Bewertungen (0), 1 wartet auf Moderation",
		"Termine: 1 (0), 0 stehen bevor")
}

func TestExportAsXLSXAndCSV(t *testing.T) {
	src := &fakeSource{}
	b, c := organizerBot(t, src)
	src.data = records(b.Config.Location())
	c.Send("/export")
	c.Expect("In welchem Format", "[CSV (ZIP)]", "[Excel (XLSX)]")
	c.Press("Excel (XLSX)")
	c.Expect("Hier sind die Daten")
	f := c.Replies[len(c.Replies)-1].File
	if f == nil || !strings.HasSuffix(f.Name, ".xlsx") {
		t.Fatalf("no workbook: %s", c.Text())
	}
	x, err := excelize.OpenReader(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("opinions")
	if len(rows) != 2 || rows[1][7] != "Eine Skaterbahn am Sportplatz" || rows[1][0] != "Jugend" {
		t.Errorf("opinions sheet = %q", rows)
	}
	if !src.asked[len(src.asked)-1][0].IsZero() {
		t.Errorf("export asked for %v, want everything", src.asked)
	}

	c.Send("/export")
	c.Press("CSV (ZIP)")
	if f := c.Replies[len(c.Replies)-1].File; f == nil || f.ContentType != "application/zip" {
		t.Fatalf("no archive: %s", c.Text())
	}
}

func TestDigestFlowsAreForOrganizersOnly(t *testing.T) {
	b, _ := organizerBot(t, &fakeSource{})
	c := b.Chat(bot.Telegram, "901")
	for _, cmd := range []string{"/digest", "/export", "/statistik"} {
		c.Send(cmd)
		if strings.Contains(c.Text(), "Wochenbild") || strings.Contains(c.Text(), "Format") || strings.Contains(c.Text(), "auf einen Blick") {
			t.Errorf("%s answered a resident:\n%s", cmd, c.Text())
		}
	}
}

func TestDigestWithoutSourceSaysSo(t *testing.T) {
	_, c := organizerBot(t, nil)
	for _, cmd := range []string{"/digest", "/export", "/statistik"} {
		c.Send(cmd)
		c.Expect("Für das Wochenbild ist noch keine Datenquelle eingerichtet.")
	}
}
