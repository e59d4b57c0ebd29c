package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
)

// client calls the Graph API for one phone number.
type client struct {
	http  *http.Client
	base  string
	token string
	phone string
}

func (c *client) url(edge string) string {
	return strings.TrimRight(c.base, "/") + "/" + APIVersion + "/" + c.phone + "/" + edge
}

// sendResponse is the answer to a sent message.
type sendResponse struct {
	Messages []struct {
		ID string `json:"id"`
	} `json:"messages"`
}

// send posts one message (an outMessage) and returns its id.
func (c *client) send(ctx context.Context, msg any) (string, error) {
	body, err := json.Marshal(msg)
	if err != nil {
		return "", fmt.Errorf("whatsapp: encode message: %w", err)
	}
	var resp sendResponse
	if err := c.do(ctx, c.url("messages"), "application/json", bytes.NewReader(body), &resp); err != nil {
		return "", err
	}
	if len(resp.Messages) == 0 {
		return "", nil
	}
	return resp.Messages[0].ID, nil
}

// upload sends a file to the media endpoint and returns its media id.
func (c *client) upload(ctx context.Context, name, mime string, data []byte) (string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("messaging_product", "whatsapp")
	_ = w.WriteField("type", mime)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", mime)
	part, err := w.CreatePart(h)
	if err != nil {
		return "", err
	}
	if _, err := part.Write(data); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	var resp struct {
		ID string `json:"id"`
	}
	if err := c.do(ctx, c.url("media"), w.FormDataContentType(), &buf, &resp); err != nil {
		return "", err
	}
	return resp.ID, nil
}

// graphError is the Graph API's error body.
type graphError struct {
	Error struct {
		Message   string `json:"message"`
		Code      int    `json:"code"`
		ErrorData struct {
			Details string `json:"details"`
		} `json:"error_data"`
	} `json:"error"`
}

func (c *client) do(ctx context.Context, url, contentType string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", contentType)
	resp, err := c.http.Do(req)
	if err != nil {
		return err // the URL carries no secret: the token is a header
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("whatsapp: read answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var ge graphError
		_ = json.Unmarshal(raw, &ge)
		return &APIError{Status: resp.StatusCode, Code: ge.Error.Code, Message: ge.Error.Message, Details: ge.Error.ErrorData.Details}
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("whatsapp: decode answer: %w", err)
	}
	return nil
}
