package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/heimatbot/heimatbot/config"
)

// command is one subcommand of the table in commands.go.
type command struct {
	// name is the words that call it: "digest", "event create".
	name string
	// summary is its line in the list of subcommands.
	summary string
	// args names its positional arguments after the name ("ID"); each is
	// required, and any further word is refused.
	args string
	// example is a command line that works, shown in its help.
	example string
	// define defines the subcommand's own flags on fs and returns what
	// runs it once they are parsed.
	define func(fs *flag.FlagSet) func(ctx context.Context, c *call) error
}

// call is what a subcommand runs with: its positional arguments, the
// global flags and the process's surroundings.
type call struct {
	args           []string
	configPath     string
	env            map[string]string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// config loads the configuration the global flags and the environment
// name.
func (c *call) config() (*config.Config, error) { return loadConfig(c.configPath, c.env) }

// redis opens the configured Redis (or the embedded store); the returned
// func closes it.
func (c *call) redis(cfg *config.Config) (redis.UniversalClient, func(), error) {
	return openRedis(cfg.Redis, c.stderr)
}

// usageError is a command line the program does not take: it exits with
// code 2 and prints help beside the one-line reason.
type usageError struct {
	reason string
	help   string
}

func (e *usageError) Error() string { return e.reason }

// exitCode reports err on stderr and returns the process's exit code:
// 0 for nil, 2 for a command line it does not take, 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "heimatbot:", err)
	if u, ok := errors.AsType[*usageError](err); ok {
		if u.help != "" {
			fmt.Fprint(stderr, "\n", u.help)
		}
		return 2
	}
	return 1
}

// run is the whole program: it finds the subcommand in args (the bot
// itself when there is none), parses the global flags before and after
// its name and its own flags after it, and runs it.
func run(ctx context.Context, args, environ []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmds := commands()
	c := &call{env: envMap(environ), stdin: stdin, stdout: stdout, stderr: stderr}
	global := newFlagSet("heimatbot")
	defineGlobal(global, c)
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			_, err := io.WriteString(stdout, listing(cmds))
			return err
		}
		return &usageError{reason: err.Error() + " (a subcommand's own flags go after its name)", help: listing(cmds)}
	}
	words := global.Args()
	if len(words) > 0 && words[0] == "help" {
		if len(words) == 1 {
			_, err := io.WriteString(stdout, listing(cmds))
			return err
		}
		cmd, rest, err := find(cmds, words[1:])
		if err != nil {
			return err
		}
		if len(rest) > 0 {
			return &usageError{reason: fmt.Sprintf("help %s: stray word %q", cmd.name, rest[0]), help: listing(cmds)}
		}
		_, err = io.WriteString(stdout, usage(cmd))
		return err
	}
	if len(words) == 0 {
		words = []string{"run"}
	}
	cmd, rest, err := find(cmds, words)
	if err != nil {
		return err
	}
	fs := newFlagSet("heimatbot " + cmd.name)
	defineGlobal(fs, c)
	do := cmd.define(fs)
	c.args, err = parseInterleaved(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		_, err := io.WriteString(stdout, usage(cmd))
		return err
	}
	if err != nil {
		return &usageError{reason: cmd.name + ": " + err.Error(), help: usage(cmd)}
	}
	if want := strings.Fields(cmd.args); len(c.args) < len(want) {
		return &usageError{reason: fmt.Sprintf("%s: want %s", cmd.name, strings.Join(want[len(c.args):], " ")), help: usage(cmd)}
	} else if len(c.args) > len(want) {
		return &usageError{reason: fmt.Sprintf("%s: stray word %q", cmd.name, c.args[len(want)]), help: usage(cmd)}
	}
	return do(ctx, c)
}

// defineGlobal defines the flags every subcommand takes, before or after
// its name.
func defineGlobal(fs *flag.FlagSet, c *call) {
	fs.StringVar(&c.configPath, "config", c.configPath, "the configuration `FILE` (default "+config.DefaultFile+" if present)")
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // help and errors are printed from the table
	return fs
}

