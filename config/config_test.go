package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShippedDefaultsDescribeBallenstedt(t *testing.T) {
	c, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Community.ID != "ballenstedt" || len(c.Community.Districts) != 6 {
		t.Fatalf("defaults: %+v", c.Community)
	}
	var names []string
	for _, d := range c.Community.Districts {
		names = append(names, d.Name.In("de"))
		if d.Population != 0 {
			t.Errorf("district %s has an invented population %d", d.ID, d.Population)
		}
	}
	if got := strings.Join(names, ", "); got != "Ballenstedt (Kernstadt), Asmusstedt, Badeborn, Opperode, Radisleben, Rieder" {
		t.Errorf("districts = %s", got)
	}
	if th, ok := Find(c.Community.Themes, "schule"); !ok || th.Name.In("en") != "Education & school" {
		t.Errorf("theme schule = %+v", th)
	}
}

func TestEnvironmentOverridesFileAndDefaults(t *testing.T) {
	path := writeFile(t, "redis:\n  url: redis://file:6379/1\nmattermost:\n  team: town\n  organizer_channel: orga\n")
	c, err := Load(path, map[string]string{
		"REDIS_URL":        "redis://env:6379/2",
		"TELEGRAM_TOKEN":   "123:abc",
		"MATTERMOST_URL":   "https://chat.example.org",
		"MATTERMOST_TOKEN": "tok",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Redis.URL != "redis://env:6379/2" || c.Telegram.Token != "123:abc" || c.Mattermost.Token != "tok" || c.Mattermost.Team != "town" {
		t.Fatalf("got %+v %+v %+v", c.Redis, c.Telegram, c.Mattermost)
	}
}

func TestSecretsAreNotReadFromTheFile(t *testing.T) {
	path := writeFile(t, "telegram:\n  token: 123:abc\n")
	if _, err := Load(path, nil); err == nil || !strings.Contains(err.Error(), "token") {
		t.Fatalf("a token in the file was accepted: %v", err)
	}
}

func TestBadConfigNamesEveryProblemOnItsOwnLine(t *testing.T) {
	path := writeFile(t, `
community:
  id: "Ballen Stedt"
  timezone: Mars/Olympus
  languages: [de, "einfach sprache"]
  districts:
    - {id: a, name: A}
    - {id: a, name: ""}
limits:
  opinion_min: 600
schedule:
  digest: "every monday"
log:
  format: xml
`)
	_, err := Load(path, map[string]string{"REDIS_URL": "http://localhost"})
	if err == nil {
		t.Fatal("bad config accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	for _, want := range []string{
		"community.id:", "community.timezone:", "community.languages[1]:", "community.districts[1].id: \"a\" is used twice",
		"community.districts[1].name: is empty", "limits.opinion_min:", "schedule.digest:",
		"log.format:", "redis.url (REDIS_URL):",
	} {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no line starting with %q in:\n%s", want, err)
		}
	}
}

func TestUnknownFieldIsAnError(t *testing.T) {
	path := writeFile(t, "comunity:\n  name: X\n")
	if _, err := Load(path, nil); err == nil || !strings.Contains(err.Error(), "comunity") {
		t.Fatalf("typo not reported: %v", err)
	}
}

func writeFile(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWaitReplicasNeedsOneMasterWithReplicas(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		bad  bool
	}{
		{"a server", map[string]string{"REDIS_URL": "redis://r:6379", "REDIS_WAIT_REPLICAS": "1"}, false},
		{"Sentinel", map[string]string{"REDIS_ADDRS": "s1:26379,s2:26379", "REDIS_MASTER_NAME": "m", "REDIS_WAIT_REPLICAS": "1"}, false},
		{"a Cluster", map[string]string{"REDIS_ADDRS": "n1:7000,n2:7000", "REDIS_WAIT_REPLICAS": "1"}, true},
		{"the embedded store", map[string]string{"REDIS_WAIT_REPLICAS": "1"}, true},
		{"fewer than none", map[string]string{"REDIS_URL": "redis://r:6379", "REDIS_WAIT_REPLICAS": "-1"}, true},
		{"not waiting", map[string]string{"REDIS_ADDRS": "n1:7000,n2:7000"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeFile(t, "community:\n  id: x\n"), tt.env)
			if bad := err != nil; bad != tt.bad {
				t.Fatalf("error %v, want one: %v", err, tt.bad)
			}
			if tt.bad && !strings.HasPrefix(err.Error(), "redis.wait_replicas (REDIS_WAIT_REPLICAS): ") {
				t.Fatalf("error does not name the setting: %v", err)
			}
		})
	}
}

func TestWhatsAppSecretsFromTheEnvironmentAndItsSettingsChecked(t *testing.T) {
	env := map[string]string{"WHATSAPP_TOKEN": "tok", "WHATSAPP_APP_SECRET": "sec", "WHATSAPP_VERIFY_TOKEN": "ver"}
	c, err := Load(writeFile(t, "whatsapp:\n  phone_number_id: \"1065\"\n  number: \"4939483\"\nhttp:\n  addr: :8080\n"), env)
	if err != nil {
		t.Fatal(err)
	}
	if w := c.WhatsApp; w.Token != "tok" || w.AppSecret != "sec" || w.VerifyToken != "ver" || w.PhoneNumberID != "1065" || w.Templates["invite"].Name != "heimatbot_einladung" {
		t.Errorf("whatsapp = %+v", w)
	}
	if _, err := Load(writeFile(t, "whatsapp:\n  token: tok\n"), nil); err == nil {
		t.Error("a token in the file was taken")
	}
	_, err = Load(writeFile(t, `whatsapp:
  number: "+49 39483"
  templates:
    invite: {name: "", languages: {}, params: [place], buttons: 11}
    hello: {name: x, languages: {de: de}}
organizers:
  whatsapp: [abc]
`), map[string]string{"WHATSAPP_TOKEN": "tok"})
	if err == nil {
		t.Fatal("no problem found")
	}
	for _, want := range []string{"whatsapp.number", "whatsapp.templates.invite.name", "whatsapp.templates.invite.languages",
		"whatsapp.templates.invite.params", "whatsapp.templates.invite.buttons", "whatsapp.templates.hello",
		"organizers.whatsapp[0]", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "whatsapp.phone_number_id", "http.addr"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s not named in:\n%v", want, err)
		}
	}
}

// Telegram takes only A-Z, a-z, 0-9, _ and - (1 to 256) as a webhook's
// secret_token: anything else is refused at start, in one line that does
// not show the secret, instead of failing setWebhook forever.
func TestWebhookSecretTelegramRefusesStopsTheStart(t *testing.T) {
	env := func(secret string) map[string]string {
		return map[string]string{
			"TELEGRAM_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook",
			"HEIMATBOT_HTTP_ADDR": ":8080", "TELEGRAM_WEBHOOK_SECRET": secret,
		}
	}
	for _, secret := range []string{"abc", "A-Z_a-z-0-9", strings.Repeat("x", 256)} {
		if _, err := Load("", env(secret)); err != nil {
			t.Errorf("secret of %d characters refused: %v", len(secret), err)
		}
	}
	for _, secret := range []string{"with space", "pässword", "a/b", "a.b", "a+b=", strings.Repeat("x", 257)} {
		_, err := Load("", env(secret))
		if err == nil {
			t.Errorf("secret %q accepted; Telegram refuses it", secret)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "TELEGRAM_WEBHOOK_SECRET: may hold only") {
			t.Errorf("secret %q: want one line naming TELEGRAM_WEBHOOK_SECRET, got:\n%s", secret, err)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error shows the secret: %s", err)
		}
	}
}
