// Package console lets a person chat with the bot in a terminal: each line
// read is a message, buttons show as numbered options (typing the number or
// the label picks one), and files are saved to a folder of the run. It works
// with piped input, so a whole conversation can be scripted.
//
// The engine numbers the buttons of its answers, and reads a typed number
// or label itself. Buttons of messages the bot sends by itself (an
// invitation, a reminder) come without numbers: the console numbers them
// after those on the screen and presses them when their number or label is
// typed.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

// Adapter is the terminal chat of one person.
type Adapter struct {
	in        io.Reader
	out       io.Writer
	user      bot.User
	filesRoot string
	now       func() time.Time

	mu       sync.Mutex
	filesDir string // this run's folder, made with the first file
	seq      int
	top      int      // the highest button number on the screen
	answer   []string // labels of the buttons the engine numbered last
	own      []shown  // buttons the console numbered itself, newest last
}

// shown is a button the console numbered itself; n is 0 once a newer
// answer took its number.
type shown struct {
	n              int
	label, payload string
}

// maxOwn is how many buttons the console numbered itself it remembers.
const maxOwn = 50

// New returns a console chat reading in and writing out. lang is the
// language hint of the person; files are saved in a new folder of this run
// under filesRoot (not saved when empty).
func New(in io.Reader, out io.Writer, lang, filesRoot string) *Adapter {
	return &Adapter{
		in: in, out: out, filesRoot: filesRoot, now: time.Now,
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
	first, err := intro(a.user.Lang)
	if err != nil {
		return err
	}
	a.mu.Lock()
	fmt.Fprintf(a.out, "  %s\n\n", first)
	a.mu.Unlock()
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
			if payload, ok := a.typed(line); ok {
				u.Text, u.Button = "", payload
			}
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
			parts = append(parts, a.number(m, b)+b.Label)
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

// number is how a button is shown: "[3] " with the engine's number; one
// without (an invitation's) gets the next number on the screen; a question
// that takes a number as its answer shows its buttons by label alone.
// Called with a.mu held.
func (a *Adapter) number(m bot.Message, b bot.Button) string {
	switch {
	case m.Unnumbered:
		return "[·] "
	case b.Number > 0:
		if b.Number == 1 { // a new answer: its numbers start again
			a.top, a.answer = 0, nil
			for i := range a.own {
				a.own[i].n = 0
			}
		}
		a.top = max(a.top, b.Number)
		a.answer = append(a.answer, strings.TrimSpace(b.Label))
		return "[" + strconv.Itoa(b.Number) + "] "
	default:
		a.top++
		a.own = append(a.own, shown{n: a.top, label: strings.TrimSpace(b.Label), payload: b.Payload})
		if len(a.own) > maxOwn {
			a.own = a.own[len(a.own)-maxOwn:]
		}
		return "[" + strconv.Itoa(a.top) + "] "
	}
}

// typed is the payload of a button the console numbered itself that line
// names by its number or label; the engine reads every other line, its own
// buttons' numbers and labels included.
func (a *Adapter) typed(line string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	text := strings.TrimSpace(line)
	if n, err := strconv.Atoi(strings.TrimSuffix(text, ".")); err == nil {
		for _, s := range a.own {
			if n > 0 && s.n == n {
				return s.payload, true
			}
		}
		return "", false
	}
	for _, l := range a.answer {
		if strings.EqualFold(l, text) {
			return "", false
		}
	}
	for i := len(a.own) - 1; i >= 0; i-- {
		if strings.EqualFold(a.own[i].label, text) {
			return a.own[i].payload, true
		}
	}
	return "", false
}

// saveFile writes f into this run's folder, made with the first file
// (heimatbot-20261207-170000-*, so no run overwrites another's), under a
// name no other file of the run has.
func (a *Adapter) saveFile(f *bot.File) string {
	desc := fmt.Sprintf("%s (%d bytes)", f.Name, len(f.Data))
	if a.filesRoot == "" {
		return desc
	}
	if a.filesDir == "" {
		if err := os.MkdirAll(a.filesRoot, 0o700); err != nil {
			return desc + ": " + err.Error()
		}
		dir, err := os.MkdirTemp(a.filesRoot, "heimatbot-"+a.now().Format("20060102-150405")+"-*")
		if err != nil {
			return desc + ": " + err.Error()
		}
		a.filesDir = dir
	}
	for {
		a.seq++
		path := filepath.Join(a.filesDir, strconv.Itoa(a.seq)+"-"+filepath.Base(f.Name))
		w, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return desc + ": " + err.Error()
		}
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return desc + ": " + err.Error()
		}
		return desc + " → " + path
	}
}
