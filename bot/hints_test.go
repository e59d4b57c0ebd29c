package bot_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/heimatbot/heimatbot/bot"
)

func TestTextsNameCommandsAsThePlatformTakesThem(t *testing.T) {
	fsys := fstest.MapFS{"l/t.de.yaml": {Data: []byte(
		`hint: Mit {{.Cmd "termin_neu"}} legst du einen an.{{if .Numbered}} Oder schreib die Nummer.{{end}}` + "\n" +
			`label: '{{.Cmd "hilfe"}}'` + "\n")}}
	cat, err := bot.LoadCatalog(fsys, "l", "de")
	if err != nil {
		t.Fatal(err)
	}
	const whatsapp bot.Platform = "whatsapp"
	cat.Describe(bot.Console, bot.HintsFunc(func(bool) bot.Hints { return bot.Hints{Command: "/", Numbered: true} }))
	cat.Describe(bot.Mattermost, bot.HintsFunc(func(private bool) bot.Hints {
		if private {
			return bot.Hints{}
		}
		return bot.Hints{Command: "/heimat "}
	}))
	cat.Describe(whatsapp, bot.HintsFunc(func(bool) bot.Hints { return bot.Hints{} }))
	for _, tc := range []struct {
		platform bot.Platform
		private  bool
		want     string
		label    string
	}{
		{bot.Telegram, true, "Mit /termin_neu legst du einen an.", "/hilfe"},
		{bot.Console, true, "Mit /termin_neu legst du einen an. Oder schreib die Nummer.", "/hilfe"},
		{bot.Mattermost, true, "Mit termin_neu legst du einen an.", "hilfe"},
		{bot.Mattermost, false, "Mit /heimat termin_neu legst du einen an.", "/heimat hilfe"},
		{whatsapp, true, "Mit termin_neu legst du einen an.", "hilfe"},
	} {
		l := cat.For("de", tc.platform, tc.private)
		text := l.T("hint")
		if got := text.Plain(); got != tc.want {
			t.Errorf("%s (private %v): %q, want %q", tc.platform, tc.private, got, tc.want)
		}
		if got := l.S("label"); got != tc.label {
			t.Errorf("%s (private %v) label: %q, want %q", tc.platform, tc.private, got, tc.label)
		}
		bare := tc.platform == whatsapp || tc.platform == bot.Mattermost && tc.private
		bold := false
		for _, s := range text.Blocks[0].Spans {
			bold = bold || s.Style == bot.Bold && strings.Contains(s.Text, "termin_neu")
		}
		if bold != bare {
			t.Errorf("%s (private %v): command bold %v, want %v (a bare word must read as a command)", tc.platform, tc.private, bold, bare)
		}
	}
}
