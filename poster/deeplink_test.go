package poster

import (
	"errors"
	"strings"
	"testing"
)

func TestDeepLink(t *testing.T) {
	tests := []struct{ bot, payload, want string }{
		{"heimatbot", "ev_42", "https://t.me/heimatbot?start=ev_42"},
		{"@Heimat_Bot", "ev-AZaz09_-", "https://t.me/Heimat_Bot?start=ev-AZaz09_-"},
		{"heimatbot", strings.Repeat("a", 64), "https://t.me/heimatbot?start=" + strings.Repeat("a", 64)},
		{"abbot", "x", "https://t.me/abbot?start=x"},
	}
	for _, tt := range tests {
		got, err := DeepLink(tt.bot, tt.payload)
		if err != nil || got != tt.want {
			t.Errorf("DeepLink(%q, %q) = %q, %v; want %q", tt.bot, tt.payload, got, err, tt.want)
		}
	}
}

func TestDeepLinkInvalid(t *testing.T) {
	tests := []struct {
		bot, payload string
		want         error
	}{
		{"heimatbot", "", ErrInvalidPayload},
		{"heimatbot", strings.Repeat("a", 65), ErrInvalidPayload},
		{"heimatbot", "ev 42", ErrInvalidPayload},
		{"heimatbot", "ev=42", ErrInvalidPayload},
		{"heimatbot", "ev/42", ErrInvalidPayload},
		{"heimatbot", "über", ErrInvalidPayload},
		{"heimatbot", "ev_42&x=1", ErrInvalidPayload},
		{"", "ev_42", ErrInvalidBotUsername},
		{"bot", "ev_42", ErrInvalidBotUsername},
		{"heimat", "ev_42", ErrInvalidBotUsername},
		{"heimat-bot", "ev_42", ErrInvalidBotUsername},
		{"heimat.bot/x?y", "ev_42", ErrInvalidBotUsername},
		{strings.Repeat("a", 30) + "bot", "ev_42", ErrInvalidBotUsername},
	}
	for _, tt := range tests {
		got, err := DeepLink(tt.bot, tt.payload)
		if !errors.Is(err, tt.want) {
			t.Errorf("DeepLink(%q, %q) = %q, %v; want error %v", tt.bot, tt.payload, got, err, tt.want)
		}
	}
}

func TestWhatsAppLink(t *testing.T) {
	got, err := WhatsAppLink("+49 3948-3123", "start ev_42")
	if err != nil || got != "https://wa.me/4939483123?text=start%20ev_42" {
		t.Errorf("WhatsAppLink = %q, %v", got, err)
	}
	for _, bad := range []string{"", "0391 abc", "+1234567890123456"} {
		if _, err := WhatsAppLink(bad, "x"); err == nil {
			t.Errorf("WhatsAppLink(%q) took it", bad)
		}
	}
}
