package poster

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// decode reads a QR code back from a PNG, as a phone camera would.
func decode(t *testing.T, data []byte) (image.Image, string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("NewBinaryBitmapFromImage: %v", err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decoding the QR code: %v", err)
	}
	return img, res.GetText()
}

func TestQRCodePNG(t *testing.T) {
	link, err := DeepLink("heimatbot", "ev_42")
	if err != nil {
		t.Fatal(err)
	}
	longest, err := DeepLink(strings.Repeat("h", 29)+"bot", strings.Repeat("Z", MaxPayloadLen))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		content string
		size    int
	}{
		{link, PrintSize},
		{link, 333}, // not a multiple of the module count
		{longest, PrintSize},
		{longest, 200},
	} {
		data, err := QRCodePNG(tc.content, tc.size)
		if err != nil {
			t.Fatalf("QRCodePNG(%q, %d): %v", tc.content, tc.size, err)
		}
		img, got := decode(t, data)
		if b := img.Bounds(); b.Dx() != tc.size || b.Dy() != tc.size {
			t.Errorf("image is %dx%d, want %dx%d", b.Dx(), b.Dy(), tc.size, tc.size)
		}
		if got != tc.content {
			t.Errorf("decoded %q, want %q", got, tc.content)
		}
	}
}

func TestQRCodePNGErrors(t *testing.T) {
	if _, err := QRCodePNG("https://t.me/heimatbot?start=ev_42", 20); !errors.Is(err, ErrTooSmall) {
		t.Errorf("size 20: error = %v, want ErrTooSmall", err)
	}
	if _, err := QRCodePNG("", PrintSize); err == nil {
		t.Error("empty content: no error")
	}
	if _, err := QRCodePNG(strings.Repeat("x", 5000), PrintSize); err == nil {
		t.Error("content too long for any QR code: no error")
	}
}
