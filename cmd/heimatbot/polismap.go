package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/heimatbot/heimatbot/config"
	"github.com/heimatbot/heimatbot/digest"
	"github.com/heimatbot/heimatbot/export"
	"github.com/heimatbot/heimatbot/flows"
	"github.com/heimatbot/heimatbot/opinionmap"
	"github.com/heimatbot/heimatbot/polis"
)

// formatPolis is export's --format for Pol.is's export format.
const formatPolis = "polis"

// writePolis writes the opinions, the votes the map reads and the map's
// groups up to now as a Pol.is export folder, and says where.
func writePolis(ctx context.Context, w io.Writer, src flows.DigestSource, cfg *config.Config, now time.Time, dir string) error {
	d, err := src.DigestData(ctx, time.Time{}, now)
	if err != nil {
		return fmt.Errorf("export data: %w", err)
	}
	d.Period = digest.Period{From: now, To: now}
	d.Community = digest.CommunityOf(cfg.Community, cfg.Community.Languages[0])
	c, err := export.Polis(d, opinionmap.Options{})
	if err != nil {
		return err
	}
	if dir == "" {
		dir = "heimatbot-polis-" + now.Format("2006-01-02")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := polis.Write(dir, c); err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, dir)
	return err
}

// errNoPolis is a map call without a folder to read.
var errNoPolis = errors.New("map: name the Pol.is export folder with --polis DIR")

// defineMap reads a Pol.is export and writes the opinion map as the digest
// draws it (Markdown on stdout) and, with --groups, each voter's group.
func defineMap(fs *flag.FlagSet) func(context.Context, *call) error {
	dir := fs.String("polis", "", "Pol.is export `DIR` (comments.csv, votes.csv; participants-votes.csv and summary.csv optional)")
	groups := fs.String("groups", "", "also write participant,group as CSV to this `FILE`")
	lang := fs.String("lang", "de", "`LANGUAGE` of the text: de or en")
	top := fs.Int("top", 5, "statements of each kind to show")
	return func(_ context.Context, c *call) error {
		if *dir == "" {
			return errNoPolis
		}
		conv, err := polis.Read(os.DirFS(*dir))
		if err != nil {
			return err
		}
		cat, err := flows.LoadCatalog(*lang)
		if err != nil {
			return err
		}
		m, err := opinionmap.Compute(conv.Input(), opinionmap.Options{})
		if err != nil {
			return err
		}
		if *groups != "" {
			if err := os.WriteFile(*groups, groupsCSV(conv, m), 0o644); err != nil {
				return fmt.Errorf("map: %w", err)
			}
		}
		texts := make(map[string]string, len(conv.Comments))
		for _, cm := range conv.Comments {
			texts[cm.ID] = strings.TrimSpace(cm.Body)
		}
		stmt := func(id string) digest.Statement { return digest.Statement{ID: id, Text: texts[id]} }
		view := digest.ViewMap(m, stmt, *top, digest.Labels{})
		_, err = io.WriteString(c.stdout, view.Markdown(cat.Localizer(*lang)))
		return err
	}
}

// groupsCSV lists every voter on the map with their group (numbered from
// 0, largest first, as Pol.is numbers its group-id); empty but for the
// header when the map has no groups.
func groupsCSV(conv *polis.Conversation, m *opinionmap.Map) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"participant", "group"})
	if m.Status == opinionmap.Groups {
		for _, g := range m.Groups {
			for _, p := range g.Members {
				_ = w.Write([]string{p, strconv.Itoa(g.ID)})
			}
		}
	}
	w.Flush()
	return buf.Bytes()
}
