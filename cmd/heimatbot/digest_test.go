package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest/digesttest"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/store/storetest"
)

var testNow = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

func TestDigestPrintsMarkdownAndWritesTheChart(t *testing.T) {
	cfg := config.Default()
	cat, err := flows.LoadCatalog("de")
	if err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join(t.TempDir(), "chart.png")
	var out bytes.Buffer
	src := digesttest.BusyWeek()
	if err := printDigest(context.Background(), &out, src, cfg, cat.Localizer("de"), testNow, 7, chart); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"**Wochenbild Ballenstedt: 19.11.2026 bis 25.11.2026**",
		"1 neu angemeldet (0), 1 aktiv (0), 1 angemeldet insgesamt.",
		"- Rieder: 1 neu (0), 1 aktiv (0), 1 angemeldet",
		"- „Ein Chor für alle“ – Rieder: 3 dafür, 0 dagegen, 0 neutral",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, out.String())
		}
	}
	f, err := os.Open(chart)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("chart: %v", err)
	}
	// From midnight of the day two weeks less a day ago: this week's
	// period begins at midnight six days ago, the week before it seven
	// days earlier.
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if len(src.Asked) != 1 || !src.Asked[0][0].Equal(time.Date(2026, 11, 12, 0, 0, 0, 0, berlin)) {
		t.Errorf("asked %v", src.Asked)
	}
}

func TestExportWritesTheWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.xlsx")
	var out bytes.Buffer
	if err := writeExport(context.Background(), &out, digesttest.BusyWeek(), config.Default(), testNow, "xlsx", path); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("opinions")
	if len(rows) != 2 || rows[1][7] != "Ein Chor für alle" || rows[1][0] != "Kultur & Vereine" {
		t.Errorf("opinions = %q", rows)
	}
	if strings.TrimSpace(out.String()) != path {
		t.Errorf("printed %q", out.String())
	}
}

func TestDigestSubcommandOnTheStore(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "heimatbot.yaml")
	if err := os.WriteFile(cfg, []byte("community:\n  id: "+storetest.Community(t)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	env := []string{"REDIS_URL=" + storetest.URL(t)}
	if err := run(context.Background(), []string{"digest", "--config", cfg, "--since", "7d"}, env, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("digest: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "Eine ruhige Woche") {
		t.Errorf("digest of an empty community:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"digest", "--since", "week"}, env, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "--since") {
		t.Errorf("bad --since: %v", err)
	}
}
