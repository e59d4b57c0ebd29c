package poster

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"

	qrcode "github.com/skip2/go-qrcode"
)

// ErrTooSmall means a requested image size that cannot hold the QR code at
// one pixel per module.
var ErrTooSmall = errors.New("poster: image too small for the QR code")

// PrintSize is a sensible edge length in pixels for a printed code: 10 cm at
// 254 dpi, about 25 pixels per module for a typical deep link.
const PrintSize = 1000

// QRCodePNG returns a PNG image, size×size pixels, of a QR code for content
// (usually a [DeepLink]), at error correction level H with its quiet
// zone (see qrModules). Every module is a whole
// number of pixels, so the print is crisp; the leftover pixels are white
// margin.
func QRCodePNG(content string, size int) ([]byte, error) {
	bitmap, err := qrModules(content)
	if err != nil {
		return nil, err
	}
	modules := len(bitmap)
	scale := size / max(modules, 1)
	if scale < 1 {
		return nil, fmt.Errorf("%w: %d pixels for %d modules", ErrTooSmall, size, modules)
	}
	margin := (size - scale*modules) / 2

	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	for y, row := range bitmap {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range scale {
				off := img.PixOffset(margin+x*scale, margin+y*scale+dy)
				for dx := range scale {
					img.Pix[off+dx] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("poster: %w", err)
	}
	return buf.Bytes(), nil
}

// qrModules are the dark (true) and light modules of content's QR code at
// error correction level H, which restores up to 30% of a damaged code,
// since posters get creased, wet and scribbled on; with the quiet zone
// of four modules around.
func qrModules(content string) ([][]bool, error) {
	if content == "" {
		return nil, errors.New("poster: empty QR code content")
	}
	q, err := qrcode.New(content, qrcode.Highest)
	if err != nil {
		return nil, fmt.Errorf("poster: %w", err)
	}
	return q.Bitmap(), nil
}
