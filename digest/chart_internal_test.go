package digest

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"
	"testing/fstest"
	"time"

	"gonum.org/v1/plot/plotter"

	"github.com/heimatbot/heimatbot/bot"
)

// chartCatalog holds the chart's texts only, so this test needs no flows.
var chartCatalog = fstest.MapFS{"l/digest.de.yaml": {Data: []byte(`
digest_date_format: "02.01.2006"
digest_chart_title: "Meinungen nach Thema und Ortsteil, {{.From}} bis {{.To}}"
digest_chart_axis: Meinungen
digest_not_given: ohne Angabe
`)}}

func TestChartTitleNamesThePeriodAndThePNGDecodes(t *testing.T) {
	cat, err := bot.LoadCatalog(chartCatalog, "l", "de")
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	r := &Report{
		Period: Period{From: time.Date(2026, 11, 16, 0, 0, 0, 0, berlin), To: time.Date(2026, 11, 23, 0, 0, 0, 0, berlin)},
		Voices: Voices{
			Themes:    []ThemeVoices{{Row: Row{ID: "jugend", Name: "Jugend"}}, {Row: Row{ID: "kultur", Name: "Kultur"}}, {Row: Row{ID: "leer", Name: "Leer"}}},
			Districts: []Row{{ID: "kernstadt", Name: "Kernstadt"}, {ID: "badeborn", Name: "Badeborn"}, {Name: ""}},
			Grid:      [][]int{{3, 1, 1}, {0, 2, 0}, {0, 0, 0}},
		},
	}
	p, err := r.plot(cat.Localizer("de"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Meinungen nach Thema und Ortsteil, 16.11.2026 bis 22.11.2026"; p.Title.Text != want {
		t.Errorf("title = %q, want %q", p.Title.Text, want)
	}
	if p.Y.Label.Text != "Meinungen" {
		t.Errorf("axis = %q", p.Y.Label.Text)
	}
	// The districts are stacked: the Jugend bar is 3 + 1 + 1 high, the
	// axis goes 20 % higher for the legend.
	if p.Y.Max != 6 {
		t.Errorf("y axis ends at %v, want 6", p.Y.Max)
	}

	f, err := r.Chart(cat.Localizer("de"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatalf("chart is no PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != ChartWidth || b.Dy() != ChartHeight {
		t.Errorf("chart is %d×%d, want %d×%d", b.Dx(), b.Dy(), ChartWidth, ChartHeight)
	}
	if f.ContentType != "image/png" || !f.IsImage() || f.Name != "wochenbild-2026-11-16.png" {
		t.Errorf("file = %s (%s)", f.Name, f.ContentType)
	}
}

// A week with newcomers but no opinion yet still gets its chart: empty,
// with its title.
func TestChartOfAWeekWithoutOpinions(t *testing.T) {
	cat, err := bot.LoadCatalog(chartCatalog, "l", "de")
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	r := &Report{
		Period: Period{From: time.Date(2026, 11, 16, 0, 0, 0, 0, berlin), To: time.Date(2026, 11, 23, 0, 0, 0, 0, berlin)},
		Voices: Voices{
			Themes:    []ThemeVoices{{Row: Row{ID: "jugend", Name: "Jugend"}}},
			Districts: []Row{{ID: "kernstadt", Name: "Kernstadt"}},
			Grid:      [][]int{{0}},
		},
	}
	f, err := r.Chart(cat.Localizer("de"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(f.Data)); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
}

// The districts are told apart by colour in the image, each its own, and
// opinions without a district are the grey layer.
func TestChartTellsTheDistrictsApart(t *testing.T) {
	cat, err := bot.LoadCatalog(chartCatalog, "l", "de")
	if err != nil {
		t.Fatal(err)
	}
	var v Voices
	v.Themes = []ThemeVoices{{Row: Row{ID: "jugend", Name: "Jugend"}}, {Row: Row{ID: "kultur", Name: "Kultur"}}}
	names := []string{"Kernstadt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder", "Hoym", "Gernrode", "Rieder-Nord", ""}
	for _, n := range names {
		v.Districts = append(v.Districts, Row{ID: n, Name: n})
	}
	v.Grid = [][]int{{3, 2, 2, 2, 2, 2, 2, 2, 2, 2}, {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}}
	r := &Report{Period: Period{From: time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}, Voices: v}
	f, err := r.Chart(cat.Localizer("de"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	// Pixels of each colour. A legend's swatch is some 340 of them; a
	// layer of two opinions in a bar thousands.
	seen := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	want := map[color.RGBA]string{color.RGBAModel.Convert(notGivenColor).(color.RGBA): "ohne Angabe"}
	for i, n := range names[:len(names)-1] {
		c := color.RGBAModel.Convert(districtColor(i)).(color.RGBA)
		if other, ok := want[c]; ok {
			t.Errorf("%s and %s have the same colour %v", n, other, c)
		}
		want[c] = n
	}
	for c, n := range want {
		if seen[c] < 2000 {
			t.Errorf("%s's colour %v covers %d pixels of the chart", n, c, seen[c])
		}
	}
}

// Each theme's number of opinions stands above its bar.
func TestChartWritesEachThemesTotal(t *testing.T) {
	l, err := barTotals([][]int{{3, 1, 1}, {0, 0, 0}, {0, 2, 0}}, []int{0, 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Labels) != 2 || l.Labels[0] != "5" || l.Labels[1] != "2" {
		t.Fatalf("totals %q, want 5 and 2", l.Labels)
	}
	if l.XYs[0] != (plotter.XY{X: 0, Y: 5}) || l.XYs[1] != (plotter.XY{X: 1, Y: 2}) {
		t.Errorf("totals stand at %v, want on top of the bars 0 and 1", l.XYs)
	}
}
