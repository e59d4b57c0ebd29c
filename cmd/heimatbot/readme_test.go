package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
)

// TestReadmeExamples runs every command line of the README's shell
// blocks that calls heimatbot and needs no platform, in order, and wants
// exit 0 from each. They run in a folder of their own with the shipped
// configuration as heimatbot.yaml (as the README says to copy it), on one
// embedded store for the whole README, so `event edit ID` finds the event
// the line before created: a word ID stands for the id the last `event
// create` printed.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile("../../config/ballenstedt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := readmeCommands(t, string(readme))
	t.Chdir(t.TempDir())
	if err := os.WriteFile("heimatbot.yaml", shipped, 0o600); err != nil {
		t.Fatal(err)
	}
	embedded := miniredis.RunT(t)
	var id string
	ran := 0
	for _, line := range lines {
		env, args, stdin, ok := invocation(t, line)
		if !ok {
			continue
		}
		for i, a := range args {
			if a == "ID" {
				args[i] = id
			}
		}
		env = append(env, "REDIS_URL=redis://"+embedded.Addr())
		var out, errOut bytes.Buffer
		code := exitCode(run(context.Background(), args, env, strings.NewReader(stdin), &out, &errOut), &errOut)
		if code != 0 {
			t.Errorf("%s\nexit %d\nstdout: %s\nstderr: %s", line, code, out.String(), errOut.String())
			continue
		}
		ran++
		if len(args) > 1 && args[0] == "event" && args[1] == "create" {
			id = strings.TrimSpace(out.String())
		}
	}
	// The README has the bot's own examples, the events', the digest's
	// and the export's: finding fewer means this test misreads it.
	if ran < 8 {
		t.Errorf("ran only %d README examples", ran)
	}
	for _, f := range []string{"wochenbild.png", "daten.xlsx", "plakat.pdf"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("an example did not write %s: %v", f, err)
		}
	}
}

var shellBlock = regexp.MustCompile("(?s)```sh\n(.*?)```")

// readmeCommands returns the command lines of the README's sh blocks,
// continuation lines joined.
func readmeCommands(t *testing.T, readme string) []string {
	t.Helper()
	var lines []string
	for _, m := range shellBlock.FindAllStringSubmatch(readme, -1) {
		sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(m[1], "\\\n", " ")))
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" {
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// platformVars switch a platform on: a line that sets one needs it.
var platformVars = []string{"TELEGRAM_TOKEN=", "MATTERMOST_URL=", "MATTERMOST_TOKEN="}

// invocation reads a line as the shell would, for the shapes the README
// uses: VAR=value assignments, heimatbot or go run ./cmd/heimatbot, an
// optional printf '…' | in front, a # comment at the end. ok is false
// for a line that runs something else or needs a platform.
func invocation(t *testing.T, line string) (env, args []string, stdin string, ok bool) {
	t.Helper()
	input, cmd, piped := strings.Cut(line, " | ")
	if !piped {
		cmd = line
	}
	words := shellWords(t, cmd)
	for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
		for _, p := range platformVars {
			if strings.HasPrefix(words[0], p) {
				return nil, nil, "", false
			}
		}
		env, words = append(env, words[0]), words[1:]
	}
	switch {
	case len(words) >= 1 && words[0] == "heimatbot":
		args = words[1:]
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/heimatbot":
		args = words[3:]
	default:
		return nil, nil, "", false
	}
	if piped {
		w := shellWords(t, input)
		if len(w) != 2 || w[0] != "printf" {
			t.Fatalf("%s: only printf '…' | is understood in front", line)
		}
		stdin = strings.ReplaceAll(w[1], `\n`, "\n")
	}
	return env, args, stdin, true
}

// shellWords splits s into words as sh does for quotes and a trailing
// comment; nothing else of the shell is needed here.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '#' && !inWord:
			return words
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				t.Fatalf("unclosed %c in %s", c, s)
			}
			w.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

func TestShellWords(t *testing.T) {
	for in, want := range map[string]string{
		`heimatbot event create --title "Stadtgespräch Jugend" --start 'morgen 18:30'   # prints`: `heimatbot|event|create|--title|Stadtgespräch Jugend|--start|morgen 18:30`,
		`printf '/start\nJa\n'`:           `printf|/start\nJa\n`,
		`go run ./cmd/heimatbot # run: …`: `go|run|./cmd/heimatbot`,
		`a"b c"d`:                         `ab cd`,
	} {
		if got := strings.Join(shellWords(t, in), "|"); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
