package whatsapptest

import "time"

// Option configures a Server.
type Option func(*config)

type config struct {
	token, secret, phoneID, number string
	now                            func() time.Time
	perSecond                      int
	pairEvery                      time.Duration
	pairBurst                      int
	templates                      map[string]TemplateDef
	noLog                          bool
}

func defaultConfig() config {
	return config{
		token: "TEST-whatsapp-token", secret: "test-app-secret",
		phoneID: "106540352242922", number: "15550783881",
		now: time.Now, perSecond: 80, pairEvery: 6 * time.Second, pairBurst: 20,
		templates: map[string]TemplateDef{},
	}
}

// TemplateDef is an approved template as Meta holds it: its body with
// {{1}}… placeholders and its quick-reply buttons' texts, per language.
type TemplateDef struct {
	Name     string
	Language string
	Body     string
	Buttons  []string
}

// params is the number of placeholders in the body.
func (t TemplateDef) params() int {
	n := 0
	for i := 1; ; i++ {
		if !containsPlaceholder(t.Body, i) {
			return n
		}
		n++
	}
}

// WithToken sets the access token the server accepts.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithAppSecret sets the secret the server signs webhooks with.
func WithAppSecret(secret string) Option { return func(c *config) { c.secret = secret } }

// WithClock sets the clock of the 24-hour window and of timestamps.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithThroughput sets the messages per second the number may send
// (Meta's default is 80); faster sends get 130429.
func WithThroughput(perSecond int) Option { return func(c *config) { c.perSecond = perSecond } }

// WithPairRate sets the pace per recipient: a burst, then one message
// every so long; faster sends get 131056. Zero every switches it off.
func WithPairRate(every time.Duration, burst int) Option {
	return func(c *config) { c.pairEvery, c.pairBurst = every, burst }
}

// WithTemplate registers an approved template.
func WithTemplate(t TemplateDef) Option {
	return func(c *config) { c.templates[t.Name+"/"+t.Language] = t }
}

// WithoutLog keeps no log of the messages (violations are still kept),
// for long runs such as a load test.
func WithoutLog() Option { return func(c *config) { c.noLog = true } }
