package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/heimatbot/heimatbot/adapters/console"
	"github.com/heimatbot/heimatbot/app"
	"github.com/heimatbot/heimatbot/config"
)

// errNothingToChatOn says what is missing when no platform is configured
// and the terminal chat would have nobody to talk to (a container or a
// service without input): silence and exit 0 would have a supervisor
// restart the bot in a loop without a word.
var errNothingToChatOn = errors.New(`no platform configured, and no terminal to chat in.
  Telegram:   set TELEGRAM_TOKEN (from @BotFather)
  Mattermost: set MATTERMOST_URL and MATTERMOST_TOKEN (docs/mattermost.md)
  Terminal:   run heimatbot in a terminal (docker run -it), or pipe a conversation into it`)

// defineRun runs the bot: it loads the configuration, opens Redis, has
// package app wire the bot and the adapters (the terminal chat when no
// platform is configured), and returns when ctx ends (after a graceful
// shutdown) or the console input does.
func defineRun(*flag.FlagSet) func(context.Context, *call) error {
	return func(ctx context.Context, c *call) error {
		cfg, err := c.config()
		if err != nil {
			return err
		}
		log, level := newLogger(cfg.Log, c.stderr)
		rdb, closeRedis, err := c.redis(cfg)
		if err != nil {
			return err
		}
		defer closeRedis()

		a, err := app.New(cfg, rdb, log, time.Now)
		if err != nil {
			return err
		}
		adapters, err := a.Platforms(ctx)
		if err != nil {
			return err
		}
		if len(adapters) == 0 {
			if !canChat(c.stdin) {
				return errNothingToChatOn
			}
			// The terminal chat: the log would clutter it; it says
			// only what goes wrong there.
			if level.Level() < slog.LevelWarn {
				level.Set(slog.LevelWarn)
			}
			// Files go into a folder of this run under the temporary
			// directory, so no run overwrites another's.
			tmp := c.env["TMPDIR"]
			if tmp == "" {
				tmp = os.TempDir()
			}
			adapters = append(adapters, console.New(c.stdin, c.stdout, c.env["LANG"], tmp))
		}
		return a.Run(ctx, adapters)
	}
}

// canChat tells whether in can carry a terminal chat: a terminal, a pipe
// or a file with a conversation in it. Not /dev/null (a container without
// -it, a service) nor an empty file: nobody would ever write.
func canChat(in io.Reader) bool {
	f, ok := in.(*os.File)
	if !ok {
		return true // a reader a test or an embedding program hands over
	}
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	switch m := fi.Mode(); {
	case m&os.ModeNamedPipe != 0, m&os.ModeSocket != 0:
		return true
	case m.IsRegular():
		return fi.Size() > 0
	default:
		return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
}

// newLogger builds the process's logger; its level can be changed later.
func newLogger(c config.Log, w io.Writer) (*slog.Logger, *slog.LevelVar) {
	level := new(slog.LevelVar)
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), level
	}
	return slog.New(slog.NewTextHandler(w, opts)), level
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}
