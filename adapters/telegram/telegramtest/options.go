package telegramtest

import "time"

// Option configures a Server.
type Option func(*config)

type config struct {
	token       string
	botUsername string
	now         func() time.Time
	limits      *RateLimits
	noCallLog   bool
}

func defaultConfig() config {
	return config{
		token:       "123456789:TEST-heimatbot-token",
		botUsername: "heimatbot_test_bot",
		now:         time.Now,
	}
}

// WithToken sets the bot token the server accepts; requests with another
// token are refused with 401 Unauthorized.
func WithToken(token string) Option {
	return func(c *config) { c.token = token }
}

// WithBotUsername sets the username getMe reports.
func WithBotUsername(name string) Option {
	return func(c *config) { c.botUsername = name }
}

// WithClock sets the clock used for message dates and the rate limiter.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithRateLimits makes the server answer 429 with retry_after when the bot
// sends faster than the limits allow; see [TelegramRateLimits].
func WithRateLimits(l RateLimits) Option {
	return func(c *config) { c.limits = &l }
}

// WithoutCallLog keeps no log of the calls (Sent, Calls and WaitSent see
// none; violations are still kept), for long runs such as a load test,
// where the log would outgrow the bot under test.
func WithoutCallLog() Option {
	return func(c *config) { c.noCallLog = true }
}
