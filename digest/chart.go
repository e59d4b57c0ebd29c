package digest

import (
	"bytes"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/heimatbot/heimatbot/bot"
)

// The chart's size in pixels.
const (
	ChartWidth  = 1200
	ChartHeight = 800
	chartDPI    = 96
)

// Chart draws the period's approved opinions by theme (bars) and district
// (stacked layers) as a PNG, its title naming the period.
func (r *Report) Chart(l *bot.Localizer) (*bot.File, error) {
	p, err := r.plot(l)
	if err != nil {
		return nil, err
	}
	data, err := pngOf(p)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("wochenbild-%s.png", r.Period.From.Format("2006-01-02"))
	return &bot.File{Name: name, ContentType: "image/png", Data: data}, nil
}

// plot builds the chart with its texts from the catalog.
func (r *Report) plot(l *bot.Localizer) (*plot.Plot, error) {
	w := &writer{l: l}
	title := l.S("digest_chart_title", "From", w.date(r.Period.From), "To", w.date(r.Period.Last()))
	return r.chartPlot(title, l.S("digest_chart_axis"), l.S("digest_not_given"))
}

// chartPlot builds the plot: one bar per theme with opinions, stacked by
// district, a legend naming the districts.
func (r *Report) chartPlot(title, axis, notGiven string) (*plot.Plot, error) {
	v := r.Voices
	var themes []int // rows of v.Grid with opinions
	for i, row := range v.Grid {
		if sum(row) > 0 {
			themes = append(themes, i)
		}
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(16)
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = axis
	p.Legend.Top = true
	p.X.Tick.Label.Rotation = math.Pi / 8
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	names := make([]string, len(themes))
	for k, i := range themes {
		names[k] = v.Themes[i].Name
	}
	if len(themes) == 0 {
		// No opinions: the chart keeps its title and stays empty
		// (gonum's NominalX refuses an empty list).
		return p, nil
	}
	p.NominalX(names...)
	p.Add(plotter.NewGrid())
	// Bars take 60 % of their slot of the plot's width (about 1100 of the
	// 1200 pixels, in points).
	width := vg.Points(min(0.6*1100*72/chartDPI/float64(len(themes)), 120))
	var below *plotter.BarChart
	layer := 0
	for j, d := range v.Districts {
		vals := make(plotter.Values, len(themes))
		for k, i := range themes {
			vals[k] = float64(v.Grid[i][j])
		}
		if allZero(vals) {
			continue
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, fmt.Errorf("digest: chart: %w", err)
		}
		bars.LineStyle.Width = 0
		bars.Color = plotutil.Color(layer)
		layer++
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		name := d.Name
		if name == "" {
			name = notGiven
		}
		p.Legend.Add(name, bars)
	}
	// Room for the legend above the highest bar.
	p.X.Min, p.X.Max = -0.5, float64(len(themes))-0.5
	p.Y.Min, p.Y.Max = 0, math.Ceil(p.Y.Max*1.2)
	return p, nil
}

// pngOf renders p at ChartWidth × ChartHeight pixels.
func pngOf(p *plot.Plot) ([]byte, error) {
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(ChartWidth)*vg.Inch/chartDPI, vg.Length(ChartHeight)*vg.Inch/chartDPI),
		vgimg.UseDPI(chartDPI),
	)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("digest: chart: %w", err)
	}
	return buf.Bytes(), nil
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func allZero(vs plotter.Values) bool {
	for _, v := range vs {
		if v != 0 {
			return false
		}
	}
	return true
}
