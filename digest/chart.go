package digest

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/text"
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

// districtColors tell the districts apart, also for readers with a
// colour vision deficiency: the Okabe–Ito palette, without its black
// (which the text is). More districts than it has take gonum's colours.
var districtColors = []color.Color{
	color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, // orange
	color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, // blue
	color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// notGivenColor is the layer of opinions without a district: grey, so it
// reads as no place rather than another one.
var notGivenColor = color.RGBA{0xBB, 0xBB, 0xBB, 0xFF}

func districtColor(layer int) color.Color {
	if layer < len(districtColors) {
		return districtColors[layer]
	}
	return plotutil.Color(layer - len(districtColors))
}

// chartPlot builds the plot: one bar per theme with opinions, stacked by
// district, its total above it, a legend naming the districts.
func (r *Report) chartPlot(title, axis, notGiven string) (*plot.Plot, error) {
	v := r.Voices
	var themes []int // rows of v.Grid with opinions
	for i, row := range v.Grid {
		if sum(row) > 0 {
			themes = append(themes, i)
		}
	}
	p := plot.New()
	sans(p)
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
	var (
		layers  []layer // bottom first
		colored int     // districts given a colour so far
	)
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
		name := d.Name
		if name == "" {
			name, bars.Color = notGiven, notGivenColor
		} else {
			bars.Color = districtColor(colored)
			colored++
		}
		if n := len(layers); n > 0 {
			bars.StackOn(layers[n-1].bars)
		}
		p.Add(bars)
		layers = append(layers, layer{name, bars})
	}
	// The legend lists the layers as they are stacked, the top one first.
	for _, l := range slices.Backward(layers) {
		p.Legend.Add(l.name, l.bars)
	}
	totals, err := barTotals(v.Grid, themes)
	if err != nil {
		return nil, err
	}
	p.Add(totals)
	// Room for the legend above the highest bar.
	p.X.Min, p.X.Max = -0.5, float64(len(themes))-0.5
	p.Y.Min, p.Y.Max = 0, math.Ceil(p.Y.Max*1.2)
	return p, nil
}

// layer is one district's part of the stacked bars.
type layer struct {
	name string
	bars *plotter.BarChart
}

// barTotals writes each theme's number of opinions above its bar, so the
// organizer reads it instead of measuring it against the axis.
func barTotals(grid [][]int, themes []int) (*plotter.Labels, error) {
	xys := make(plotter.XYs, len(themes))
	labels := make([]string, len(themes))
	for k, i := range themes {
		n := sum(grid[i])
		xys[k] = plotter.XY{X: float64(k), Y: float64(n)}
		labels[k] = strconv.Itoa(n)
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("digest: chart: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign = draw.XCenter
		l.TextStyle[i].YAlign = draw.YBottom
		l.TextStyle[i].Font.Size = vg.Points(12)
		l.TextStyle[i].Font.Variant = "Sans"
		l.TextStyle[i].Font.Weight = xfont.WeightBold
	}
	l.Offset = vg.Point{Y: vg.Points(3)}
	return l, nil
}

// sans sets every text of p in Liberation Sans, which reads better on a
// phone's screen than gonum's default serif and matches the poster.
func sans(p *plot.Plot) {
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Font.Variant = "Sans"
	}
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
