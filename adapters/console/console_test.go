package console

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heimatbot/heimatbot/bot"
)

func buttons(labels ...string) [][]bot.Button {
	var row []bot.Button
	for i, l := range labels {
		row = append(row, bot.Button{Label: l, Payload: "p:" + l, Number: i + 1})
	}
	return [][]bot.Button{row}
}

func unnumbered(bs [][]bot.Button) [][]bot.Button {
	for r := range bs {
		for i := range bs[r] {
			bs[r][i].Number = 0
		}
	}
	return bs
}

func TestButtonsAreNumberedAndTyped(t *testing.T) {
	ctx := context.Background()
	steps := []struct {
		name    string
		send    []bot.Message
		shows   string
		typed   string
		payload string // "" when the line goes to the engine as text
	}{
		{"an answer keeps the engine's numbers", []bot.Message{{Buttons: buttons("Ja", "Nein")}},
			"[1] Ja   [2] Nein", "2", ""},
		{"an invitation follows them", []bot.Message{{Kind: "invite", Buttons: unnumbered(buttons("Ich komme", "Kann nicht"))}},
			"[3] Ich komme   [4] Kann nicht", "4", "p:Kann nicht"},
		{"by label", nil, "", "ich komme", "p:Ich komme"},
		{"the engine's numbers stay the engine's", nil, "", "1", ""},
		{"a new answer starts again", []bot.Message{{Buttons: buttons("Termine", "Hilfe", "Profil")}},
			"[1] Termine   [2] Hilfe   [3] Profil", "3", ""},
		{"an older invitation still answers by label", nil, "", "Kann nicht", "p:Kann nicht"},
		{"unless the answer has that label", []bot.Message{{Buttons: buttons("Kann nicht")}}, "[1] Kann nicht", "kann nicht", ""},
		{"a question that takes a number shows no numbers", []bot.Message{{Unnumbered: true, Buttons: unnumbered(buttons("Überspringen"))}},
			"[·] Überspringen", "1", ""},
	}
	var out bytes.Buffer
	a := New(strings.NewReader(""), &out, "de", "")
	for _, s := range steps {
		out.Reset()
		for _, m := range s.send {
			if err := a.Send(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		if !strings.Contains(out.String(), s.shows) {
			t.Fatalf("%s: shown %q, want %q", s.name, out.String(), s.shows)
		}
		got, ok := a.typed(s.typed)
		if ok != (s.payload != "") || got != s.payload {
			t.Fatalf("%s: typed %q presses %q (%v), want %q", s.name, s.typed, got, ok, s.payload)
		}
	}
}

func TestFilesGoIntoAFolderOfTheRun(t *testing.T) {
	root := t.TempDir()
	var out bytes.Buffer
	runs := []*Adapter{New(nil, &out, "de", root), New(nil, &out, "de", root)}
	for _, a := range runs {
		a.now = func() time.Time { return time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC) } // the same second
		for _, data := range []string{"eins", "zwei"} {
			if err := a.Send(context.Background(), bot.Message{File: &bot.File{Name: "../termin.ics", Data: []byte(data)}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	dirs, err := filepath.Glob(filepath.Join(root, "heimatbot-20261207-170000-*"))
	if err != nil || len(dirs) != 2 {
		t.Fatalf("folders %v, %v; want one per run", dirs, err)
	}
	for _, d := range dirs {
		files, _ := os.ReadDir(d)
		if len(files) != 2 {
			t.Fatalf("%s holds %d files, want 2", d, len(files))
		}
		if !strings.Contains(out.String(), "→ "+filepath.Join(d, files[0].Name())) {
			t.Fatalf("the console did not say where %s went:\n%s", files[0].Name(), out.String())
		}
	}
}
