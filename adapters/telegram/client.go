package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultAPIURL is Telegram's own Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// client calls the Bot API through tgbotapi, with a context per call. The
// library predates contexts: each call gets a shallow copy of the BotAPI
// whose HTTP client carries the call's context and notes the HTTP status.
type client struct {
	api   *tgbotapi.BotAPI
	http  *http.Client
	token string
}

// endpoint turns a base URL into tgbotapi's endpoint format.
func endpoint(base string) string {
	if base == "" {
		base = DefaultAPIURL
	}
	return strings.TrimRight(base, "/") + "/bot%s/%s"
}

// newHTTPClient is the default HTTP client: bounded in every phase, with
// enough idle connections for many chats sending at once.
func newHTTPClient(pollTimeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	tr.ResponseHeaderTimeout = pollTimeout + 15*time.Second
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	return &http.Client{Transport: tr, Timeout: pollTimeout + 30*time.Second}
}

// newClient connects and asks getMe who the bot is.
func newClient(ctx context.Context, token, apiURL string, hc *http.Client) (*client, error) {
	c := &client{http: hc, token: token}
	d := &ctxDoer{ctx: ctx, hc: hc, token: token}
	api, err := tgbotapi.NewBotAPIWithClient(token, endpoint(apiURL), d)
	if err != nil {
		return nil, c.wrap("getMe", d, err)
	}
	api.Client = hc
	c.api = api
	return c, nil
}

// call makes one request; with files it is a multipart upload.
func (c *client) call(ctx context.Context, method string, params tgbotapi.Params, files ...tgbotapi.RequestFile) (json.RawMessage, error) {
	api := *c.api
	d := &ctxDoer{ctx: ctx, hc: c.http, token: c.token}
	api.Client = d
	var resp *tgbotapi.APIResponse
	var err error
	if len(files) > 0 {
		resp, err = api.UploadFiles(method, params, files)
	} else {
		resp, err = api.MakeRequest(method, params)
	}
	if err != nil {
		return nil, c.wrap(method, d, err)
	}
	return resp.Result, nil
}

// wrap turns the library's errors into an APIError, or a network error
// without the token in it.
func (c *client) wrap(method string, d *ctxDoer, err error) error {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		code := te.Code
		if code == 0 {
			code = d.status // uploads lose the code in tgbotapi v5.5.1
		}
		return &APIError{
			Method: method, Code: code, Description: te.Message,
			RetryAfter: time.Duration(te.RetryAfter) * time.Second,
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: redact(ue.URL, c.token), Err: ue.Err}
	}
	return err
}

// redact removes the token, which is part of every Bot API URL.
func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "<token>")
}

// ctxDoer is the HTTP client of one call.
type ctxDoer struct {
	ctx    context.Context
	hc     *http.Client
	token  string
	status int
}

func (d *ctxDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.hc.Do(req.WithContext(d.ctx))
	if resp != nil {
		d.status = resp.StatusCode
	}
	return resp, err
}
