package mattermost

import (
	"strings"
	"unicode/utf8"

	"github.com/heimatbot/heimatbot/bot"
	"github.com/mattermost/mattermost/server/public/model"
)

// maxPostRunes is the longest message Mattermost stores in one post.
const maxPostRunes = model.PostMessageMaxRunesV2

// render renders t as Markdown in pieces of at most limit runes, split at
// paragraph boundaries; a paragraph longer than that is split at line
// breaks, then at spaces, then anywhere.
func render(t bot.Text, limit int) []string {
	var parts []string
	var cur strings.Builder
	curLen := 0
	blocks := t.Split()
	for i, b := range blocks {
		s := b.Render(Markdown{})
		sep := "\n\n"
		if i > 0 && t.Blocks[i].Item && t.Blocks[i-1].Item {
			sep = "\n"
		}
		n := utf8.RuneCountInString(s)
		if curLen > 0 && curLen+len(sep)+n <= limit {
			cur.WriteString(sep)
			cur.WriteString(s)
			curLen += len(sep) + n
			continue
		}
		if curLen > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
			curLen = 0
		}
		for _, piece := range cut(s, limit) {
			if curLen > 0 {
				parts = append(parts, cur.String())
				cur.Reset()
			}
			cur.WriteString(piece)
			curLen = utf8.RuneCountInString(piece)
		}
	}
	if curLen > 0 {
		parts = append(parts, cur.String())
	}
	return parts
}

// cut splits s into pieces of at most limit runes, preferring line breaks,
// then spaces.
func cut(s string, limit int) []string {
	var out []string
	for utf8.RuneCountInString(s) > limit {
		rs := []rune(s)
		head := string(rs[:limit])
		at := strings.LastIndex(head, "\n")
		if at <= 0 {
			at = strings.LastIndex(head, " ")
		}
		if at <= 0 {
			at = len(head)
		}
		// Never leave a lone backslash escaping the next piece's start.
		for at > 1 && head[at-1] == '\\' {
			at--
		}
		out = append(out, strings.TrimRight(s[:at], " \n"))
		s = strings.TrimLeft(s[at:], " \n")
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}
