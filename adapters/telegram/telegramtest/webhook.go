package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// SecretTokenHeader is the header in which Telegram sends a webhook's
// secret_token.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// PostWebhook delivers an update to the bot's webhook at url as Telegram
// does: a JSON POST carrying the secret token header when secret is set.
// It returns the HTTP status the bot answered.
func PostWebhook(ctx context.Context, url, secret string, u Update) (int, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return 0, fmt.Errorf("telegramtest: marshal update: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("telegramtest: webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretTokenHeader, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("telegramtest: post webhook: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body) // let the connection be reused
	return resp.StatusCode, nil
}
