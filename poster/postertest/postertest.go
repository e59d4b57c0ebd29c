// Package postertest reads a poster PDF back as a person would: the
// QR codes a phone finds on page 1, and the words on it.
package postertest

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"rsc.io/pdf"
)

// dotsPerPoint is the raster's resolution: 2 dots per PDF point, 144 dpi,
// about 17 dots per module of a 13.5 cm code.
const dotsPerPoint = 2

// Codes rasterises the filled rectangles of page 1 of a PDF (the QR
// codes' squares) and returns what the QR codes on it decode to, sorted.
func Codes(t testing.TB, data []byte) []string {
	t.Helper()
	img := Raster(t, data)
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("bitmap: %v", err)
	}
	res, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code on page 1: %v", err)
	}
	var out []string
	for _, r := range res {
		out = append(out, r.GetText())
	}
	slices.Sort(out)
	return out
}

// Raster paints page 1's rectangles black on white, as the page prints.
func Raster(t testing.TB, data []byte) image.Image {
	t.Helper()
	page := page1(t, data)
	box := page.V.Key("MediaBox")
	if box.Len() != 4 {
		box = page.V.Key("Parent").Key("MediaBox")
	}
	w, h := box.Index(2).Float64(), box.Index(3).Float64()
	img := image.NewGray(image.Rect(0, 0, int(w*dotsPerPoint), int(h*dotsPerPoint)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, r := range page.Content().Rect {
		// PDF's y grows upwards; a rectangle may have a negative height.
		x0, x1 := min(r.Min.X, r.Max.X), max(r.Min.X, r.Max.X)
		y0, y1 := min(r.Min.Y, r.Max.Y), max(r.Min.Y, r.Max.Y)
		rect := image.Rect(int(x0*dotsPerPoint+0.5), int((h-y1)*dotsPerPoint+0.5), int(x1*dotsPerPoint+0.5), int((h-y0)*dotsPerPoint+0.5))
		draw.Draw(img, rect, image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	return img
}

// Text is the words of page 1, one string a line as drawn. The poster's
// fonts are embedded for Unicode: each line is a string of UTF-16BE code
// units shown with Tj in the page's content stream.
func Text(t testing.TB, data []byte) string {
	t.Helper()
	stream, err := io.ReadAll(page1(t, data).V.Key("Contents").Reader())
	if err != nil {
		t.Fatalf("page 1's content: %v", err)
	}
	var lines []string
	for _, m := range showText.FindAllSubmatch(stream, -1) {
		raw := unescape.ReplaceAllFunc(m[1], func(esc []byte) []byte {
			if n, err := strconv.ParseUint(string(esc[1:]), 8, 8); err == nil {
				return []byte{byte(n)}
			}
			return esc[1:]
		})
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		lines = append(lines, string(utf16.Decode(u)))
	}
	return strings.Join(lines, "\n")
}

var (
	// showText is a literal string shown with Tj.
	showText = regexp.MustCompile(`(?s)\(((?:[^\\()]|\\.)*)\)\s*Tj`)
	// unescape is an escape in a literal string: \ooo or \c.
	unescape = regexp.MustCompile(`(?s)\\([0-7]{1,3}|.)`)
)

func page1(t testing.TB, data []byte) pdf.Page {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a PDF: %v", err)
	}
	if r.NumPage() != 1 {
		t.Fatalf("%d pages, want 1", r.NumPage())
	}
	return r.Page(1)
}
