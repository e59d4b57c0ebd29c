package telegramtest

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseFormatted(t *testing.T) {
	tests := []struct {
		mode, text string
		plain      string
		entities   []string // type@offset+length
		err        string
	}{
		{ModeHTML, "<b>fett</b> und <i>kursiv</i>", "fett und kursiv", []string{"bold@0+4", "italic@9+6"}, ""},
		{ModeHTML, "<B>x</B>", "x", []string{"bold@0+1"}, ""},
		{ModeHTML, `<a href="https://x.org/?a=1&amp;b=2">l</a>`, "l", []string{"text_link@0+1"}, ""},
		{ModeHTML, `<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>`, "st", []string{"spoiler@0+1", "spoiler@1+1"}, ""},
		{ModeHTML, `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", []string{"pre@0+6"}, ""},
		{ModeHTML, `<blockquote expandable>q</blockquote>`, "q", []string{"expandable_blockquote@0+1"}, ""},
		{ModeHTML, "&lt;&gt;&amp;&quot;&#65;&#x42;", `<>&"AB`, nil, ""},
		{ModeHTML, "😀<b>x</b>", "😀x", []string{"bold@2+1"}, ""},
		{ModeHTML, "<b>x", "", nil, `end tag corresponding to start tag "b"`},
		{ModeHTML, "x</b>", "", nil, "unexpected end tag"},
		{ModeHTML, "a < b", "", nil, "unsupported start tag"},
		{ModeHTML, "a > b", "", nil, "'>'"},
		{ModeHTML, "<script>alert(1)</script>", "", nil, `"script"`},
		{ModeHTML, "&nbsp;", "", nil, "'&'"},
		{ModeHTML, `<span class="red">x</span>`, "", nil, "tg-spoiler"},
		{ModeHTML, `<b class="x>y</b>`, "", nil, "unclosed start tag"},
		{ModeMarkdownV2, `*bold* _it_ __u__ ~s~ ||sp|| [l](https://x.org) \. \!`, "bold it u s sp l . !", []string{"bold@0+4", "italic@5+2", "underline@8+1", "strikethrough@10+1", "spoiler@12+2", "text_link@15+1"}, ""},
		{ModeMarkdownV2, "`a.b` ```go\nx := 1```", "a.b x := 1", []string{"code@0+3", "pre@4+6"}, ""},
		{ModeMarkdownV2, "Ende.", "", nil, "'.' is reserved"},
		{ModeMarkdownV2, "*bold", "", nil, "end of Bold entity"},
		{ModeMarkdownV2, "[link](https://x.org", "", nil, "url"},
		{ModeMarkdown, "*bold* _it_ `c` [l](https://x.org) a.b", "bold it c l a.b", []string{"bold@0+4", "italic@5+2", "code@8+1", "text_link@10+1"}, ""},
		{ModeMarkdown, "*bold", "", nil, "can't find end of the entity"},
		{"", "<b>as is</b>", "<b>as is</b>", nil, ""},
		{"MARKDOWN", "x", "", nil, "unsupported parse_mode"},
	}
	for _, tt := range tests {
		t.Run(tt.mode+" "+tt.text, func(t *testing.T) {
			f, err := parseFormatted(tt.text, tt.mode)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Plain != tt.plain {
				t.Errorf("plain = %q, want %q", f.Plain, tt.plain)
			}
			var got []string
			for _, e := range f.Entities {
				got = append(got, e.Type+"@"+strconv.Itoa(e.Offset)+"+"+strconv.Itoa(e.Length))
			}
			if strings.Join(got, " ") != strings.Join(tt.entities, " ") {
				t.Errorf("entities = %v, want %v", got, tt.entities)
			}
		})
	}
}
