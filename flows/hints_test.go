package flows_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/heimatbot/heimatbot/flows/flowtest"
)

// mattermostDM is how a Mattermost direct message takes commands: the
// bare word, as the client refuses unknown slash commands.
var mattermostDM = bot.HintsFunc(func(private bool) bot.Hints {
	if private {
		return bot.Hints{}
	}
	return bot.Hints{Command: "/heimat "}
})

// TestNoTextNamesACommandAsTheReadersPlatformRefusesIt renders every text
// in every language for a Mattermost direct message and fails on any
// "/meinung" that the Mattermost client would refuse.
func TestNoTextNamesACommandAsTheReadersPlatformRefusesIt(t *testing.T) {
	b := flowtest.New(t)
	cat := mustCatalog(t)
	cat.Describe(bot.Mattermost, mattermostDM)
	var names []string
	for _, c := range b.Set.Commands {
		names = append(names, c.Names...)
	}
	slash := regexp.MustCompile(`(^|[\s„“"(])/(` + strings.Join(names, "|") + `)\b`)
	for _, lang := range cat.Languages() {
		dm := cat.For(lang, bot.Mattermost, true)
		channel := cat.For(lang, bot.Mattermost, false)
		for _, id := range cat.IDs(lang) {
			text := dm.T(id, "Count", 2).Plain()
			if m := slash.FindString(text); m != "" {
				t.Errorf("%s %s names %q in a Mattermost direct message:\n%s", lang, id, strings.TrimSpace(m), text)
			}
			ch := channel.T(id, "Count", 2).Plain()
			for _, m := range slash.FindAllString(ch, -1) {
				t.Errorf("%s %s names %q in a Mattermost channel, not /heimat …:\n%s", lang, id, strings.TrimSpace(m), ch)
			}
		}
	}
}

func TestHelpNamesCommandsAsThePlatformTakesThem(t *testing.T) {
	b := flowtest.New(t, flowtest.WithHints(bot.Mattermost, mattermostDM))
	for _, tc := range []struct {
		platform     bot.Platform
		want, refuse string
	}{
		{bot.Telegram, "/meinung", ""},
		{bot.Mattermost, "meinung – ", "/meinung"},
	} {
		c := b.Chat(tc.platform, "help-"+string(tc.platform))
		c.Send("/start")
		c.Press("Einverstanden")
		c.Send("/hilfe")
		c.Expect(tc.want)
		if tc.refuse != "" && strings.Contains(c.Text(), tc.refuse) {
			t.Errorf("%s: help names %q:\n%s", tc.platform, tc.refuse, c.Text())
		}
	}
}

func TestTheNumberHintOnlyWhereButtonsAreNumbered(t *testing.T) {
	numbered := bot.HintsFunc(func(bool) bot.Hints { return bot.Hints{Command: "/", Numbered: true} })
	b := flowtest.New(t, flowtest.WithHints(bot.Console, numbered))
	for _, tc := range []struct {
		platform bot.Platform
		number   bool
	}{{bot.Telegram, false}, {bot.Console, true}} {
		c := b.Chat(tc.platform, "num-"+string(tc.platform))
		c.Send("/start")
		c.Send("vielleicht")
		c.Expect("Bitte wähle eine der Antworten")
		if got := strings.Contains(c.Text(), "Nummer"); got != tc.number {
			t.Errorf("%s: the number hint shown %v, want %v:\n%s", tc.platform, got, tc.number, c.Text())
		}
	}
}
