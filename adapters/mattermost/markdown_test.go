package mattermost_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/adapters/mattermost"
	"github.com/heimatbot/heimatbot/bot"
)

func TestMarkdownRendersTheFormattingModel(t *testing.T) {
	text := bot.ParseMarkup("Hallo **Anna**, schau _hier_: [Termine](https://example.org/t)\n\n- eins\n- zwei")
	text.Blocks[0].Spans[len(text.Blocks[0].Spans)-1].URL = "https://example.org/t?a=(1)"
	got := text.Render(mattermost.Markdown{})
	want := "Hallo **Anna**, schau _hier_: [Termine](https://example.org/t?a=%281%29)\n\n- eins\n- zwei"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestUserTextCannotBecomeMarkup(t *testing.T) {
	for _, in := range []string{
		"*fett* und _kursiv_ und `code`",
		"[klick](https://evil.example)",
		"@channel @all alle herkommen",
		"# Überschrift",
		"- keine Liste\n1. keine Aufzählung\n> kein Zitat",
		`\*backslash`,
		"~~durch~~ | Tabelle |",
	} {
		out := mattermost.Markdown{}.Escape(in)
		for _, bad := range []string{"*fett*", "_kursiv_", "`code`", "[klick](", "@channel", "@all", "\n- ", "\n1. ", "\n> ", "~~durch"} {
			if strings.Contains(out, bad) && strings.Contains(in, bad) {
				t.Errorf("Escape(%q) = %q keeps %q", in, out, bad)
			}
		}
		if strings.HasPrefix(out, "#") || strings.HasPrefix(out, "-") {
			t.Errorf("Escape(%q) = %q starts a block", in, out)
		}
		if unescaped := strings.NewReplacer("\\", "", "\u2060", "").Replace(out); unescaped != strings.ReplaceAll(in, "\\", "") {
			t.Errorf("Escape(%q) = %q changes the visible text", in, out)
		}
	}
}

func TestLongMessagesAreSplitAtParagraphs(t *testing.T) {
	h := newHarness(t)
	para := strings.Repeat("Die Bürgerinnen und Bürger von Ballenstedt reden mit. ", 60) // ~3,300 runes
	var paras []string
	for range 12 {
		paras = append(paras, strings.TrimSpace(para))
	}
	err := h.ad.Send(context.Background(), bot.Message{To: h.ad.OrganizerChannel(), Text: bot.ParseMarkup(strings.Join(paras, "\n\n"))})
	if err != nil {
		t.Fatal(err)
	}
	posts := h.srv.PostsIn(h.srv.Orga().Id)
	if len(posts) < 3 {
		t.Fatalf("a message of %d runes went out as %d posts", 12*utf8.RuneCountInString(para), len(posts))
	}
	var all []string
	for _, p := range posts {
		if n := utf8.RuneCountInString(p.Message); n > 16383 {
			t.Errorf("post of %d runes", n)
		}
		for _, part := range strings.Split(p.Message, "\n\n") {
			if part != paras[0] {
				t.Fatalf("a paragraph was cut: %q", part[:40])
			}
			all = append(all, part)
		}
	}
	if len(all) != len(paras) {
		t.Errorf("%d paragraphs arrived, want %d", len(all), len(paras))
	}
}
