package flows

import "testing"

func TestContactKind(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Der Bus fährt zu selten, vor allem am Wochenende.", ""},
		{"Seit 2019 fehlen 3 Kita-Plätze, 15 Kinder warten.", ""},
		{"Ruft an: 03947 12345", contactPhone},
		{"Tel. +49 (0)3947/123-45", contactPhone},
		{"Handy 0171-2345678", contactPhone},
		{"Meldet euch bei anna@example.org", contactEmail},
		{"Infos: https://example.org/jugend", contactLink},
		{"Siehe www.ballenstedt.de", contactLink},
		{"steht auf jugendclub-badeborn.de", contactLink},
		{"z.B. am Markt, d.h. mitten im Ort", ""},
	}
	for _, tt := range tests {
		if got := contactKind(tt.text); got != tt.want {
			t.Errorf("contactKind(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