// find returns the subcommand whose name is the longest run of leading
// words, and the words after it.
func find(cmds []command, words []string) (command, []string, error) {
	var best command
	n := 0
	for _, c := range cmds {
		name := strings.Fields(c.name)
		if len(name) > n && len(name) <= len(words) && slices.Equal(name, words[:len(name)]) {
			best, n = c, len(name)
		}
	}
	if n > 0 {
		return best, words[n:], nil
	}
	// A group's first word alone ("event") names its subcommands.
	var group []string
	for _, c := range cmds {
		if first, more, ok := strings.Cut(c.name, " "); ok && first == words[0] {
			group = append(group, more)
		}
	}
	if len(group) > 0 {
		reason := fmt.Sprintf("%s: want one of %s", words[0], strings.Join(group, ", "))
		switch {
		case len(words) > 1 && strings.HasPrefix(words[1], "-"):
			reason = fmt.Sprintf("%s: flags go after the whole name (%s %s %s), or before %q", words[0], words[0], group[0], words[1], words[0])
		case len(words) > 1:
			reason = fmt.Sprintf("%s: unknown subcommand %q; want one of %s", words[0], words[1], strings.Join(group, ", "))
		}
		return command{}, nil, &usageError{reason: reason, help: listing(cmds)}
	}
	return command{}, nil, &usageError{reason: fmt.Sprintf("unknown subcommand %q", words[0]), help: listing(cmds)}
}

// parseInterleaved parses flags wherever they stand among the positional
// words, which it returns in order. After "--" every word is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		i := slices.Index(args, "--")
		head := args
		if i >= 0 {
			head = args[:i]
		}
		if err := fs.Parse(head); err != nil {
			return nil, err
		}
		if rest := fs.Args(); len(rest) > 0 {
			words = append(words, rest[0])
			args = append(rest[1:len(rest):len(rest)], args[len(head):]...)
			continue
		}
		if i >= 0 {
			return append(words, args[i+1:]...), nil
		}
		return words, nil
	}
}

// listing is the help of the whole program: every subcommand with its
// summary.
func listing(cmds []command) string {
	var b strings.Builder
	b.WriteString("Usage: heimatbot [--config FILE] [SUBCOMMAND] [ARGS] [FLAGS]\n\n")
	b.WriteString("Without a subcommand heimatbot runs the bot. Subcommands:\n\n")
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.name))
	}
	for _, c := range cmds {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(&b, "  %-*s  %s\n", width, "help", "this list; `heimatbot help SUBCOMMAND` or `heimatbot SUBCOMMAND --help` shows its flags and an example")
	b.WriteString("\nGlobal flags, before or after the subcommand's name:\n")
	fs := newFlagSet("heimatbot")
	defineGlobal(fs, &call{})
	writeFlags(&b, fs)
	return b.String()
}

// usage is the help of one subcommand: what it does, its flags and an
// example.
func usage(c command) string {
	var b strings.Builder
	line := "heimatbot " + c.name
	if c.args != "" {
		line += " " + c.args
	}
	fmt.Fprintf(&b, "Usage: %s [FLAGS]\n\n%s.\n", line, strings.ToUpper(c.summary[:1])+c.summary[1:])
	own := newFlagSet(c.name)
	c.define(own)
	if hasFlags(own) {
		b.WriteString("\nFlags:\n")
		writeFlags(&b, own)
	}
	b.WriteString("\nGlobal flags, before or after the name:\n")
	global := newFlagSet(c.name)
	defineGlobal(global, &call{})
	writeFlags(&b, global)
	fmt.Fprintf(&b, "\nExample:\n  %s\n", c.example)
	return b.String()
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// writeFlags writes each flag of fs on a line: --name VALUE, what it
// means, its default.
func writeFlags(w io.Writer, fs *flag.FlagSet) {
	type row struct{ left, right string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		value, text := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if value != "" {
			left += " " + value
		}
		if f.DefValue != "" && f.DefValue != "false" && !strings.Contains(text, "(default") {
			text += " (default " + f.DefValue + ")"
		}
		rows = append(rows, row{left, text})
		width = max(width, len(left))
	})
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s  %s\n", width, r.left, r.right)
	}
}
