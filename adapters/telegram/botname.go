package telegram

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// BotUsername asks the Bot API (getMe) for the bot's username, for a tool
// that needs it without running the adapter (the poster of `heimatbot
// event poster`).
func BotUsername(ctx context.Context, token, apiURL string) (string, error) {
	c, err := newClient(ctx, token, apiURL, &http.Client{Timeout: 30 * time.Second})
	if err != nil {
		return "", fmt.Errorf("telegram: %w", err)
	}
	return c.api.Self.UserName, nil
}
