package poster

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
)

// Sheet is what a printed poster says, every text already in the
// reader's language.
type Sheet struct {
	Community   string // the community's name, at the top
	Title       string
	When        string // date and time, e.g. "Sa., 12.12.2026, 18:30 Uhr – 20:00 Uhr"
	Place       string
	Description string // shortened to fit
	// Call asks the passer-by to scan a code, above the codes.
	Call string
	// Links are the ways to the event, one QR code each, side by side:
	// Telegram's deep link, and others as platforms come.
	Links []Link
}

// Link is one way from the poster to the event.
type Link struct {
	// Label names the platform above its code ("Telegram"); shown when
	// there is more than one link.
	Label string
	// URL is what the QR code holds; printed below it without
	// "https://", short enough to type.
	URL string
}

// The page and its parts, in millimetres.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 15.0
	textW        = pageW - 2*margin
	// The code takes 12 to 15 cm: modules of 2.7 to 3.3 mm for the deep
	// link of a bot with a nine-letter name (45 modules with the quiet
	// zone at level H), which a phone reads from two metres.
	qrMax, qrMin = 150.0, 120.0
	ptToMM       = 25.4 / 72
)

// ErrNoLink means a sheet without any link: a poster nobody could get from
// to the bot.
var ErrNoLink = errors.New("poster: no link for the QR code")

// PDF lays s out on one A4 page: the community, the title, when and
// where, the description, and at the bottom the QR codes with their short
// links, as large as the text above leaves room for. The codes are drawn
// as vector squares, so they print sharp at any size.
func PDF(s Sheet) ([]byte, error) {
	if len(s.Links) == 0 {
		return nil, ErrNoLink
	}
	codes := make([][][]bool, len(s.Links))
	for i, l := range s.Links {
		m, err := qrModules(l.URL)
		if err != nil {
			return nil, err
		}
		codes[i] = m
	}

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(margin, margin, margin)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.SetTitle(s.Title, true)
	pdf.SetCreator("heimatbot", true)
	pdf.AddPage()

	y := margin
	y = write(pdf, y, s.Community, "B", 14, 1, 110)
	y += 4
	// The title as large as fits in three lines.
	size := 40.0
	for size > 22 && lines(pdf, s.Title, "B", size, textW, 0) > 3 {
		size -= 2
	}
	y = write(pdf, y, s.Title, "B", size, 3, 0)
	y += 5
	y = write(pdf, y, s.When, "B", 20, 2, 0)
	y = write(pdf, y, s.Place, "", 20, 2, 0)
	y += 5

	// The bottom block: call, codes, links. The codes take what the text
	// above leaves, keeping a few lines for the description, between
	// qrMin and qrMax; the header's limits above keep qrMin free.
	n := float64(len(s.Links))
	gap := 10.0
	labelH := 0.0
	if len(s.Links) > 1 {
		labelH = 9
	}
	const callSize, linkSize, descSize = 16.0, 15.0, 13.0
	fixed := lines(pdf, s.Call, "", callSize, textW, 2)*lineH(callSize) + 3 + labelH + 2 + lineH(linkSize)
	desc := lines(pdf, s.Description, "", descSize, textW, 4) * lineH(descSize)
	qr := pageH - margin - fixed - 6 - desc - y
	qr = min(max(qr, qrMin), qrMax, (textW-(n-1)*gap)/n)
	bottom := fixed + qr
	if maxLines := int((pageH - margin - bottom - 6 - y) / lineH(descSize)); maxLines > 0 {
		write(pdf, y, s.Description, "", descSize, maxLines, 60)
	}

	y = pageH - margin - bottom
	y = write(pdf, y, s.Call, "", callSize, 2, 0) + 3
	rowW := n*qr + (n-1)*gap
	for i, l := range s.Links {
		x := margin + (textW-rowW)/2 + float64(i)*(qr+gap)
		top := y
		if labelH > 0 {
			pdf.SetFont("sans", "B", 18)
			pdf.SetXY(x, top)
			pdf.CellFormat(qr, labelH, l.Label, "", 0, "C", false, 0, "")
			top += labelH
		}
		drawCode(pdf, codes[i], x, top, qr)
		pdf.SetFont("sans", "B", fitSize(pdf, short(l.URL), linkSize, qr))
		pdf.SetXY(x, top+qr+2)
		pdf.CellFormat(qr, lineH(linkSize), short(l.URL), "", 0, "C", false, 0, "")
	}

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("poster: %w", err)
	}
	return buf.Bytes(), nil
}

// lineH is the height of a line of text at size points.
func lineH(size float64) float64 { return size * ptToMM * 1.25 }

// lines is how many lines text takes at width w, at most maxLines
// (0: no limit).
func lines(pdf *fpdf.Fpdf, text, style string, size, w float64, maxLines int) float64 {
	if text == "" {
		return 0
	}
	pdf.SetFont("sans", style, size)
	n := len(wrap(pdf, text, w))
	if maxLines > 0 {
		n = min(n, maxLines)
	}
	return float64(n)
}

// write sets text at y in at most maxLines lines, the last one cut with
// "…" when the text is longer, in grey when gray > 0, and returns the y
// below it.
func write(pdf *fpdf.Fpdf, y float64, text, style string, size float64, maxLines, gray int) float64 {
	if text == "" {
		return y
	}
	pdf.SetFont("sans", style, size)
	pdf.SetTextColor(gray, gray, gray)
	defer pdf.SetTextColor(0, 0, 0)
	ls := wrap(pdf, text, textW)
	if len(ls) > maxLines {
		ls = ls[:maxLines]
		last := []rune(ls[maxLines-1])
		for len(last) > 0 && pdf.GetStringWidth(string(last)+" …") > textW {
			last = last[:len(last)-1]
		}
		ls[maxLines-1] = strings.TrimRight(string(last), " ,.;:") + " …"
	}
	for _, l := range ls {
		pdf.SetXY(margin, y)
		pdf.CellFormat(textW, lineH(size), l, "", 0, "L", false, 0, "")
		y += lineH(size)
	}
	return y
}

// wrap breaks text into lines of at most w at spaces (or within a word
// too long for a line), keeping the text's own line breaks.
func wrap(pdf *fpdf.Fpdf, text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			next := strings.TrimSpace(line + " " + word)
			if pdf.GetStringWidth(next) <= w {
				line = next
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			line = word
			for pdf.GetStringWidth(line) > w {
				r := []rune(line)
				i := len(r) - 1
				for i > 1 && pdf.GetStringWidth(string(r[:i])) > w {
					i--
				}
				out = append(out, string(r[:i]))
				line = string(r[i:])
			}
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// fitSize is the largest size up to size at which text fits in w.
func fitSize(pdf *fpdf.Fpdf, text string, size, w float64) float64 {
	for ; size > 8; size-- {
		pdf.SetFont("sans", "B", size)
		if pdf.GetStringWidth(text) <= w {
			break
		}
	}
	return size
}

// drawCode draws the QR code's dark modules as black squares, w wide
// with its quiet zone, each row's runs as one rectangle.
func drawCode(pdf *fpdf.Fpdf, code [][]bool, x, y, w float64) {
	m := w / float64(len(code))
	pdf.SetFillColor(0, 0, 0)
	for r, row := range code {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			end := c
			for end < len(row) && row[end] {
				end++
			}
			pdf.Rect(x+float64(c)*m, y+float64(r)*m, float64(end-c)*m, m, "F")
			c = end
		}
	}
}

// short is a link as people type it: without the scheme.
func short(url string) string {
	return strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
}
