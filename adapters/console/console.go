// Package console lets a person chat with the bot in a terminal: each line
// read is a message, buttons show as numbered options (typing the number or
// the label picks one), and files are saved to a folder. It works with
// piped input, so a whole conversation can be scripted.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/heimatbot/heimatbot/bot"
)

// Adapter is the terminal chat of one person.
type Adapter struct {
	in       io.Reader
	out      io.Writer
	user     bot.User
	filesDir string

	mu  sync.Mutex
	seq int
}

// New returns a console chat reading in and writing out. lang is the
// language hint of the person; files are saved in filesDir (not saved when
// empty).
func New(in io.Reader, out io.Writer, lang, filesDir string) *Adapter {
	return &Adapter{
		in: in, out: out, filesDir: filesDir,
		user: bot.User{Platform: bot.Console, ID: "local", Name: "local", Lang: lang},
	}
}

// Platform is bot.Console.
func (a *Adapter) Platform() bot.Platform { return bot.Console }

// Chat is the one chat of the console.
func (a *Adapter) Chat() bot.Address { return bot.Address{Platform: bot.Console, Chat: "local"} }

// Run reads lines until the input ends or ctx is done, handling each
// before reading the next.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	sc := bufio.NewScanner(a.in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	lines := make(chan string)
	go func() {
		defer close(lines)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				return sc.Err()
			}
			a.echo(line)
			u := bot.Update{Chat: a.Chat(), User: a.user, Private: true, Text: line}
			if err := h.Handle(ctx, u); err != nil {
				// The engine already told the person; the console goes on.
				continue
			}
		}
	}
}

// echo repeats piped input so a transcript reads as a conversation.
func (a *Adapter) echo(line string) {
	if f, ok := a.in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintf(a.out, "> %s\n", line)
}

// Send prints a message with its buttons numbered.
func (a *Adapter) Send(ctx context.Context, m bot.Message) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	var sb strings.Builder
	if !m.Text.IsZero() {
		for _, line := range strings.Split(m.Text.Plain(), "\n") {
			sb.WriteString("  " + line + "\n")
		}
	}
	for _, row := range m.Buttons {
		var parts []string
		for _, b := range row {
			parts = append(parts, "["+strconv.Itoa(b.Number)+"] "+b.Label)
		}
		sb.WriteString("    " + strings.Join(parts, "   ") + "\n")
	}
	if m.File != nil {
		sb.WriteString("  📎 " + a.saveFile(m.File) + "\n")
	}
	sb.WriteString("\n")
	_, err := io.WriteString(a.out, sb.String())
	return err
}

func (a *Adapter) saveFile(f *bot.File) string {
	desc := fmt.Sprintf("%s (%d bytes)", f.Name, len(f.Data))
	if a.filesDir == "" {
		return desc
	}
	a.seq++
	path := filepath.Join(a.filesDir, strconv.Itoa(a.seq)+"-"+filepath.Base(f.Name))
	if err := os.MkdirAll(a.filesDir, 0o700); err != nil {
		return desc + ": " + err.Error()
	}
	if err := os.WriteFile(path, f.Data, 0o600); err != nil {
		return desc + ": " + err.Error()
	}
	return desc + " → " + path
}
